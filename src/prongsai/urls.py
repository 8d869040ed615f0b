from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("prongsai.core.urls")),
    path("accounts/", include("prongsai.accounts.urls")),
    path("a/<slug:slug>/", include("prongsai.orgs.urls")),
    path("a/<slug:slug>/plans/", include("prongsai.plans.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
