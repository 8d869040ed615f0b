from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("prongsai.core.urls")),
    path("accounts/", include("prongsai.accounts.urls")),
    path("invitations/", include("prongsai.orgs.invitation_urls")),
    path("a/<slug:slug>/", include("prongsai.orgs.urls")),
    path("a/<slug:slug>/plans/", include("prongsai.plans.urls")),
    path("a/<slug:slug>/progress/", include("prongsai.progress.urls")),
    path("a/<slug:slug>/audit/", include("prongsai.audit.urls")),
    path("a/<slug:slug>/import/", include("prongsai.imports.urls")),
    path("a/<slug:slug>/jobs/", include("prongsai.jobs.urls")),
    path("a/<slug:slug>/results/", include("prongsai.results.urls")),
    path("a/<slug:slug>/analysis/", include("prongsai.analysis.urls")),
    path("a/<slug:slug>/oit/", include("prongsai.oit.urls")),
    path("a/<slug:slug>/registers/", include("prongsai.registers.urls")),
    path("a/<slug:slug>/procurement/", include("prongsai.procurement.urls")),
    path("p/<slug:slug>/", include("prongsai.oit.public_urls")),
    path("a/<slug:slug>/channels/", include("prongsai.channels.urls")),
    path("p/<slug:slug>/channels/", include("prongsai.channels.public_urls")),
    path("a/<slug:slug>/feedback/", include("prongsai.feedback.urls")),
    path("p/<slug:slug>/", include("prongsai.feedback.public_urls")),
    path("frameworks/", include("prongsai.frameworks.urls")),
    path("oversight/oit/", include("prongsai.oit.oversight_urls")),
    path("oversight/channels/", include("prongsai.channels.oversight_urls")),
    path("oversight/", include("prongsai.oversight.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # the admin's own password change has no rate limit on the old password: use ours
    path(
        "admin/password_change/",
        RedirectView.as_view(pattern_name="accounts:password_change"),
        name="admin_password_change",
    ),
    path("admin/", admin.site.urls),
]

handler400 = "prongsai.core.errors.bad_request"
handler403 = "prongsai.core.errors.permission_denied"
handler404 = "prongsai.core.errors.page_not_found"
handler500 = "prongsai.core.errors.server_error"
