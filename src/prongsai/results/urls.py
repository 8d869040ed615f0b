from django.urls import path

from prongsai.results import views

app_name = "results"
urlpatterns = [
    path("", views.result_index, name="index"),
    path("import/", views.result_import, name="import"),
    path("template/fy<int:year>.<str:fmt>", views.result_template, name="template"),
    path("<int:year>/", views.result_detail, name="detail"),
    path("<int:year>/edit/", views.result_edit, name="edit"),
    path("<int:year>/delete/", views.result_delete, name="delete"),
]
