"""A URL that fails, for the error-report tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def boom(request: HttpRequest) -> HttpResponse:
    raise ValueError(f"bad input {request.POST.get('citizen_id', '')}")


urlpatterns = [path("boom/", boom), path("", include("prongsai.urls"))]
