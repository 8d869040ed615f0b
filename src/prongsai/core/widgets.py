"""Form widgets. ThaiDateInput: the text box of every date field (core.fields.ThaiDateField).

FastSelect renders without a template per option. Django's Select renders every
<option> through the template engine (~30 µs each); a filter with a hundred provinces and
districts then costs milliseconds on every page view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai


class FastSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = set(self.format_value(value))
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (v, mark_safe(" selected") if str(v) in chosen else "", label)
                for v, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class ThaiDateInput(forms.TextInput):
    """A text box for a B.E. date. A date is shown as the officer would type it, "30/04/2570", in
    the page's digit style; what was typed (even wrongly) is shown back as it was."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "class": "thai-date",
            "placeholder": _("วว/ดด/ปปปป"),
            "autocomplete": "off",
            "inputmode": "text",
            "maxlength": "40",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return thai.input_date(value)
        return super().format_value(value)
