"""The 6-month report in layout B: a title page, then per tool and indicator the question,
responsible, steps, monitoring and deadlines, and the numbered dated actions."""

from __future__ import annotations

from prongsai.documents.model import Block, Cell, Column, Document, Paragraph, Section, Table
from prongsai.orgs.selectors import document_vocabulary
from prongsai.plans.frameworks import framework_of
from prongsai.plans.models import Plan
from prongsai.progress import docs_common as c
from prongsai.progress.models import Period
from prongsai.progress.periods import report_heading
from prongsai.progress.selectors import MeasureState, period_states

COLUMNS = [
    Column("ประเด็นที่ต้องปรับปรุงแก้ไข", 1.9),
    Column("ผู้รับผิดชอบ", 1.1),
    Column("ขั้นตอนหรือวิธีการ/มาตรการ", 2.1),
    Column("การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ", 1.8),
    Column("การดำเนินการ", 2.8),
]


def _row(plan: Plan, state: MeasureState) -> list[Cell]:
    m = state.measure
    fw = framework_of(plan.based_on_year)
    return [
        Cell([Paragraph(m.title, bold=True), *c.questions(m, fw)]),
        Cell(c.responsible(m)),
        Cell([c.numbered(m.steps)]),
        Cell([c.numbered(c.monitoring(m)), Paragraph(f"ระยะเวลา: {m.timeline_label('arabic')}")]),
        Cell(
            [
                c.action_items(state.actions),
                c.status_line(state),
                *c.note_lines(state),
            ]
        ),
    ]


def half_table(plan: Plan, states: list[MeasureState], period: str = Period.HALF) -> Table:
    rows: list[list[Cell]] = []
    for group in c.by_tool(plan, states):
        rows.append([Cell(group.label, colspan=5, bold=True, fill="#f2f2f2")])
        for indicator, name, members in group.indicators:
            if indicator is not None:
                rows.append([Cell(name, colspan=5, bold=True, group_level=2)])
            rows += [_row(plan, s) for s in members]
    header = [[Cell(col.title, bold=True, align="center", valign="middle") for col in COLUMNS]]
    return Table(
        COLUMNS,
        rows,
        header,
        title=f"ผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year} "
        f"รอบ {6 if period == Period.HALF else 12} เดือน",
    )


def half_report_sections(plan: Plan, period: str = Period.HALF) -> list[Section]:
    states = period_states(plan, period)
    blocks: list[Block] = [half_table(plan, states, period)]
    return [
        Section(c.title_page(plan, period), orientation="portrait", page_numbers=False),
        Section(blocks, orientation="landscape"),
    ]


def half_report_document(
    plan: Plan, *, digits: str | None = None, period: str = Period.HALF
) -> Document:
    title = report_heading(plan.fiscal_year, period)
    return Document(
        title,
        half_report_sections(plan, period),
        digits=c.digits_of(plan.agency, digits),
        agency=plan.agency.full_name,
        subject=title,
        vocabulary=document_vocabulary(plan.agency),
    )
