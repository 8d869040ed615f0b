from __future__ import annotations

from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prongsai.accounts import throttle


class _ThrottleMessage:
    """Says "wait 15 minutes" instead of "wrong password" when the limits refused the sign-in
    (`throttle.ThrottledModelBackend` refuses it, on every path)."""

    throttled = False
    request: Any

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()  # type: ignore[misc]
        except ValidationError:
            if throttle.was_throttled(self.request):
                self.throttled = True
                raise ValidationError(throttle.throttled_message(), code="throttled") from None
            raise


class ThrottledAuthenticationForm(_ThrottleMessage, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(_ThrottleMessage, AdminAuthenticationForm):
    pass


class ThrottledPasswordResetForm(PasswordResetForm):
    """Each request sends a mail: limited per e-mail address and per client address."""

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            throttle.reset_check(cleaned.get("email", ""), throttle.client_ip(self.request))
        return cleaned


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Five wrong old passwords for one account in 15 minutes, and the form stops checking."""

    def clean_old_password(self) -> str:
        username = self.user.get_username()
        if throttle.old_password_blocked(username):
            raise ValidationError(
                _("ใส่รหัสผ่านเดิมผิดหลายครั้งเกินไป โปรดรอ ๑๕ นาทีแล้วลองใหม่"), code="throttled"
            )
        try:
            return str(super().clean_old_password())
        except ValidationError:
            throttle.record(throttle.PASSWORD, username, None)
            raise
