"""Abuse resistance for the public forms anyone may send without signing in (a question, a
rating, a complaint, a corruption report): rate limits per address that store no address, a
honeypot field, a minimum fill time, size limits, and clear Thai refusals that write nothing.

Rate limits. Each sent form counts against its *scope* (``"qa"``, ``"survey"``, ``"report"``…)
for the address it came from (``accounts.throttle.client_ip``, the same reading of the address
as the sign-in limits, proxy included). The address itself is never kept: the counter's name is
an HMAC-SHA256 of scope and address under a key derived from ``SECRET_KEY`` and today's date
(UTC), so the key rotates every day and yesterday's names cannot be linked to an address once
the day's key is gone (it is never stored; it is recomputed). Counters live only in Django's
``default`` cache, each expiring with its window: in each process's memory by default (a limit
then applies per web process), in the shared Redis with ``PRONGSAI_CACHE_URL``. Nothing goes to
the database. Unlike sign-in failures (kept in the database so that every process sees them),
a forgotten counter here costs at most a few more submissions.

Limits are ``settings.PRONGSAI_ABUSE_RATES``: ``{scope: ((count, seconds), ...)}``, with
``"default"`` for scopes not named; a load test raises them (``override_settings``). A window
longer than a day is cut at midnight UTC (the key changes).

Forms. ``PublicFormMixin`` adds two fields to a form: ``website``, a honeypot hidden from people
(inside ``<div hidden>``: ``{% include "core/_abuse_fields.html" %}``) that bots fill in, and
``started``, a signed timestamp (``django.core.signing``) written when the page was shown; a
form sent sooner than ``PRONGSAI_ABUSE_MIN_FILL_SECONDS`` after it, or later than
``PRONGSAI_ABUSE_MAX_FORM_AGE``, or without a valid one, is refused with a Thai message.

Views. ``@public_write("qa")`` on a view: a POST larger than ``PRONGSAI_ABUSE_MAX_BYTES`` (or the
scope's own limit) is refused with 413, one over the rate limit with 429, both with the site's
error page and a Thai sentence, before the view runs (nothing written). Every POST counts, the
refused ones included, so guessing (a case code) is limited too. ``rate_check`` does the same
from code.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import time
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.accounts.throttle import client_ip

DEFAULT_RATES: dict[str, tuple[tuple[int, int], ...]] = {
    # 10 in 10 minutes and 50 a day from one address: a family behind one router sends a few,
    # a script sending hundreds stops early.
    "default": ((10, 600), (50, 86400)),
}
DEFAULT_MIN_FILL_SECONDS = 3
DEFAULT_MAX_FORM_AGE = 24 * 3600
DEFAULT_MAX_BYTES = 64 * 1024  # a text form; forms with attachments name their own limit
_SALT = "prongsai.core.abuse.started"
HONEYPOT = "website"
STARTED = "started"


class Refused(Exception):
    """A public write refused before anything was written: `message` (Thai) and HTTP `status`."""

    def __init__(self, message: str, status: int = 429) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def rates(scope: str) -> tuple[tuple[int, int], ...]:
    """The (count, seconds) limits of `scope`."""
    table = {**DEFAULT_RATES, **_setting("PRONGSAI_ABUSE_RATES", {})}
    return tuple(table.get(scope, table["default"]))


def _day_key(day: dt.date) -> bytes:
    """Today's key: derived, never stored, so it is gone (for everyone) once the day is over."""
    material = f"prongsai.core.abuse:{day.isoformat()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).digest()


def address_token(request: HttpRequest | None, scope: str, *, day: dt.date | None = None) -> str:
    """The keyed hash that stands for the request's address in `scope` today (never the address).
    Requests whose address is unknown share one token."""
    day = day or timezone.now().astimezone(dt.UTC).date()
    address = client_ip(request) or "unknown"
    digest = hmac.new(_day_key(day), f"{scope}\0{address}".encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


def _counter_names(request: HttpRequest | None, scope: str) -> list[tuple[str, int, int]]:
    token = address_token(request, scope)
    now = int(time.time())
    return [
        (f"abuse:{scope}:{seconds}:{now // seconds}:{token}", count, seconds)
        for count, seconds in rates(scope)
    ]


def _too_many() -> str:
    return _("ส่งแบบฟอร์มบ่อยเกินไป โปรดรอสักครู่แล้วลองใหม่")


def rate_check(request: HttpRequest | None, scope: str, *, count: bool = True) -> None:
    """Count one write of `scope` from the request's address (unless `count` is False) and raise
    `Refused` (429) when it goes over a limit of the scope."""
    for name, limit, seconds in _counter_names(request, scope):
        if count:
            cache.add(name, 0, timeout=seconds + 1)
            try:
                used = cache.incr(name)
            except ValueError:  # expired between add and incr
                cache.set(name, 1, timeout=seconds + 1)
                used = 1
        else:
            used = int(cache.get(name, 0)) + 1
        if used > limit:
            raise Refused(_too_many(), 429)


def rate_reset(request: HttpRequest | None, scope: str) -> None:
    """Forget the counters of `scope` for this address (tests, an officer's own trial)."""
    for name, _limit, _seconds in _counter_names(request, scope):
        cache.delete(name)


def size_check(request: HttpRequest, max_bytes: int | None = None) -> None:
    """Raise `Refused` (413) when the request's body is larger than the limit."""
    limit = max_bytes or int(_setting("PRONGSAI_ABUSE_MAX_BYTES", DEFAULT_MAX_BYTES))
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise Refused(_("ข้อมูลที่ส่งมายาวเกินไป โปรดย่อข้อความหรือลดขนาดไฟล์แล้วส่งใหม่"), 413)


def refusal_response(request: HttpRequest, refused: Refused) -> HttpResponse:
    """The site's error page saying why (in Thai), with the refusal's status."""
    title = _("ส่งไม่สำเร็จ")
    context = {"status": refused.status, "title": title, "message": refused.message}
    response = render(request, "core/error.html", context, status=refused.status)
    if refused.status == 429:
        response["Retry-After"] = "600"
    return response


def public_write(
    scope: str, *, max_bytes: int | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view taking anonymous POSTs: size and rate checks before the view runs."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                try:
                    size_check(request, max_bytes)
                    rate_check(request, scope)
                except Refused as refused:
                    return refusal_response(request, refused)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def start_token(at: float | None = None) -> str:
    """The signed time the form was shown (the `started` field's value)."""
    return signing.dumps(int(at if at is not None else time.time()), salt=_SALT)


def started_check(value: Any) -> None:
    """Raise forms.ValidationError unless `value` is a valid start token of a form shown at
    least the minimum fill time ago and no longer than the maximum age."""
    max_age = int(_setting("PRONGSAI_ABUSE_MAX_FORM_AGE", DEFAULT_MAX_FORM_AGE))
    try:
        shown = int(signing.loads(str(value or ""), salt=_SALT, max_age=max_age))
        if time.time() - shown > max_age:
            raise signing.SignatureExpired
    except signing.SignatureExpired:
        raise forms.ValidationError(
            _("แบบฟอร์มนี้เปิดไว้นานเกินไป โปรดโหลดหน้าใหม่แล้วกรอกอีกครั้ง"), code="expired"
        ) from None
    except (signing.BadSignature, TypeError, ValueError, OverflowError):
        raise forms.ValidationError(
            _("แบบฟอร์มไม่สมบูรณ์ โปรดโหลดหน้าใหม่แล้วกรอกอีกครั้ง"), code="bad_start"
        ) from None
    minimum = float(_setting("PRONGSAI_ABUSE_MIN_FILL_SECONDS", DEFAULT_MIN_FILL_SECONDS))
    if time.time() - shown < minimum:
        raise forms.ValidationError(_("ส่งเร็วเกินไป โปรดตรวจข้อความอีกครั้งแล้วกดส่ง"), code="too_fast")


class PublicFormMixin(forms.Form):
    """The honeypot and the fill-time fields of a public form (mix in before forms.Form or
    forms.ModelForm). The template includes ``core/_abuse_fields.html`` inside the <form>."""

    website = forms.CharField(
        required=False,
        max_length=200,
        label=gettext_lazy("เว็บไซต์ (เว้นว่าง)"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[STARTED] = start_token()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(HONEYPOT):
            # A person never sees the field: refuse without saying which field tripped.
            raise forms.ValidationError(_("ส่งไม่สำเร็จ โปรดโหลดหน้าใหม่แล้วกรอกอีกครั้ง"), code="honeypot")
        try:
            started_check(self.data.get(self.add_prefix(STARTED)))
        except forms.ValidationError as error:
            if error.code != "too_fast":  # shown again with a fresh start: the next try can pass
                posted: Any = self.data
                posted = posted.copy() if hasattr(posted, "copy") else dict(posted)
                posted[self.add_prefix(STARTED)] = start_token()
                self.data = posted
            raise
        return data

    def public_cleaned_data(self) -> dict[str, Any]:
        """cleaned_data without the two guard fields."""
        return {k: v for k, v in self.cleaned_data.items() if k not in (HONEYPOT, STARTED)}
