from django.urls import path

from prongsai.channels import public_views

app_name = "channels_public"
urlpatterns = [
    path("report/", public_views.report, name="report"),
    path("complaint/", public_views.complaint, name="complaint"),
    path("follow/", public_views.follow, name="follow"),
]
