"""Dates against the fiscal year and the report period; actions in order; timelines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prongsai.core.thai import Period, fiscal_year, fiscal_year_period, format_date

from .dates import date_span
from .findings import Finding
from .text import arabic


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _thai(value: dt.date) -> str:
    return format_date(value, digits_style="arabic")


def check_dates(parsed: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    year = parsed.get("fiscal_year")
    if not isinstance(year, int):
        findings.append(
            Finding(
                "fiscal_year_missing",
                "warning",
                "ไม่พบปีงบประมาณของเอกสาร จึงตรวจวันที่และระยะเวลาไม่ได้",
                "document",
            )
        )
        return findings
    whole = fiscal_year_period(year)
    period_value = parsed.get("period") or {}
    start, end = _date(period_value.get("start")), _date(period_value.get("end"))
    period = Period(start, end) if start and end else None
    if period and (period.start not in whole or period.end not in whole):
        findings.append(
            Finding(
                "period_outside_fiscal_year",
                "error",
                f"ช่วงรายงาน {_thai(period.start)} – {_thai(period.end)} ไม่อยู่ในปีงบประมาณ {year}",
                "document",
            )
        )
    findings.extend(_check_memo(parsed, year, period))
    findings.extend(_check_measures(parsed, year, whole, period))
    return findings


def _check_memo(parsed: dict[str, Any], year: int, period: Period | None) -> list[Finding]:
    memo = parsed.get("memo") or {}
    signed = _date(memo.get("date"))
    if signed is None:
        return []
    findings: list[Finding] = []
    if period and signed < period.end:
        findings.append(
            Finding(
                "memo_before_period_end",
                "warning",
                f"บันทึกลงวันที่ {_thai(signed)} ก่อนสิ้นสุดช่วงรายงาน ({_thai(period.end)})",
                "memo",
            )
        )
    if fiscal_year(signed) not in (year, year + 1):
        findings.append(
            Finding(
                "memo_date_other_year",
                "warning",
                f"บันทึกลงวันที่ {_thai(signed)} อยู่ในปีงบประมาณ {fiscal_year(signed)} "
                f"ไม่ใช่ปีงบประมาณของเอกสาร ({year})",
                "memo",
            )
        )
    return findings


def _check_measures(
    parsed: dict[str, Any], year: int, whole: Period, period: Period | None
) -> list[Finding]:
    findings: list[Finding] = []
    timelines_next_year = 0
    timelines_dated = 0
    for number, measure in enumerate(parsed.get("measures") or [], start=1):
        where = f"measure {number}"
        previous: dt.date | None = None
        for action in measure.get("actions") or []:
            when = _date(action.get("date"))
            if when is None:
                continue
            if when not in whole:
                findings.append(
                    Finding(
                        "action_outside_fiscal_year",
                        "warning",
                        f"การดำเนินการลงวันที่ {_thai(when)} อยู่นอกปีงบประมาณ {year}",
                        where,
                    )
                )
            elif period and when not in period:
                findings.append(
                    Finding(
                        "action_outside_period",
                        "warning",
                        f"การดำเนินการลงวันที่ {_thai(when)} อยู่นอกช่วงรายงาน "
                        f"({_thai(period.start)} – {_thai(period.end)})",
                        where,
                    )
                )
            if previous and when < previous:
                findings.append(
                    Finding(
                        "actions_out_of_order",
                        "info",
                        f"การดำเนินการเรียงวันที่ไม่ตามลำดับ ({_thai(when)} อยู่หลัง {_thai(previous)})",
                        where,
                    )
                )
            previous = when
        timeline = measure.get("timeline")
        span = date_span(arabic(timeline)) if isinstance(timeline, str) else None
        if span is None:
            continue
        timelines_dated += 1
        first, last = span
        if first < whole.start or last > whole.end:
            findings.append(
                Finding(
                    "timeline_outside_fiscal_year",
                    "warning",
                    f"ระยะเวลาดำเนินการ '{timeline}' อยู่นอกปีงบประมาณ {year} "
                    f"({_thai(whole.start)} – {_thai(whole.end)})",
                    where,
                )
            )
            if fiscal_year(first) == year + 1 and fiscal_year(last) == year + 1:
                timelines_next_year += 1
    if timelines_dated and timelines_next_year == timelines_dated:
        findings.append(
            Finding(
                "fiscal_year_off_by_one",
                "warning",
                f"ระยะเวลาของทุกมาตรการอยู่ในปีงบประมาณ {year + 1} แต่เอกสารระบุปีงบประมาณ {year}: "
                "ปีในหัวเอกสารอาจผิด",
                "document",
            )
        )
    return findings
