from django.urls import path

from prongsai.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/discard/", views.discard, name="discard"),
]
