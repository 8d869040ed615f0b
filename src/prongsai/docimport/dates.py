"""Thai dates in documents: "ดำเนินการเมื่อวันที่ ๓ เดือนตุลาคม พ.ศ. ๒๕๖๕", "๑ ธ.ค. ๖๕",
"มกราคม-มีนาคม 2567", "ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖", quarters and fiscal years.

The date shapes, month names and year rules are those of `prongsai.core.thai` (the one parser,
built on PyThaiNLP); this module finds them inside longer text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from prongsai.core.thai import (
    ALL_MONTHS,
    BE_OFFSET,
    DAY_MONTH_YEAR,
    DIGIT,
    MONTH_PATTERN,
    MONTHS,
    NUMERIC_DATE,
    YEAR_PATTERN,
    ce_from_written_year,
    date_from_parts,
    quarter_of,
    to_arabic_digits,
)

_D = DIGIT
_MONTH = MONTH_PATTERN
_YEAR = YEAR_PATTERN
_MONTH_YEAR = re.compile(rf"(?:เดือน\s*)?({_MONTH})\s*(?:ปี\s*)?(?:{_YEAR})?")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|ถึง|จนถึง|ถึงเดือน|จนถึงเดือน)\s*")


@dataclass(frozen=True)
class FoundDate:
    value: dt.date | None  # None: looked like a date but is impossible ("๓๑ กุมภาพันธ์ ๒๕๖๖")
    raw: str
    start: int
    end: int


def find_dates(text: str) -> list[FoundDate]:
    """Every day-month-year date in `text`, in order."""
    found: list[FoundDate] = []
    for match in DAY_MONTH_YEAR.finditer(text):
        value = date_from_parts(match.group(3), ALL_MONTHS[match.group(2)], match.group(1))
        found.append(FoundDate(value, match.group(0), match.start(), match.end()))
    for match in NUMERIC_DATE.finditer(text):
        value = date_from_parts(match.group(3), match.group(2), match.group(1))
        found.append(FoundDate(value, match.group(0), match.start(), match.end()))
    return sorted(found, key=lambda item: item.start)


def first_date(text: str) -> FoundDate | None:
    dates = find_dates(text)
    return dates[0] if dates else None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class MonthSpan:
    start: dt.date
    end: dt.date
    raw: str
    start_at: int = 0  # where it starts in the text


def month_spans(text: str, default_year_ce: int | None = None) -> list[MonthSpan]:
    """Month ranges with years: "มกราคม-มีนาคม 2567", "ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖", "มีนาคม 2567".

    A month without any year (here or at the end of its range) is placed in `default_year_ce`
    (C.E.), or skipped when that is None: it cannot be placed.
    """
    spans: list[MonthSpan] = []
    position = 0
    while True:
        match = _MONTH_YEAR.search(text, position)
        if match is None:
            return spans
        first_month = MONTHS[match.group(1)]
        first_year = ce_from_written_year(match.group(2)) if match.group(2) else None
        end_match = match
        last_month, last_year = first_month, first_year
        separator = _RANGE_SEP.match(text, match.end())
        if separator:
            second = _MONTH_YEAR.match(text, separator.end())
            if second:
                end_match = second
                last_month = MONTHS[second.group(1)]
                last_year = ce_from_written_year(second.group(2)) if second.group(2) else None
        position = end_match.end()
        if last_year is None:
            last_year = first_year if first_year is not None else default_year_ce
        if last_year is None:
            continue
        if first_year is None:
            first_year = last_year if first_month <= last_month else last_year - 1
        start = dt.date(first_year, first_month, 1)
        end = month_end(last_year, last_month)
        if start <= end:
            raw = text[match.start() : end_match.end()].strip()
            spans.append(MonthSpan(start, end, raw, match.start()))


def date_span(text: str) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest day that `text` names (dates or months with years)."""
    points: list[dt.date] = [found.value for found in find_dates(text) if found.value]
    for span in month_spans(text):
        points.extend((span.start, span.end))
    if not points:
        return None
    return min(points), max(points)


_QUARTER = re.compile(
    r"ไตรมาส\s*(?:ที่)?\s*([1-4๑-๔](?:\s*(?:,|และ|-|–|ถึง|หรือ)\s*(?:ไตรมาส\s*(?:ที่)?\s*)?[1-4๑-๔])*)"
)
_WHOLE_YEAR = re.compile(
    r"ทุกไตรมาส|ตลอด\s*(?:ทั้ง)?\s*ปี|ตลอด\s*(?:ปี)?\s*งบ\s*ประมาณ|ตลอดทั้งปี|ทั้งปีงบประมาณ"
)
_QUARTER_RANGE = re.compile(r"([1-4])\s*(?:-|–|ถึง)\s*(?:ไตรมาส\s*(?:ที่)?\s*)?([1-4])")


def quarters_in_text(text: str) -> list[int]:
    """Fiscal quarters a timeline names: "ไตรมาส 1,2,4", "ไตรมาส 2-4", "ทุกไตรมาส",
    "ตลอดปีงบประมาณ", or months ("มกราคม-มีนาคม 2567" → [2])."""
    if _WHOLE_YEAR.search(text):
        return [1, 2, 3, 4]
    quarters: set[int] = set()
    for match in _QUARTER.finditer(text):
        group = to_arabic_digits(match.group(1))
        for low, high in _QUARTER_RANGE.findall(group):
            quarters.update(range(int(low), int(high) + 1))
        quarters.update(int(ch) for ch in group if ch in "1234")
    if quarters:
        return sorted(quarters)
    for span in month_spans(text, default_year_ce=2000):
        month = span.start.replace(day=1)
        while month <= span.end and len(quarters) < 4:
            quarters.add(quarter_of(month))
            month = (month + dt.timedelta(days=32)).replace(day=1)
    return sorted(quarters)


_FISCAL_YEAR = re.compile(
    rf"ปี\s*งบ\s*(?:ประมาณ|\.)\s*(?:พ\.?\s*ศ\.?)?\s*({_D}{{4}}|{_D}{{2}})(?!{_D})"
    rf"|ประจำปี\s*(?:พ\.?\s*ศ\.?)?\s*({_D}{{4}})(?!{_D})"
)


def fiscal_years_in(text: str) -> list[tuple[int, str]]:
    """B.E. fiscal years named in `text` ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"), with the matched text."""
    years: list[tuple[int, str]] = []
    for match in _FISCAL_YEAR.finditer(text):
        written = match.group(1) or match.group(2)
        year_ce = ce_from_written_year(written)
        if year_ce is not None:
            years.append((year_ce + BE_OFFSET, match.group(0)))
    return years
