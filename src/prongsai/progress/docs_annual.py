"""The annual report: per issue, each measure's method, period, results with evidence links,
suggestions, responsible and outcome, as of the fiscal year's end. The table's title repeats
with "(ต่อ)" on the pages it continues to."""

from __future__ import annotations

from prongsai.documents.model import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    Paragraph,
    Run,
    Section,
    Table,
)
from prongsai.orgs.selectors import document_vocabulary
from prongsai.plans.frameworks import framework_of
from prongsai.plans.models import Plan
from prongsai.progress import docs_common as c
from prongsai.progress.models import Period
from prongsai.progress.periods import report_heading, round_label
from prongsai.progress.selectors import MeasureState, counts, period_states

COLUMNS = [
    Column("มาตรการ/แนวทาง", 1.6),
    Column("วิธีการดำเนินการ", 1.8),
    Column("ระยะเวลาดำเนินการ", 1.1),
    Column("ผลการดำเนินการตามมาตรการ/กิจกรรม", 2.8),
    Column("ข้อเสนอแนะ", 1.2),
    Column("ผู้รับผิดชอบ", 1.0),
    Column("ผลลัพธ์หรือความสำเร็จของการดำเนินการ", 1.3),
]


def _row(plan: Plan, state: MeasureState) -> list[Cell]:
    m = state.measure
    note = state.note
    fw = framework_of(plan.based_on_year)
    return [
        Cell([Paragraph(m.title, bold=True), *c.questions(m, fw)]),
        Cell([c.numbered(m.steps)]),
        Cell(m.timeline_label("arabic"), align="center"),
        Cell(
            [
                c.status_line(state),
                c.action_items(state.actions),
                *c.note_lines(state, with_suggestions=False),
            ]
        ),
        Cell(note.suggestions if note and note.suggestions else "-"),
        Cell(c.responsible(m)),
        Cell(note.outcome if note and note.outcome else "-"),
    ]


def annual_table(plan: Plan, states: list[MeasureState], period: str = Period.YEAR) -> Table:
    rows: list[list[Cell]] = []
    current = None
    number = 0
    for state in states:
        issue = state.measure.issue
        if issue.pk != current:
            current = issue.pk
            number += 1
            rows.append(
                [Cell(f"{number}. {issue.title}", colspan=len(COLUMNS), bold=True, fill="#f2f2f2")]
            )
        rows.append(_row(plan, state))
    header = [[Cell(col.title, bold=True, align="center", valign="middle") for col in COLUMNS]]
    return Table(
        COLUMNS,
        rows,
        header,
        font_size=9.5,
        continued_label="(ต่อ)",
        title="ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
        f"ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}",
    )


def summary_blocks(plan: Plan, states: list[MeasureState], period: str) -> list[Block]:
    n = counts(states)
    text = (
        f"{plan.agency.full_name} ได้จัดทำ{c.plan_name(plan)} ประจำปีงบประมาณ พ.ศ. "
        f"{plan.fiscal_year} รวมทั้งสิ้น {n['total']} มาตรการ "
        f"ผลการดำเนินการ{round_label(plan.fiscal_year, period)} "
        f"ดำเนินการแล้ว {n['done']} มาตรการ อยู่ระหว่างดำเนินการ {n['doing']} มาตรการ "
        f"ยังไม่ดำเนินการ {n['todo']} มาตรการ"
    )
    if n["late"]:
        text += f" โดยมี {n['late']} มาตรการที่ยังไม่แล้วเสร็จตามกำหนด"
        if not any(s.needs_explanation for s in states):
            text += " ซึ่งได้ระบุสาเหตุ ปัญหาอุปสรรค และข้อเสนอแนะไว้ในรายงานนี้แล้ว"
    summary = Table(
        [Column("สถานะ", 3.0), Column("จำนวนมาตรการ", 1.0)],
        [
            ["ดำเนินการแล้ว", Cell(str(n["done"]), align="center")],
            ["อยู่ระหว่างดำเนินการ", Cell(str(n["doing"]), align="center")],
            ["ยังไม่ดำเนินการ", Cell(str(n["todo"]), align="center")],
            [
                Cell([Paragraph([Run("รวม", bold=True)])]),
                Cell(str(n["total"]), align="center", bold=True),
            ],
        ],
    )
    return [Heading("สรุปผลการดำเนินการ", level=2), Paragraph(text, indent_first_line=True), summary]


def annual_sections(plan: Plan, period: str = Period.YEAR) -> list[Section]:
    states = period_states(plan, period)
    return [
        Section(c.title_page(plan, period), orientation="portrait", page_numbers=False),
        Section(
            [*summary_blocks(plan, states, period), annual_table(plan, states, period)],
            orientation="landscape",
        ),
    ]


def annual_document(
    plan: Plan, *, digits: str | None = None, period: str = Period.YEAR
) -> Document:
    title = report_heading(plan.fiscal_year, period)
    return Document(
        title,
        annual_sections(plan, period),
        digits=c.digits_of(plan.agency, digits),
        agency=plan.agency.full_name,
        subject=title,
        vocabulary=document_vocabulary(plan.agency),
    )
