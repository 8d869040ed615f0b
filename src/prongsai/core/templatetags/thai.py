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
def thai_date(value: dt.date | str | None, style: str = "full") -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
        return thai.format_date(
            day, style="abbr" if style == "abbr" else "full", digits_style="arabic"
        )
    if isinstance(value, dt.datetime):
        value = value.date()
    return thai.format_date(
        value, style="abbr" if style == "abbr" else "full", digits_style="arabic"
    )
