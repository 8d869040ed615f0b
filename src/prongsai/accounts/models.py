from __future__ import annotations

from django.db import models


class LoginFailure(models.Model):
    """A failed sign-in (or a password-reset request, a wrong old password: `kind`), kept for a
    short time to slow down password guessing (`throttle.py`)."""

    kind = models.CharField(max_length=10, default="login")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.ip or '-'}"
