from django.urls import path

from prongsai.registers import views, views_more

app_name = "registers"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year_page, name="year"),
    path("assets/", views_more.assets, name="assets"),
    path("assets/<int:pk>/", views_more.asset_edit, name="asset"),
    path("<int:year>/gifts/", views.gifts, name="gifts"),
    path("<int:year>/gifts/policy/", views.policy, name="policy"),
    path("<int:year>/gifts/<int:pk>/", views.gift_edit, name="gift"),
    path("<int:year>/gifts/<int:pk>/report/", views.gift_report, name="gift_report"),
    path("<int:year>/gifts/<int:pk>/delete/", views.gift_delete, name="gift_delete"),
    path("<int:year>/loans/", views_more.loans, name="loans"),
    path("<int:year>/loans/<int:pk>/decide/", views_more.loan_decide, name="loan_decide"),
    path("<int:year>/loans/<int:pk>/return/", views_more.loan_return, name="loan_return"),
    path("<int:year>/loans/<int:pk>/form.pdf", views_more.loan_pdf, name="loan_pdf"),
    path("<int:year>/risks/", views_more.risks, name="risks"),
    path("<int:year>/risks/<int:pk>/", views_more.risk_edit, name="risk"),
    path("<int:year>/risks/<int:pk>/delete/", views_more.risk_delete, name="risk_delete"),
    path("<int:year>/events/<slug:kind>/", views_more.events, name="events"),
    path("<int:year>/event/<int:pk>/delete/", views_more.event_delete, name="event_delete"),
    path("<int:year>/files/<int:pk>/", views_more.event_file, name="event_file"),
    path("<int:year>/documents/<slug:kind>.<str:fmt>", views.document, name="document"),
    path("<int:year>/publish/<slug:kind>/", views.publish, name="publish"),
    path("<int:year>/attach/<slug:what>/<int:pk>/", views.attach, name="attach"),
]
