"""Rate limiting of everything that proves or resets a password, shared by every web process
through the database.

Sign-in (every path: our login page, /admin/login/, any caller of `authenticate`, through
`ThrottledModelBackend`). Within WINDOW, further attempts are refused after
- 5 failures for one username from one address (someone guessing one officer's password),
- 30 failures from one address, whatever the usernames (someone trying many accounts),
- 100 failures for one username from all addresses together (guessing spread over many machines).
A stranger failing five times with an officer's username therefore locks out only the stranger's
address, not the officer; locking the officer out takes failures from several addresses.

Usernames are counted as Django reads them (`normalise_username`: NFKC, no surrounding spaces,
any case), so "admin ", "ＡＤＭＩＮ" and "Admin" are one count with "admin".

Password reset: 3 requests for one e-mail address and 10 from one address per WINDOW (each sends
a mail). Password change: 5 wrong old passwords for one account per WINDOW (someone at an
officer's open session guessing the password)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import LoginFailure

WINDOW = dt.timedelta(minutes=15)
LOGIN, RESET, PASSWORD = "login", "reset", "password"
_THROTTLED = "_prongsai_login_throttled"


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def normalise_username(text: Any) -> str:
    """The username as the sign-in form reads it (NFKC, stripped), in one case."""
    return unicodedata.normalize("NFKC", str(text or "")).strip().casefold()[:150]


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


def _recent(kind: str) -> Any:
    return LoginFailure.objects.filter(kind=kind, at__gte=timezone.now() - WINDOW)


def record(kind: str, username: str, ip: str | None) -> None:
    LoginFailure.objects.create(kind=kind, username=normalise_username(username), ip=ip)
    LoginFailure.objects.filter(at__lt=timezone.now() - 4 * WINDOW).delete()


def is_blocked(username: str, ip: str | None) -> bool:
    """Whether a sign-in as `username` from `ip` is refused now."""
    recent = _recent(LOGIN)
    username = normalise_username(username)
    if ip and recent.filter(ip=ip).count() >= _limit("PRONGSAI_LOGIN_FAILURES_PER_IP", 30):
        return True
    if username:
        mine = recent.filter(username=username)
        per_pair = _limit("PRONGSAI_LOGIN_FAILURES_PER_USERNAME_AND_IP", 5)
        if mine.filter(ip=ip).count() >= per_pair:  # ip None: failures of unknown address
            return True
        if mine.count() >= _limit("PRONGSAI_LOGIN_FAILURES_PER_USERNAME", 100):
            return True
    return False


def was_throttled(request: HttpRequest | None) -> bool:
    """Whether the sign-in just tried on this request was refused by the limits."""
    return bool(getattr(request, _THROTTLED, False))


def throttled_message() -> str:
    return _("เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป โปรดรอ ๑๕ นาทีแล้วลองใหม่ หรือใช้ “ลืมรหัสผ่าน?”")


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing every sign-in the limits block before looking at the password,
    whichever page or script asks."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if is_blocked(username or "", client_ip(request)):
            if request is not None:
                setattr(request, _THROTTLED, True)
            raise PermissionDenied  # stops every backend; authenticate() reports a failure
        return super().authenticate(request, username, password, **kwargs)


@receiver(user_login_failed)
def _record_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    if was_throttled(request):  # refused unseen: not another guess
        return
    record(LOGIN, str(credentials.get("username", "")), client_ip(request))


def reset_check(email: str, ip: str | None) -> None:
    """Count one password-reset request; refuse it (ValidationError) when there were too many."""
    recent = _recent(RESET)
    email = normalise_username(email)
    if (ip and recent.filter(ip=ip).count() >= _limit("PRONGSAI_RESETS_PER_IP", 10)) or (
        recent.filter(username=email).count() >= _limit("PRONGSAI_RESETS_PER_EMAIL", 3)
    ):
        raise ValidationError(
            _("ขอลิงก์ตั้งรหัสผ่านใหม่บ่อยเกินไป โปรดรอ ๑๕ นาทีแล้วลองใหม่ และดูอีเมลที่ส่งไปแล้ว"),
            code="throttled",
        )
    record(RESET, email, ip)


def old_password_blocked(username: str) -> bool:
    limit = _limit("PRONGSAI_OLD_PASSWORD_FAILURES", 5)
    return _recent(PASSWORD).filter(username=normalise_username(username)).count() >= limit
