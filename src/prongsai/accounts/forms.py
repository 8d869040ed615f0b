from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prongsai.accounts.throttle import client_ip, is_blocked


class ThrottledAuthenticationForm(AuthenticationForm):
    throttled = False

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        if is_blocked(str(username).lower(), client_ip(self.request)):
            self.throttled = True
            raise ValidationError(
                _("เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป โปรดรอ ๑๕ นาทีแล้วลองใหม่ หรือใช้ “ลืมรหัสผ่าน?”"),
                code="throttled",
            )
        return super().clean()
