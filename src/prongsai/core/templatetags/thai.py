"""Template filters for Thai dates and digits: {{ value|thai_digits }}, {{ date|thai_date }}."""

from __future__ import annotations

import datetime as dt

from django import template

from prongsai.core import thai

register = template.Library()


@register.filter
def thai_digits(value: object) -> str:
    return thai.to_thai_digits(value)


@register.filter
def thai_date(value: dt.date | None, style: str = "full") -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return thai.format_date(
        value, style="abbr" if style == "abbr" else "full", digits_style="arabic"
    )
