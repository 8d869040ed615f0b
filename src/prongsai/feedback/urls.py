from django.urls import path

from prongsai.feedback import evidence_views, guideline_views, views

app_name = "feedback"
urlpatterns = [
    path("", views.index, name="index"),
    path("questions/", views.questions, name="questions"),
    path("questions/<int:pk>/", views.question, name="question"),
    path("questions/<int:pk>/status/", views.question_status, name="question_status"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("services/", views.service_list, name="services"),
    path("services/<int:pk>/", views.service_edit, name="service_edit"),
    path("services/<int:pk>/delete/", views.service_delete, name="service_delete"),
    path("survey/", views.survey, name="survey"),
    path("survey/chart.png", views.survey_chart, name="survey_chart"),
    path("evidence/", evidence_views.evidence, name="evidence"),
    path("guideline/", guideline_views.guideline_edit, name="guideline"),
    path(
        "guideline/preview.<str:fmt>", guideline_views.guideline_preview, name="guideline_preview"
    ),
    path("guideline/publish/", guideline_views.guideline_publish, name="guideline_publish"),
    path("poster/", guideline_views.poster, name="poster"),
]
