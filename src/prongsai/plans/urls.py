from django.urls import path

from prongsai.plans import document_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:year>/", views.plan_detail, name="detail"),
    path("<int:year>/edit/", views.plan_edit, name="edit"),
    path("<int:year>/copy/", views.plan_copy, name="copy"),
    path("<int:year>/suggest/", views.plan_suggest, name="suggest"),
    path("<int:year>/issues/add/", views.issue_add, name="issue_add"),
    path("<int:year>/issues/<int:pk>/edit/", views.issue_edit, name="issue_edit"),
    path("<int:year>/issues/<int:pk>/delete/", views.issue_delete, name="issue_delete"),
    path("<int:year>/issues/<int:pk>/move/", views.issue_move, name="issue_move"),
    path("<int:year>/issues/<int:pk>/measures/add/", views.measure_add, name="measure_add"),
    path("<int:year>/measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("<int:year>/measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
    path("<int:year>/measures/<int:pk>/move/", views.measure_move, name="measure_move"),
    path("<int:year>/approve/", views.plan_approve, name="approve"),
    path("<int:year>/reopen/", views.plan_reopen, name="reopen"),
    path("<int:year>/history/", views.plan_history, name="history"),
    path("<int:year>/history/<int:pk>/copy.pdf", views.revision_copy, name="revision_copy"),
    path("<int:year>/preview/", document_views.plan_preview, name="preview"),
    path(
        "<int:year>/preview/<int:page>.png", document_views.plan_preview_page, name="preview_page"
    ),
    path("<int:year>/download/<str:fmt>/", document_views.plan_download, name="download"),
]
