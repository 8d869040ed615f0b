"""MINIMUM abuse resistance for the anonymous forms, written here because `prongsai.core.abuse`
(the feedback helper's) had not landed yet. FOR MERGING into core.abuse: same ideas.

- Per-address rate limits that store no address: the counter's key is an HMAC of the address
  under a secret that changes every window (derived from SECRET_KEY and the window's number),
  so a stored key cannot be turned back into an address, even by whoever holds the cache.
- A honeypot field (`website`, hidden from people, filled by bots) and a minimum fill time
  (a signed start time in the form): both refuse quietly with a Thai message.
- Limits are settings (PRONGSAI_CHANNELS_RATE_*), so the bench can lift them.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from prongsai.accounts.throttle import client_ip

WINDOW_SECONDS = 3600
_SALT = "prongsai.channels.form-start"

LIMITS = {  # scope: (setting, default per window)
    "report": ("PRONGSAI_CHANNELS_RATE_REPORTS", 10),
    "follow": ("PRONGSAI_CHANNELS_RATE_CODES", 20),
}


def limit(scope: str) -> int:
    name, default = LIMITS[scope]
    return int(getattr(settings, name, default))


def min_fill_seconds() -> float:
    return float(getattr(settings, "PRONGSAI_CHANNELS_MIN_FILL_SECONDS", 3))


def _key(request: HttpRequest, scope: str) -> str:
    window = int(time.time() // WINDOW_SECONDS)
    secret = hashlib.sha256(f"abuse:{window}:{settings.SECRET_KEY}".encode()).digest()
    address = client_ip(request) or "unknown"
    digest = hmac.new(secret, f"{scope}:{address}".encode(), hashlib.sha256).hexdigest()
    return f"channels-abuse:{scope}:{window}:{digest[:40]}"


def allow(request: HttpRequest, scope: str) -> bool:
    """Count one attempt; False when the address went over the scope's limit this window."""
    key = _key(request, scope)
    if cache.add(key, 1, WINDOW_SECONDS + 60):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS + 60)
            count = 1
    return count <= limit(scope)


TOO_MANY = _("ส่งมาหลายครั้งเกินไปในช่วงนี้ กรุณาลองใหม่ภายหลัง (ประมาณ ๑ ชั่วโมง)")
TOO_FAST = _("ส่งเร็วเกินไป กรุณาตรวจข้อความแล้วกดส่งอีกครั้ง")
BOT = _("ส่งไม่สำเร็จ กรุณาลองใหม่อีกครั้ง")


class GuardedForm(forms.Form):
    """A public form with a honeypot and a minimum fill time."""

    website = forms.CharField(
        label=_("เว้นว่างช่องนี้"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=_SALT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(BOT)
        try:
            started = float(signing.loads(data.get("started") or "", salt=_SALT, max_age=86400))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(BOT) from None
        if time.time() - started < min_fill_seconds():
            raise forms.ValidationError(TOO_FAST)  # pressed again a moment later, it goes
        return data
