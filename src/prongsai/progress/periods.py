"""The two reporting periods of a fiscal year and how they are named in documents."""

from __future__ import annotations

import datetime as dt

from prongsai.core import thai
from prongsai.progress.models import Period

REPORT_TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


def period_range(fiscal_year: int, period: str) -> thai.Period:
    if period == Period.HALF:
        return thai.half_year_period(fiscal_year)
    if period == Period.YEAR:
        return thai.fiscal_year_period(fiscal_year)
    raise ValueError(f"unknown period {period!r}")


def period_end(fiscal_year: int, period: str) -> dt.date:
    return period_range(fiscal_year, period).end


def months_label(fiscal_year: int, period: str) -> str:
    """ "เดือนตุลาคม 2566 - มีนาคม 2567" (digits localised by the document engine)."""
    span = period_range(fiscal_year, period)
    first = f"{thai.month_name(span.start.month)} {thai.be_year(span.start)}"
    last = f"{thai.month_name(span.end.month)} {thai.be_year(span.end)}"
    return f"เดือน{first} - {last}"


def round_label(fiscal_year: int, period: str) -> str:
    """ "รอบ 6 เดือน (เดือนตุลาคม 2566 - มีนาคม 2567)"."""
    months = 6 if period == Period.HALF else 12
    return f"รอบ {months} เดือน ({months_label(fiscal_year, period)})"


def ui_round_label(fiscal_year: int, period: str) -> str:
    """For the UI: round_label on Thai pages, "6-month period (October 2566 – March 2567)"
    otherwise."""
    if thai.ui_is_thai():
        return round_label(fiscal_year, period)
    span = period_range(fiscal_year, period)
    return f"{Period(period).label} ({thai.local_month_range(span.start, span.end)})"


def action_date_label(value: dt.date) -> str:
    """ "ดำเนินการเมื่อวันที่ 3 เดือนตุลาคม พ.ศ. 2566"."""
    return (
        f"ดำเนินการเมื่อวันที่ {value.day} เดือน{thai.month_name(value.month)} พ.ศ. {thai.be_year(value)}"
    )


def long_date(value: dt.date) -> str:
    """ "3 เมษายน 2567" (Arabic digits; the engine or the template localises)."""
    return f"{value.day} {thai.month_name(value.month)} {thai.be_year(value)}"


def ui_long_date(value: dt.date) -> str:
    """For the UI: "3 เมษายน 2567" in the page's digits (core.thai.local_date)."""
    return thai.local_date(value)


def report_heading(fiscal_year: int, period: str, name: str = REPORT_TITLE) -> str:
    """ "<name> ประจำปีงบประมาณ พ.ศ. 2567 รอบ 6 เดือน (เดือนตุลาคม 2566 - มีนาคม 2567)"."""
    return f"{name} ประจำปีงบประมาณ พ.ศ. {fiscal_year} {round_label(fiscal_year, period)}"
