"""Template helpers for progress pages: {{ date|be_date }} and {{ status|status_badge }}."""

from __future__ import annotations

import datetime as dt

from django import template

from prongsai.core import thai

register = template.Library()

BADGES = {"todo": "badge", "doing": "badge badge-doing", "done": "badge badge-done"}


@register.filter
def be_date(value: dt.date | dt.datetime | None, style: str = "full") -> str:
    """ "3 เมษายน ๒๕๖๗" with Thai digits ("abbr": "3 เม.ย. ๖๗"); "3 April 2567" in English."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not thai.ui_is_thai():
        return thai.local_date(value, style="abbr" if style == "abbr" else "full")
    return thai.format_date(value, style="abbr" if style == "abbr" else "full", digits_style="thai")


@register.filter
def status_class(status: str) -> str:
    return BADGES.get(status, "badge")


@register.filter
def quarters(values: list[int]) -> str:
    return thai.local_digits(", ".join(str(v) for v in values)) if values else "-"
