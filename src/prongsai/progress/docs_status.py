"""The status report (as in seeds/002): per tool, each measure's indicator, responsible, steps,
monitoring, planned quarters ☐/☑, a ✓ in one of the three status columns, and the results."""

from __future__ import annotations

from prongsai.core import thai
from prongsai.documents.model import (
    CHECKBOX_EMPTY,
    CHECKBOX_TICKED,
    TICK,
    Block,
    Cell,
    Column,
    Document,
    Heading,
    NumberedList,
    Paragraph,
    Run,
    Section,
    Table,
)
from prongsai.orgs.selectors import document_vocabulary
from prongsai.plans.models import Plan
from prongsai.progress import docs_common as c
from prongsai.progress.models import Period, Status
from prongsai.progress.periods import REPORT_TITLE, report_heading, round_label
from prongsai.progress.selectors import MeasureState, period_states

COLUMNS = [
    Column("ตัวชี้วัดของการประเมิน ITA", 1.2),
    Column("ผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง", 1.1),
    Column("ขั้นตอนหรือวิธีปฏิบัติ", 1.9),
    Column("แนวทางการกำกับติดตามให้นำไปสู่การปฏิบัติและการรายงานผล", 1.6),
    Column("ระยะเวลาดำเนินการ", 1.15),
    Column("ยังไม่ดำเนินการ", 0.75),
    Column("อยู่ระหว่างดำเนินการ", 0.75),
    Column("ดำเนินการแล้ว", 0.75),
    Column("ผลการดำเนินการ", 2.0),
]
STATUS_ORDER = [Status.TODO, Status.DOING, Status.DONE]


def _header() -> list[list[Cell]]:
    def h(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
        return Cell(
            text, bold=True, align="center", valign="middle", rowspan=rowspan, colspan=colspan
        )

    return [
        [
            *(h(col.title, rowspan=2) for col in COLUMNS[:5]),
            h("สถานะการดำเนินการ", colspan=3),
            h(COLUMNS[8].title, rowspan=2),
        ],
        [h(col.title) for col in COLUMNS[5:8]],
    ]


def quarter_boxes(state: MeasureState) -> list[Paragraph]:
    planned = set(state.quarters_planned)
    return [
        Paragraph(f"{CHECKBOX_TICKED if q in planned else CHECKBOX_EMPTY} ไตรมาส {q}")
        for q in (1, 2, 3, 4)
    ]


def _results(state: MeasureState) -> list[Paragraph | NumberedList]:
    items: list[str | Run | Paragraph] = []
    for a in state.actions:
        when = thai.format_date(a.date, style="abbr", digits_style="arabic")
        items.append(Paragraph(f"{a.text} ({when})"))
    out: list[Paragraph | NumberedList] = [NumberedList(items)] if items else [Paragraph("-")]
    if state.quarters_done:
        done = ", ".join(str(q) for q in state.quarters_done)
        out.append(Paragraph(f"ดำเนินการในไตรมาสที่ {done}"))
    out += c.note_lines(state)
    return out


def _row(state: MeasureState, indicator_cell: Cell | None) -> list[Cell]:
    m = state.measure
    codes = ", ".join(m.question_codes)
    steps: list[Paragraph | NumberedList] = [
        Paragraph(
            [Run(m.title, bold=True), Run(f" (ข้อ {codes})", keep_digits=True) if codes else ""]
        ),
        c.numbered(m.steps),
    ]
    row = [indicator_cell] if indicator_cell is not None else []
    row += [
        Cell(c.responsible(m)),
        Cell(steps),
        Cell([c.numbered(c.monitoring(m))]),
        Cell(quarter_boxes(state)),
        *(
            Cell(
                Paragraph(TICK if state.status == s else "", size=14.0),
                align="center",
                valign="middle",
            )
            for s in STATUS_ORDER
        ),
        Cell(_results(state)),
    ]
    return row


def status_table(plan: Plan, group: c.ToolGroup) -> Table:
    rows: list[list[Cell]] = []
    for _indicator, name, members in group.indicators:
        for index, state in enumerate(members):
            first = Cell(name, rowspan=len(members), bold=True) if index == 0 else None
            rows.append(_row(state, first))
    return Table(COLUMNS, rows, _header(), font_size=9.5)


def status_sections(plan: Plan, period: str) -> list[Section]:
    states = period_states(plan, period)
    blocks: list[Block] = [
        Heading(f"{REPORT_TITLE} ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}", level=2, align="center"),
        Paragraph(
            f"{plan.agency.full_name} {round_label(plan.fiscal_year, period)}", align="center"
        ),
    ]
    for group in c.by_tool(plan, states):
        # The tool is the table's title: it repeats with "(ต่อ)" on every page of the table.
        table = status_table(plan, group)
        table.title = group.label
        blocks.append(table)
    if not states:
        blocks.append(Paragraph("ยังไม่มีมาตรการ"))
    return [Section(blocks, orientation="landscape")]


def status_document(
    plan: Plan, *, period: str = Period.HALF, digits: str | None = None
) -> Document:
    title = report_heading(plan.fiscal_year, period, "รายงานสถานะการดำเนินการตามมาตรการ")
    return Document(
        title,
        status_sections(plan, period),
        digits=c.digits_of(plan.agency, digits),
        agency=plan.agency.full_name,
        subject=title,
        vocabulary=document_vocabulary(plan.agency),
    )
