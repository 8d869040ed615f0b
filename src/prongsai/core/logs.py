"""Logs as JSON lines, each with the id of the request it belongs to, and error mails to the site
administrators that carry no personal data.

- `RequestIdMiddleware` (first in MIDDLEWARE): takes the proxy's `X-Request-ID` when it is a
  plain token, else makes one; every log line of the request carries it, and the response
  returns it in `X-Request-ID` (so an officer's report "it failed at 10:14" can be found).
- `JsonFormatter`: one JSON object per line (time, level, logger, message, request_id, and the
  traceback of an exception).
- `AdminErrorMail`: on a server error (500), a short mail to ADMINS (PRONGSAI_ADMINS) with the
  request id, method, path and the code lines of the traceback — no query string, form fields,
  cookies, user names or exception message (which can quote what a user typed).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import traceback
import uuid
from collections.abc import Callable
from typing import Any

from django.core.mail import mail_admins
from django.http import HttpRequest, HttpResponse

_REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("prongsai_request_id", default="")
_GOOD_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def request_id() -> str:
    return _REQUEST_ID.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        rid = given if _GOOD_ID.fullmatch(given) else uuid.uuid4().hex
        token = _REQUEST_ID.set(rid)
        try:
            response = self.get_response(request)
        finally:
            _REQUEST_ID.reset(token)
        response["X-Request-ID"] = rid
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", "") or request_id()
        if rid:
            out["request_id"] = rid
        status = getattr(record, "status_code", None)
        if status is not None:
            out["status"] = status
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


class AdminErrorMail(logging.Handler):
    """A server error, told to ADMINS without personal data."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            request = getattr(record, "request", None)
            method = getattr(request, "method", "") or ""
            path = getattr(request, "path", "") or ""
            rid = getattr(record, "request_id", "") or request_id()
            lines = [f"request id: {rid}", f"{method} {path}".strip(), f"logger: {record.name}"]
            if record.exc_info and record.exc_info[0] is not None:
                kind, _value, tb = record.exc_info
                lines += ["", f"{kind.__module__}.{kind.__qualname__}", ""]
                lines += [line.rstrip() for line in traceback.format_tb(tb)]
            subject = f"{record.levelname}: {method} {path}".strip()[:150]
            mail_admins(subject, "\n".join(lines), fail_silently=True)
        except Exception:
            self.handleError(record)
