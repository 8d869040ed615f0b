"""Thai basics on top of PyThaiNLP: B.E. dates, Thai digits, fiscal years, quarters, periods.

The Thai government fiscal year runs 1 October – 30 September and is named by the B.E. year in
which it ends, so FY2567 is 1 Oct 2023 – 30 Sep 2024. Q1 is October–December.
"""

from __future__ import annotations

import datetime as dt
import re
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from django.utils.functional import lazy
from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit, thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_month_lists, thai_full_months

Digits = Literal["thai", "arabic"]
BE_OFFSET = 543

# The digit style of the page being rendered, set by the access check of the agency the page is
# about (orgs.access) and cleared around every request (core.pagedigits.PageDigitsMiddleware).
_page_digits: ContextVar[Digits | None] = ContextVar("prongsai_page_digits", default=None)


def to_thai_digits(text: object) -> str:
    return str(arabic_digit_to_thai_digit(str(text)))


def to_arabic_digits(text: object) -> str:
    return str(thai_digit_to_arabic_digit(str(text)))


def ui_is_thai() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "th").startswith("th")


def set_page_digits(style: str | None) -> None:
    """The page is about an agency that chose `style` ("thai" or "arabic"): every number and date
    on it follows that choice (on Thai pages)."""
    _page_digits.set("arabic" if style == "arabic" else "thai" if style == "thai" else None)


def page_digits() -> Digits:
    """The digits of the page being rendered: Arabic on pages in another language than Thai; on
    Thai pages the digit style of the agency the page is about, Thai digits on pages about no
    single agency (oversight, frameworks, account pages)."""
    if not ui_is_thai():
        return "arabic"
    return _page_digits.get() or "thai"


def local_digits(text: object) -> str:
    """For the UI: every digit of `text` in the page's digit style (`page_digits`).
    (Documents follow the style chosen when they are rendered.)"""
    return digits(text, page_digits())


# For texts made before the page is known (form labels and help texts): digits when shown.
local_digits_lazy = lazy(local_digits, str)

_ADDRESSES = r"(?:https?://|www\.)\S+|\S+@\S+\.\w+"
_ADDRESS = re.compile(_ADDRESSES)
_ADDRESS_OR_CODE = re.compile(_ADDRESSES + r"|(?<=[A-Za-z])[0-9]+")


def digits_in_text(text: object, style: Digits, *, keep_codes: bool = True) -> str:
    """Every digit of `text` in `style`, except in URLs and e-mail addresses and, with
    `keep_codes`, in codes after a Latin letter ("i19", "O25")."""
    value = str(text)
    out: list[str] = []
    pos = 0
    for match in (_ADDRESS_OR_CODE if keep_codes else _ADDRESS).finditer(value):
        out.append(digits(value[pos : match.start()], style))
        out.append(match.group())
        pos = match.end()
    out.append(digits(value[pos:], style))
    return "".join(out)


def local_digits_in_text(text: object) -> str:
    """For text that may hold codes and addresses (a record's name, a stored value, a criteria
    text): the page's digits, leaving URLs, e-mail addresses and codes ("i19") as written."""
    return digits_in_text(text, page_digits())


# The same for texts made before the page is known (a help text with a code such as "O12").
local_digits_in_text_lazy = lazy(local_digits_in_text, str)


def local_month(day: dt.date) -> str:
    """For the UI: "ตุลาคม ๒๕๖๖" on Thai pages, "October 2566" (still B.E.) otherwise."""
    if ui_is_thai():
        return f"{month_name(day.month)} {local_digits(be_year(day))}"
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
        return format_date(value, style=style, digits_style=page_digits())
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


def input_date(value: dt.date) -> str:
    """A date as the officer types it back into a date field: "30/04/2570" (B.E.), in the page's
    digit style."""
    return local_digits(f"{value.day:02d}/{value.month:02d}/{be_year(value)}")


# Reading dates. Month names come from PyThaiNLP (full, abbreviated and spoken forms); the other
# spellings seen in real documents are derived from them: the spoken form of every month (the full
# name without "คม", "ยน" or "พันธ์", "กรกฎา"), a full name that lost its last mark, and, right
# after a day number, abbreviations without their dots ("ต.ค", "ตค").
def _month_forms() -> tuple[dict[str, int], dict[str, int]]:
    names: dict[str, int] = {}
    after_day: dict[str, int] = {}
    for number, (full, abbr, listed) in enumerate(
        zip(thai_full_months, thai_abbr_months, thai_full_month_lists, strict=True), start=1
    ):
        spoken = re.sub("(คม|ยน|พันธ์)$", "", full)
        for form in (full, abbr, spoken, *listed):
            if not form.isdigit():
                names[form] = number
        if full.endswith("์"):
            names[full[:-1]] = number  # "กุมภาพันธ" with the last mark lost
        after_day[abbr.rstrip(".")] = number
        after_day[abbr.replace(".", "")] = number
    return names, after_day


MONTHS, MONTHS_AFTER_DAY = _month_forms()
ALL_MONTHS = {**MONTHS_AFTER_DAY, **MONTHS}


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


DIGIT = "[0-9๐-๙]"
MONTH_PATTERN = f"(?:{_alternation(MONTHS)})"
_ANY_MONTH = f"(?:{_alternation(ALL_MONTHS)})"
YEAR_PATTERN = rf"(?:พ\.?\s?ศ\.?\s?)?({DIGIT}{{4}}|{DIGIT}{{2}})(?!{DIGIT})"
# "๓ เดือนตุลาคม พ.ศ. ๒๕๖๕", "1 ธ.ค. 65", "30 เมษายน 2570"
DAY_MONTH_YEAR = re.compile(
    rf"(?<!{DIGIT})({DIGIT}{{1,2}})\s*(?:เดือน\s*)?({_ANY_MONTH})\s*(?:ปี\s*)?{YEAR_PATTERN}"
)
# "30/04/2570", "๓๐/๐๔/๒๕๗๐"
NUMERIC_DATE = re.compile(
    rf"(?<!{DIGIT})({DIGIT}{{1,2}})\s*/\s*({DIGIT}{{1,2}})\s*/\s*({DIGIT}{{4}})(?!{DIGIT})"
)
# "2570-04-30" (B.E.) or "2027-04-30" (C.E., as browsers and scripts send it)
_ISO_DATE = re.compile(rf"({DIGIT}{{4}})-({DIGIT}{{1,2}})-({DIGIT}{{1,2}})")
_DAY_WORDS = re.compile(r"^(?:(?:ดำเนินการ)?เมื่อ)?\s*(?:วันที่|วัน|ที่)\s*")


def ce_from_written_year(written: str) -> int | None:
    """The C.E. year of a written year: B.E. "2566"/"๒๕๖๖", short B.E. "66", or C.E. "2023"."""
    text = to_arabic_digits(written)
    if not re.fullmatch(r"[0-9]+", text):
        return None
    year = int(text)
    if len(text) == 2:
        return 2500 + year - BE_OFFSET
    if 2400 <= year <= 2700:
        return year - BE_OFFSET
    if 1900 <= year < 2400:
        return year
    return None


def date_from_parts(year: str, month: int | str, day: str) -> dt.date | None:
    """The date of a written year (as `ce_from_written_year`), month and day; None when there is
    no such day ("31 กุมภาพันธ์")."""
    year_ce = ce_from_written_year(year)
    try:
        month_number = month if isinstance(month, int) else int(to_arabic_digits(month))
        return (
            None if year_ce is None else dt.date(year_ce, month_number, int(to_arabic_digits(day)))
        )
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The one date `text` is, as an officer types it: "30/04/2570", "2570-04-30",
    "30 เมษายน 2570", "30 เม.ย. 70", "วันที่ ๓๐ เดือนเมษายน พ.ศ. ๒๕๗๐", in Thai or Arabic digits;
    a year from 2400 is B.E., from 1900 C.E. None when it is not a date or no such day exists."""
    text = _DAY_WORDS.sub("", " ".join(str(text).split()))
    if len(text) > 40:
        return None
    if match := _ISO_DATE.fullmatch(text):
        return date_from_parts(match.group(1), match.group(2), match.group(3))
    if match := NUMERIC_DATE.fullmatch(text):
        return date_from_parts(match.group(3), match.group(2), match.group(1))
    if match := DAY_MONTH_YEAR.fullmatch(text):
        return date_from_parts(match.group(3), ALL_MONTHS[match.group(2)], match.group(1))
    return None
