from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from prongsai.core.thai import local_digits, month_name

register = template.Library()


@register.filter
def baht(value: Decimal | None) -> str:
    """ "1,234,567.00" in the page's digits; "–" for nothing."""
    if value is None or value == "":
        return "–"
    return local_digits(f"{Decimal(value):,.2f}")


@register.simple_tag
def month_label(fiscal_year: Any, month: Any) -> str:
    """ "ตุลาคม ๒๕๖๘": the month and its B.E. year within the fiscal year."""
    year = int(fiscal_year) - (1 if int(month) >= 10 else 0)
    return f"{month_name(int(month))} {local_digits(year)}"
