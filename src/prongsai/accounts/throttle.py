"""Login rate limiting, shared by every web process through the database.

Within WINDOW, further attempts are refused after
- 5 failures for one username from one address (someone guessing one officer's password),
- 30 failures from one address, whatever the usernames (someone trying many accounts),
- 100 failures for one username from all addresses together (guessing spread over many machines).
A stranger failing five times with an officer's username therefore locks out only the stranger's
address, not the officer; locking the officer out takes failures from several addresses."""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from prongsai.accounts.models import LoginFailure

WINDOW = dt.timedelta(minutes=15)


def _limits() -> tuple[int, int, int]:
    return (
        int(getattr(settings, "PRONGSAI_LOGIN_FAILURES_PER_USERNAME_AND_IP", 5)),
        int(getattr(settings, "PRONGSAI_LOGIN_FAILURES_PER_IP", 30)),
        int(getattr(settings, "PRONGSAI_LOGIN_FAILURES_PER_USERNAME", 100)),
    )


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from. Behind the reverse proxy (PRONGSAI_BEHIND_PROXY) every
    request comes from the proxy: the client's address is the one the proxy appended last to
    X-Forwarded-For (the entries before it are the client's word, and can be forged)."""
    if request is None:
        return None
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if _is_ip(forwarded):
            return forwarded
    address = request.META.get("REMOTE_ADDR", "")
    return address if _is_ip(address) else None


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def is_blocked(username: str, ip: str | None) -> bool:
    per_pair, per_ip, per_username = _limits()
    recent = LoginFailure.objects.filter(at__gte=timezone.now() - WINDOW)
    username = username.lower()
    if ip and recent.filter(ip=ip).count() >= per_ip:
        return True
    if username:
        mine = recent.filter(username=username)
        if mine.filter(ip=ip).count() >= per_pair:  # ip None: failures of unknown address
            return True
        if mine.count() >= per_username:
            return True
    return False


@receiver(user_login_failed)
def _record_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    LoginFailure.objects.create(
        username=str(credentials.get("username", ""))[:150].lower(), ip=client_ip(request)
    )
    LoginFailure.objects.filter(at__lt=timezone.now() - 4 * WINDOW).delete()
