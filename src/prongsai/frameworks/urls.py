from django.urls import path

from prongsai.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("upload/", views.framework_upload, name="upload"),
    path("<int:year>/", views.framework_detail, name="detail"),
    path("<int:year>/fy<int:file_year>.yaml", views.framework_download, name="download"),
]
