from django.urls import path

from prongsai.channels import oversight_views

app_name = "channels_oversight"
urlpatterns = [
    path("country/", oversight_views.country, name="country"),
    path("province/<slug:code>/", oversight_views.province, name="province"),
    path("district/<slug:code>/", oversight_views.district, name="district"),
]
