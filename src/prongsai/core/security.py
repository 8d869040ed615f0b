"""Security headers every response carries: a strict Content-Security-Policy (only our own
scripts, styles, fonts and images; no inline script), and a Permissions-Policy."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The Django admin too: its scripts are static files (a browser test drives it).
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if getattr(settings, "PRONGSAI_PRODUCTION", False):
            response.headers.setdefault("Cache-Control", "private")
        return response


class ThaiFirstMiddleware:
    """Thai unless the user chose English: the browser's Accept-Language is not followed, since
    many officers' computers run an English browser. Placed before LocaleMiddleware, which then
    reads only the language cookie (set by the language switch) or falls back to Thai."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NullCharacterMiddleware:
    """Refuse a request whose query or form fields hold a NUL character: no text an officer types
    contains one, PostgreSQL cannot store one (SQLite can, so it would only fail there), and the
    forms already refuse it field by field; this covers the few views that read raw fields.
    Placed after LocaleMiddleware, so the refusal is in the page's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fields = [request.GET]
        if request.method == "POST":
            fields.append(request.POST)
        for query in fields:
            for values in query.lists():
                if any("\x00" in value for value in [values[0], *values[1]]):
                    return HttpResponseBadRequest(
                        _("ข้อมูลที่ส่งมามีอักขระที่ใช้ไม่ได้ (NUL) กรุณาพิมพ์ใหม่"),
                        content_type="text/plain; charset=utf-8",
                    )
        return self.get_response(request)
