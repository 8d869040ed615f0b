from django.urls import path

from prongsai.orgs import invitation_views as views

app_name = "invitations"
urlpatterns = [
    path("", views.invitation_list, name="list"),
    path("<int:pk>/accept/", views.invitation_accept, name="accept"),
    path("<int:pk>/decline/", views.invitation_decline, name="decline"),
    path("set-password/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
]
