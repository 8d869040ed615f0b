"""The site's own error pages (handler400/403/404/500): in the page's language, in the site's
layout, with the message we raised (“ไม่พบหน่วยงานนี้”) and a way back.

Only our messages are shown: a message is shown when it is a plain sentence we wrote (Thai), never
Django's resolver details or an English developer message. The 500 page renders without a request
context or the database, which may be what failed.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def our_message(exception: BaseException | None) -> str:
    """The sentence we raised, translated when the catalogue knows it, else ''."""
    if exception is None or len(exception.args) != 1 or not isinstance(exception.args[0], str):
        return ""
    message = exception.args[0].strip()
    if not message or not any("\u0e00" <= ch <= "\u0e7f" for ch in message):
        return ""
    return _(message)[:300]


def _page(
    request: HttpRequest, status: int, title: str, exception: BaseException | None
) -> HttpResponse:
    context = {"status": status, "title": title, "message": our_message(exception)}
    return render(request, "core/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(request, 400, _("คำขอไม่ถูกต้อง"), exception)


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(request, 403, _("ไม่มีสิทธิ์เข้าถึงหน้านี้"), exception)


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(request, 404, _("ไม่พบหน้าที่ต้องการ"), exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent after its page expired (or from elsewhere): say what to do, in the layout."""
    return _page(
        request,
        403,
        _("แบบฟอร์มนี้หมดอายุแล้ว"),
        PermissionDenied(_("โปรดกลับไปที่หน้าเดิม โหลดหน้าใหม่ แล้วส่งแบบฟอร์มอีกครั้ง")),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """No context processors, no database, no session: only the template and the language."""
    try:
        html = loader.get_template("core/error_500.html").render({"lang": get_language() or "th"})
    except Exception:  # the templates themselves may be what failed
        logger.exception("the 500 page could not be rendered")
        html = "<!doctype html><title>500</title><h1>500</h1><p><a href='/'>Prongsai</a></p>"
    return HttpResponse(html, status=500)
