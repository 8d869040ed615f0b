from django.urls import path

from prongsai.channels import views

app_name = "channels"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/identity/", views.identity, name="identity"),
    path("<int:pk>/stand-aside/", views.stand_aside, name="stand_aside"),
    path("<int:pk>/files/<int:file_pk>/", views.attachment, name="attachment"),
    path("receivers/", views.receivers, name="receivers"),
    path("receivers/<int:pk>/remove/", views.receiver_remove, name="receiver_remove"),
    path("stats/", views.stats, name="stats"),
    path("stats/o18.<str:fmt>", views.stats_file, name="stats_file"),
    path("stats/publish/", views.publish, name="publish"),
]
