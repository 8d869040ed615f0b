"""Template filters for numbers, dates and times in the page's digit style
(`prongsai.core.thai.page_digits`: the agency's choice on its pages): {{ value|thai_digits }},
{{ date|thai_date }}, {{ when|thai_time }}. Built into every template (settings.TEMPLATES)."""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.utils.translation import gettext

from prongsai.core import thai

register = template.Library()


@register.filter
def thai_digits(value: object) -> str:
    """Every digit of `value` in the page's digit style."""
    return thai.local_digits(value)


@register.filter
def thai_date(value: dt.date | str | None, style: str = "full") -> str:
    """A B.E. date with the month in the page's language, in the page's digits."""
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


@register.filter
def thai_time(value: dt.datetime | dt.time | None) -> str:
    """ "14:05" (local time) in the page's digits."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return thai.local_digits(value.strftime("%H:%M"))


# The checker (prongsai.docimport, no Django) names places in a stable English form for scripts
# ("line 8", "measure 3", "document"); pages show them in the page's language and digits.
_PLACE_NUMBERED = re.compile(r"\b(line|measure) ([0-9]+)\b")


def _place_words() -> dict[str, str]:
    return {
        "document": gettext("ทั้งเอกสาร"),
        "scores": gettext("คะแนน"),
        "memo": gettext("บันทึกข้อความ"),
    }


@register.filter
def finding_place(value: object) -> str:
    """ "line 8" → "บรรทัดที่ ๘", "measure 3" → "มาตรการที่ ๓", "document" → "ทั้งเอกสาร"
    (also inside a finding's message, "มาตรการซ้ำกับ measure 2")."""
    text = str(value)
    words = _place_words()
    if text in words:
        return words[text]

    def numbered(match: re.Match[str]) -> str:
        number = thai.local_digits(match.group(2))
        if match.group(1) == "line":
            return gettext("บรรทัดที่ %(n)s") % {"n": number}
        return gettext("มาตรการที่ %(n)s") % {"n": number}

    return _PLACE_NUMBERED.sub(numbered, text)


@register.filter
def thai_text(value: object) -> str:
    """Text that may hold codes and addresses (criteria texts, record names): digits in the page's
    style, except in URLs, e-mail addresses and codes after a Latin letter ("i19")."""
    if value is None:
        return ""
    return thai.local_digits_in_text(value)
