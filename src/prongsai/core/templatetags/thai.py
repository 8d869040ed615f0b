"""Template filters for Thai dates and digits: {{ value|thai_digits }}, {{ date|thai_date }}."""

from __future__ import annotations

import datetime as dt

from django import template

from prongsai.core import thai

register = template.Library()


@register.filter
def thai_digits(value: object) -> str:
    """Thai digits on Thai pages, Arabic digits on pages in another language."""
    return thai.local_digits(value)


@register.filter
def thai_date(value: dt.date | str | None, style: str = "full") -> str:
    """A B.E. date with the month in the page's language."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        day = value.date() if isinstance(value, dt.datetime) else value
    return thai.local_date(day, style="abbr" if style == "abbr" else "full")
