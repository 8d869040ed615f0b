"""Pieces shared by the report builders: title page, grouping by tool and indicator, the cells
that describe a measure, its actions and its evidence."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from prongsai.core import thai
from prongsai.documents.model import Block, Heading, NumberedList, Paragraph, Run, Spacer
from prongsai.orgs.models import Agency
from prongsai.plans.documents import question_paragraphs
from prongsai.plans.frameworks import FrameworkView, framework_of
from prongsai.plans.models import PLAN_TITLE, Measure, Plan
from prongsai.plans.selectors import measure_responsible
from prongsai.progress.models import Action
from prongsai.progress.periods import REPORT_TITLE, action_date_label, long_date, round_label
from prongsai.progress.selectors import MeasureState

OTHER = "มาตรการอื่น ๆ"


def digits_of(agency: Agency, requested: str | None) -> thai.Digits:
    value = requested if requested in ("thai", "arabic") else agency.digit_style
    return "arabic" if value == "arabic" else "thai"


def title_page(plan: Plan, period: str, *, name: str = REPORT_TITLE) -> list[Block]:
    """Report name, fiscal year, the round with its months, agency, district and province."""
    agency = plan.agency
    return [
        Spacer(5.0),
        Heading(name, level=1, align="center"),
        Spacer(0.3),
        Paragraph(f"ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}", align="center", bold=True, size=13.5),
        Paragraph(round_label(plan.fiscal_year, period), align="center", bold=True, size=13.5),
        Spacer(2.0),
        Paragraph(agency.full_name, align="center", bold=True, size=13.5),
        Paragraph(f"{agency.district} {agency.province}", align="center", size=13.5),
    ]


def questions(measure: Measure, fw: FrameworkView) -> list[Paragraph]:
    return question_paragraphs(measure, fw)


def responsible(measure: Measure) -> list[Paragraph]:
    return [Paragraph(n) for n in measure_responsible(measure)] or [Paragraph("-")]


def numbered(items: list[str]) -> NumberedList | Paragraph:
    return NumberedList(list(items)) if items else Paragraph("-")


def monitoring(measure: Measure) -> list[str]:
    out = []
    for step in measure.monitoring:
        deadline = step.get("deadline")
        when = ""
        if deadline:
            day = dt.date.fromisoformat(deadline)
            when = f" (ภายใน {day.day} {thai.month_name(day.month)} {thai.be_year(day)})"
        out.append(f"{step['text']}{when}")
    return out


def by_whom(action: Action) -> str:
    parts = []
    if action.by_person is not None:
        parts.append(f"{action.by_person.name} {action.by_person.position}")
    if action.by_text:
        parts.append(action.by_text)
    return ", ".join(parts)


def evidence_runs(action: Action) -> list[str | Run]:
    """Runs for the action's evidence, one line each: the link itself (clickable), or the file."""
    runs: list[str | Run] = []
    for e in action.evidence.all():
        runs.append("\nหลักฐาน: " + (f"{e.title} " if e.title and e.url else ""))
        if e.url:
            runs.append(Run(e.url, url=e.url, keep_digits=True))
        else:
            runs.append(f"{e.title or e.file_name} (ไฟล์แนบ)")
    return runs


def action_items(actions: list[Action], *, with_evidence: bool = True) -> NumberedList | Paragraph:
    """ "1. ดำเนินการเมื่อวันที่ 3 เดือนตุลาคม พ.ศ. 2566 …", each with its evidence under it."""
    if not actions:
        return Paragraph("ยังไม่มีการดำเนินการ")
    items: list[str | Run | Paragraph] = []
    for a in actions:
        text = f"{action_date_label(a.date)} {a.text}"
        if by_whom(a):
            text += f" (ผู้ดำเนินการ: {by_whom(a)})"
        items.append(Paragraph([text, *(evidence_runs(a) if with_evidence else [])]))
    return NumberedList(items)


def note_lines(state: MeasureState, *, with_suggestions: bool = True) -> list[Paragraph]:
    """The note's result, then — while the measure is not done — its cause, and its problems
    and suggestions (those a late measure must have)."""
    note = state.note
    if note is None:
        return []
    lines = []
    if note.result:
        lines.append(Paragraph([Run("ผลการดำเนินการ: ", bold=True), note.result]))
    if note.cause and not state.done:
        lines.append(Paragraph([Run("สาเหตุที่ยังไม่แล้วเสร็จ: ", bold=True), note.cause]))
    if note.problems:
        lines.append(Paragraph([Run("ปัญหาอุปสรรค: ", bold=True), note.problems]))
    if with_suggestions and note.suggestions:
        lines.append(Paragraph([Run("ข้อเสนอแนะ: ", bold=True), note.suggestions]))
    return lines


def status_line(state: MeasureState) -> Paragraph:
    text = f"สถานะ: {state.status_label}"
    if state.done and state.done_on:
        text += f" (แล้วเสร็จ {long_date(state.done_on)})"
    elif state.late:
        text += " (ล่าช้ากว่ากำหนด)"
    return Paragraph(text, bold=True)


@dataclass
class ToolGroup:
    tool: str | None
    label: str
    indicators: list[tuple[int | None, str, list[MeasureState]]] = field(default_factory=list)


def by_tool(plan: Plan, states: list[MeasureState]) -> list[ToolGroup]:
    """Measures grouped by the tool and indicator of their first known question, in framework
    order; measures with no known question come last under "มาตรการอื่น ๆ"."""
    fw = framework_of(plan.based_on_year)
    groups: dict[tuple[int, int], list[MeasureState]] = defaultdict(list)
    for state in states:
        codes = state.measure.question_codes
        indicator = next((fw.indicator_of(c) for c in codes if fw.indicator_of(c)), None)
        groups[(fw.tool_order(indicator), indicator or 99)].append(state)
    tools: list[ToolGroup] = []
    for (_order, indicator), members in sorted(groups.items()):
        ind = None if indicator == 99 else indicator
        tool = fw.tool_of(ind)
        if not tools or tools[-1].tool != tool:
            tools.append(ToolGroup(tool, fw.tool_label(tool) if tool else OTHER))
        name = f"ตัวชี้วัดที่ {ind} {fw.indicator_name(ind)}" if ind else OTHER
        tools[-1].indicators.append((ind, name, members))
    return tools


def plan_name(plan: Plan) -> str:
    return plan.title or PLAN_TITLE
