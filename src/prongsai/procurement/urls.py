from django.urls import path

from prongsai.procurement import views

app_name = "procurement"
M = "<int:year>/<int:month>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("template.xlsx", views.template_download, name="template"),
    path("<int:year>/", views.year_view, name="year"),
    path("<int:year>/sorkhor1.<str:fmt>", views.bundle_download, name="year_download"),
    path("<int:year>/q<int:quarter>.<str:fmt>", views.bundle_download, name="quarter_download"),
    path(M, views.month_view, name="month"),
    path(M + "sorkhor1.<str:fmt>", views.month_download, name="month_download"),
    path(M + "entries/new/", views.entry_new, name="entry_new"),
    path(M + "entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path(M + "entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path(M + "import/", views.month_import, name="import"),
    path(M + "nil/", views.month_nil, name="nil"),
    path(M + "close/", views.month_close, name="close"),
    path(M + "reopen/", views.month_reopen, name="reopen"),
    path(M + "evidence/", views.month_evidence, name="evidence"),
]
