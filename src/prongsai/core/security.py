"""Security headers every response carries: a strict Content-Security-Policy (only our own
scripts, styles, fonts and images; no inline script), and a Permissions-Policy."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext as _

from prongsai.core.text import clean_text

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


class ControlCharacterMiddleware:
    """Clean every query and form field of the characters documents cannot hold
    (`core.text.clean_text`: a vertical tab or form feed pasted from Word becomes a line break,
    other control characters go) before any form or view reads them: one place for every form of
    the site, the views that read raw fields included. Passwords are left as typed. Placed after
    NullCharacterMiddleware (a NUL is refused, not cleaned)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cleaned = _cleaned(request.GET)
        if cleaned is not None:
            request.GET = cleaned  # type: ignore[assignment]
        if request.method == "POST":
            cleaned = _cleaned(request.POST)
            if cleaned is not None:
                request.POST = cleaned  # type: ignore[assignment]
        return self.get_response(request)


def _cleaned(query: QueryDict) -> QueryDict | None:
    """A cleaned copy of `query`, or None when nothing needs cleaning (the usual case)."""
    lists = list(query.lists())
    if all(clean_text(v) == v for _key, values in lists for v in values):
        return None
    copy = query.copy()
    for key, values in lists:
        if "password" not in key:
            copy.setlist(key, [clean_text(v) for v in values])
    copy._mutable = False
    return copy
