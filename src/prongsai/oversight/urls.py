from django.urls import path, re_path

from prongsai.oversight import views

app_name = "oversight"
FMT = r"(?P<fmt>xlsx|csv)"
urlpatterns = [
    path("", views.home, name="home"),
    path("country/", views.country, name="country"),
    path("province/<slug:code>/", views.province, name="province"),
    path("district/<slug:code>/", views.district, name="district"),
    re_path(rf"^country/export\.{FMT}$", views.country_export, name="country_export"),
    re_path(
        rf"^province/(?P<code>[-\w]+)/export\.{FMT}$",
        views.province_export,
        name="province_export",
    ),
    re_path(
        rf"^district/(?P<code>[-\w]+)/export\.{FMT}$",
        views.district_export,
        name="district_export",
    ),
    path("import/", views.bulk, name="bulk"),
    path("import/<int:pk>/", views.bulk_job, name="bulk_job"),
    path("import/<int:pk>/retry/", views.bulk_retry, name="bulk_retry"),
    re_path(rf"^import/template\.{FMT}$", views.bulk_template, name="bulk_template"),
]
