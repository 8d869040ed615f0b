"""What kind of document this is: analysis, plan, progress_report or annual_report."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .tables import REPORT_ROLES, Table
from .text import arabic, is_row, squash

KINDS = ("analysis", "plan", "progress_report", "annual_report", "results")

_REPORT_TITLE = re.compile(r"รายงานผล|ผลการดำเนินการตามมาตรการ|ผลการดำเนินงานตามมาตรการ|ติดตามผล")
_HALF_YEAR = re.compile(r"รอบ\s*(?:6|หก)\s*เดือน|6\s*เดือน|รอบครึ่งปี|ไตรมาส(?:ที่)?\s*[1-3]\s*$")
_FULL_YEAR = re.compile(r"รอบ\s*12\s*เดือน|12\s*เดือน|ประจำปี|สิ้นปีงบประมาณ|ทั้งปี")
_PLAN_TITLE = re.compile(r"มาตรการส่งเสริมคุณธรรม|มาตรการ/แนวทาง|แผนปฏิบัติการ")
_ANALYSIS = re.compile(r"วิเคราะห์ผลการประเมิน|ผลการวิเคราะห์|ข้อบกพร่อง|ประเด็นที่ควรพัฒนา")


@dataclass(frozen=True)
class KindEvidence:
    title: str  # the title lines and memo subject, joined
    tables: list[Table]
    indicator_scores: int
    period: tuple[dt.date, dt.date] | None
    text: str  # the whole text outside tables, joined


def title_text(lines: list[str], limit: int = 15) -> str:
    """The first non-table lines of the document, joined: where titles live."""
    taken: list[str] = []
    for line in lines:
        if is_row(line):
            break
        if line.strip():
            taken.append(line.strip())
        if len(taken) >= limit:
            break
    return " ".join(taken)


def detect_kind(evidence: KindEvidence) -> str | None:
    title = arabic(evidence.title)
    roles = {role for table in evidence.tables for role in table.roles if role}
    report_columns = bool(roles & REPORT_ROLES)
    measures = any(table.rows for table in evidence.tables)
    if report_columns or (_REPORT_TITLE.search(title) and measures):
        return _report_kind(title, roles, evidence.period)
    if measures:
        return "plan"
    if _REPORT_TITLE.search(title):
        return _report_kind(title, roles, evidence.period)
    if evidence.indicator_scores >= 3 or _ANALYSIS.search(squash(evidence.text)):
        return "analysis"
    if _PLAN_TITLE.search(title):
        return "plan"
    return None


def _report_kind(title: str, roles: set[str], period: tuple[dt.date, dt.date] | None) -> str:
    if period is not None:
        start, end = period
        whole_year = start.month == 10 and end.month == 9 and (end - start).days > 330
        return "annual_report" if whole_year else "progress_report"
    if _HALF_YEAR.search(title):
        return "progress_report"
    if "outcome" in roles or "suggestion" in roles or _FULL_YEAR.search(title):
        return "annual_report"
    return "progress_report"
