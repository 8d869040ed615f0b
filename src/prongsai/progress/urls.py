from django.urls import path

from prongsai.progress import report_views, views

app_name = "progress"
urlpatterns = [
    path("", views.progress_index, name="index"),
    path("deadlines/", report_views.deadlines, name="deadlines"),
    path("<int:year>/", views.plan_progress, name="plan"),
    path("<int:year>/export.xlsx", report_views.export_xlsx, name="export"),
    path("<int:year>/links/check/", views.links_check, name="links_check"),
    path("<int:year>/measures/<int:pk>/", views.measure_detail, name="measure"),
    path("<int:year>/measures/<int:pk>/actions/add/", views.action_add, name="action_add"),
    path("<int:year>/measures/<int:pk>/notes/<slug:period>/", views.note_edit, name="note_edit"),
    path("<int:year>/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("<int:year>/actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
    path("<int:year>/actions/<int:pk>/evidence/add/", views.evidence_add, name="evidence_add"),
    path("<int:year>/evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("<int:year>/evidence/<int:pk>/file/", views.evidence_download, name="evidence_file"),
    path("<int:year>/reports/", report_views.reports, name="reports"),
    path(
        "<int:year>/reports/history/<int:pk>/copy.pdf",
        report_views.report_copy,
        name="report_copy",
    ),
    path("<int:year>/reports/<slug:period>/memo/", report_views.memo_edit, name="memo_edit"),
    path(
        "<int:year>/reports/<slug:period>/finalise/", report_views.report_finalise, name="finalise"
    ),
    path("<int:year>/reports/<slug:period>/reopen/", report_views.report_reopen, name="reopen"),
    path(
        "<int:year>/reports/<slug:period>/<slug:kind>.<slug:fmt>",
        report_views.report_download,
        name="download",
    ),
]
