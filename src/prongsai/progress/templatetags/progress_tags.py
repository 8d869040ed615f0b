"""Template helpers for progress pages: {{ date|be_date }} (the shared |thai_date) and
{{ status|status_badge }}."""

from __future__ import annotations

from django import template

from prongsai.core import thai
from prongsai.core.templatetags.thai import thai_date

register = template.Library()

BADGES = {"todo": "badge", "doing": "badge badge-doing", "done": "badge badge-done"}


# the shared B.E. date of every page (core.templatetags.thai), under the name progress pages use
be_date = register.filter("be_date", thai_date)


@register.filter
def status_class(status: str) -> str:
    return BADGES.get(status, "badge")


@register.filter
def quarters(values: list[int]) -> str:
    return thai.local_digits(", ".join(str(v) for v in values)) if values else "-"
