from django.urls import path

from prongsai.oit import views

app_name = "oit"
urlpatterns = [
    path("", views.oit_index, name="index"),
    path("create/", views.register_create, name="create"),
    path("<int:year>/", views.register_page, name="register"),
    path("<int:year>/itas.xlsx", views.export_xlsx, name="export"),
    path("<int:year>/itas/", views.print_page, name="print"),
    path("<int:year>/copy/", views.register_copy, name="copy"),
    path("<int:year>/links/check/", views.links_check, name="links_check"),
    path("<int:year>/items/<slug:code>/", views.entry_edit, name="entry"),
    path("<int:year>/items/<slug:code>/links/add/", views.link_add, name="link_add"),
    path("<int:year>/items/<slug:code>/files/add/", views.file_add, name="file_add"),
    path("<int:year>/links/<int:pk>/delete/", views.link_delete, name="link_delete"),
    path("<int:year>/files/<int:pk>/delete/", views.file_delete, name="file_delete"),
    path("<int:year>/files/<int:pk>/", views.file_download, name="file"),
]
