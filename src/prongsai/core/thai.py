"""Thai basics on top of PyThaiNLP: B.E. dates, Thai digits, fiscal years, quarters, periods.

The Thai government fiscal year runs 1 October – 30 September and is named by the B.E. year in
which it ends, so FY2567 is 1 Oct 2023 – 30 Sep 2024. Q1 is October–December.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit, thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_months

Digits = Literal["thai", "arabic"]
BE_OFFSET = 543


def to_thai_digits(text: object) -> str:
    return str(arabic_digit_to_thai_digit(str(text)))


def to_arabic_digits(text: object) -> str:
    return str(thai_digit_to_arabic_digit(str(text)))


def ui_is_thai() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "th").startswith("th")


def local_digits(text: object) -> str:
    """For the UI: Thai digits on Thai pages, Arabic digits on pages in another language.
    (Documents follow the agency's digit style instead.)"""
    return to_thai_digits(text) if ui_is_thai() else to_arabic_digits(text)


def local_month(day: dt.date) -> str:
    """For the UI: "ตุลาคม ๒๕๖๖" on Thai pages, "October 2566" (still B.E.) otherwise."""
    if ui_is_thai():
        return f"{month_name(day.month)} {to_thai_digits(be_year(day))}"
    from django.utils.formats import date_format

    return f"{date_format(day, 'F')} {day.year + BE_OFFSET}"


def local_month_range(start: dt.date, end: dt.date) -> str:
    """For the UI: month_range on Thai pages; "November 2566 – March 2567" otherwise (B.E.)."""
    if ui_is_thai():
        return month_range(start, end)
    return (
        local_month(start)
        if (start.year, start.month) == (end.year, end.month)
        else (f"{local_month(start)} – {local_month(end)}")
    )


def local_date(value: dt.date, *, style: Literal["full", "abbr"] = "full") -> str:
    """For the UI: "21 พฤศจิกายน 2569" on Thai pages, "21 November 2569" (still B.E.) otherwise."""
    if ui_is_thai():
        return format_date(value, style=style, digits_style="arabic")
    from django.utils.formats import date_format

    return f"{date_format(value, 'j M' if style == 'abbr' else 'j F')} {value.year + BE_OFFSET}"


def digits(text: object, style: Digits) -> str:
    """Write every digit of `text` in the chosen style."""
    return to_thai_digits(text) if style == "thai" else to_arabic_digits(text)


def be_year(value: dt.date | int) -> int:
    """The Buddhist-era year of a date or of a C.E. year."""
    year = value if isinstance(value, int) else value.year
    return year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def format_date(
    value: dt.date, *, style: Literal["full", "abbr"] = "full", digits_style: Digits = "thai"
) -> str:
    """ "3 เมษายน 2566" (full) or "3 เม.ย. 66" (abbr), in Thai or Arabic digits."""
    pattern = "%-d %B %Y" if style == "full" else "%-d %b %y"
    when = dt.datetime.combine(value, dt.time()) if not isinstance(value, dt.datetime) else value
    return str(thai_strftime(when, pattern, thaidigit=digits_style == "thai"))


def month_name(month: int, *, abbr: bool = False) -> str:
    return (thai_abbr_months if abbr else thai_full_months)[month - 1]


# The B.E. fiscal years anything in Prongsai may be about (a typo such as 2067 or 25677 is refused).
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 2500, 2700


def is_fiscal_year(value: object) -> bool:
    """A plausible B.E. fiscal year (an int, not a bool)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and FIRST_FISCAL_YEAR <= value <= LAST_FISCAL_YEAR
    )


def fiscal_year(value: dt.date) -> int:
    """The B.E. fiscal year a date falls in."""
    return be_year(value) + (1 if value.month >= 10 else 0)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __contains__(self, value: object) -> bool:
        return isinstance(value, dt.date) and self.start <= value <= self.end

    def months_label(self, digits_style: Digits = "thai") -> str:
        return month_range(self.start, self.end, digits_style=digits_style)


def fiscal_year_period(fy: int) -> Period:
    end_ce = ce_year(fy)
    return Period(dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30))


def quarter_of(value: dt.date) -> int:
    """Fiscal quarter 1–4 (Q1 = October–December)."""
    return ((value.month - 10) % 12) // 3 + 1


def quarter_period(fy: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1–4, got {quarter}")
    start_ce = ce_year(fy) - 1
    first_month = 10 + (quarter - 1) * 3
    year = start_ce + (first_month - 1) // 12
    month = (first_month - 1) % 12 + 1
    start = dt.date(year, month, 1)
    end_month = month + 2
    next_first = dt.date(year + (end_month // 12), end_month % 12 + 1, 1)
    return Period(start, next_first - dt.timedelta(days=1))


def half_year_period(fy: int) -> Period:
    """The 6-month reporting round: 1 October – 31 March."""
    end_ce = ce_year(fy)
    return Period(dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 3, 31))


def month_range(
    start: dt.date, end: dt.date, *, digits_style: Digits = "thai", abbr: bool = False
) -> str:
    """ "มกราคม – มีนาคม ๒๕๖๗", or "ตุลาคม ๒๕๖๖ – มีนาคม ๒๕๖๗" across a year boundary."""
    if start > end:
        raise ValueError("start must not be after end")
    first = month_name(start.month, abbr=abbr)
    last = month_name(end.month, abbr=abbr)
    if start.year == end.year:
        text = first if start.month == end.month else f"{first} – {last}"
        return digits(f"{text} {be_year(end)}", digits_style)
    return digits(f"{first} {be_year(start)} – {last} {be_year(end)}", digits_style)


def quarter_label(quarter: int, digits_style: Digits = "thai") -> str:
    return digits(f"ไตรมาส {quarter}", digits_style)
