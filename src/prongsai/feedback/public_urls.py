from django.urls import path

from prongsai.feedback import public_views

app_name = "feedback_public"
urlpatterns = [
    path("channels/", public_views.hub, name="hub"),
    path("questions/", public_views.questions, name="questions"),
    path("services/", public_views.services_page, name="services"),
    path("services/<int:pk>/rate/", public_views.rate, name="rate"),
]
