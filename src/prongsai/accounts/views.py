"""Django's password views with the rate limits of `throttle.py`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views

from prongsai.accounts.forms import ThrottledPasswordChangeForm, ThrottledPasswordResetForm


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ThrottledPasswordResetForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm
