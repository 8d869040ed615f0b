from django.urls import path

from prongsai.analysis import views

app_name = "analysis"
urlpatterns = [
    path("", views.analysis_index, name="index"),
    path("<int:year>/", views.analysis_year, name="year"),
    path("<int:year>/chart/<slug:kind>.png", views.analysis_chart, name="chart"),
]
