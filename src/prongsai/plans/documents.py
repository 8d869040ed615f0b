"""The plan as a document: title, the analysis section, the measures table (layout A or B),
the constraints analysis and the approval signature. Built from the domain; rendering is the
document engine's job."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Literal

from django.utils import timezone

from prongsai.core import thai
from prongsai.core.documents import DocumentOptions, DocumentUnavailable, in_thai
from prongsai.documents.model import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    NumberedList,
    Paragraph,
    Run,
    Section,
    SignatureBlock,
    Spacer,
    Table,
    from_th_sarabun,
)
from prongsai.orgs.models import Agency, Person
from prongsai.orgs.selectors import document_vocabulary
from prongsai.plans.frameworks import FrameworkView, framework_of
from prongsai.plans.models import Measure, Plan
from prongsai.plans.selectors import measure_responsible, plan_issues

Layout = Literal["A", "B"]


def agency_lines(plan: Plan) -> list[Paragraph]:
    agency = plan.agency
    return [
        Paragraph(agency.full_name, align="center", bold=True),
        Paragraph(f"{agency.district} {agency.province}", align="center"),
    ]


def cover_section(plan: Plan) -> Section:
    """A cover page like the printed plans': the title and year large, the agency, and
    "จัดทำโดย" its office of the permanent secretary (สำนักปลัด) with the district and province.
    Not numbered and not counted (the page after it is page 1)."""
    agency = plan.agency
    unit = next(
        (u.name for u in agency.units.order_by("name") if u.name.startswith("สำนักปลัด")),
        "สำนักปลัด",
    )
    big = from_th_sarabun(28)
    return Section(
        [
            Spacer(5.0),
            Paragraph(plan.title, align="center", bold=True, size=big),
            Paragraph(
                f"ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}", align="center", bold=True, size=big
            ),
            Spacer(2.5),
            Paragraph(agency.full_name, align="center", bold=True, size=from_th_sarabun(24)),
            Spacer(6.0),
            Paragraph(f"จัดทำโดย {unit}", align="center", bold=True, size=from_th_sarabun(20)),
            Paragraph(
                f"{agency.full_name} {agency.district}", align="center", size=from_th_sarabun(20)
            ),
            Paragraph(str(agency.province), align="center", size=from_th_sarabun(20)),
        ],
        orientation="portrait",
        page_numbers=False,
        cover=True,
    )


def question_paragraphs(measure: Measure, fw: FrameworkView) -> list[Paragraph]:
    """One paragraph per linked question: its code (bold, digits as written: "i19") and text."""
    return [
        Paragraph([Run(code, bold=True, keep_digits=True), f" {text}" if text else ""])
        for code in measure.question_codes
        if (text := fw.question_text(code)) is not None or code
    ]


def _question_lines(measure: Measure, fw: FrameworkView) -> list[Paragraph]:
    return question_paragraphs(measure, fw) or [Paragraph("-")]


def _monitoring_lines(measure: Measure, digits: thai.Digits) -> list[str]:
    import datetime as dt

    out = []
    for step in measure.monitoring:
        deadline = step.get("deadline")
        when = (
            f" (ภายใน {thai.format_date(dt.date.fromisoformat(deadline), digits_style=digits)})"
            if deadline
            else ""
        )
        out.append(f"{step['text']}{when}")
    return out


def _steps(items: list[str]) -> NumberedList | Paragraph:
    return NumberedList(list(items)) if items else Paragraph("-")


def table_layout_a(plan: Plan, digits: thai.Digits) -> Table:
    columns = [
        Column("ประเด็น", 1.2),
        Column("ข้อคำถาม ITA", 1.8),
        Column("ข้อค้นพบ", 1.5),
        Column("ขั้นตอน/วิธีการปฏิบัติ", 2.3),
        Column("ระยะเวลาดำเนินการ", 1.25),
        Column("ผู้รับผิดชอบ", 1.0),
    ]
    header = [
        [
            Cell("ประเด็น", rowspan=2, bold=True, align="center", valign="middle"),
            Cell("การนำผลการวิเคราะห์ไปสู่การปฏิบัติ", colspan=2, bold=True, align="center"),
            Cell("ขั้นตอน/วิธีการปฏิบัติ", rowspan=2, bold=True, align="center", valign="middle"),
            Cell("ระยะเวลาดำเนินการ", rowspan=2, bold=True, align="center", valign="middle"),
            Cell("ผู้รับผิดชอบ", rowspan=2, bold=True, align="center", valign="middle"),
        ],
        [Cell("ข้อคำถาม ITA", bold=True, align="center"), Cell("ข้อค้นพบ", bold=True, align="center")],
    ]
    fw = framework_of(plan.based_on_year)  # once: it reads and decodes the whole framework
    rows: list[list[Cell]] = []
    for number, issue in enumerate(plan_issues(plan), start=1):
        measures = list(issue.measures.all())
        if not measures:
            continue
        for index, m in enumerate(measures):
            row = []
            if index == 0:
                row.append(Cell(f"{number}. {issue.title}", rowspan=len(measures), bold=True))
            row += [
                Cell(_question_lines(m, fw)),
                Cell(
                    [Paragraph(m.title, bold=True), Paragraph(m.finding)] if m.finding else m.title
                ),
                Cell([_steps(m.steps)]),
                Cell(m.timeline_label(digits), align="center"),
                Cell([Paragraph(n) for n in measure_responsible(m)] or "-"),
            ]
            rows.append(row)
    return Table(columns, rows, header)


def table_layout_b(plan: Plan, digits: thai.Digits) -> Table:
    fw = framework_of(plan.based_on_year)
    columns = [
        Column("ประเด็นที่ต้องปรับปรุงแก้ไข", 2.0),
        Column("ผู้รับผิดชอบ", 1.1),
        Column("ขั้นตอนหรือวิธีการ/มาตรการ", 2.4),
        Column("การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ", 2.0),
    ]
    header = [[Cell(c.title, bold=True, align="center", valign="middle") for c in columns]]
    groups: dict[tuple[int, int], list[Measure]] = defaultdict(list)
    for issue in plan_issues(plan):
        for m in issue.measures.all():
            indicator = m.indicator or next(
                (fw.indicator_of(c) for c in m.question_codes if fw.indicator_of(c)), None
            )
            groups[(fw.tool_order(indicator), indicator or 99)].append(m)
    rows: list[list[Cell]] = []
    current_tool = None
    for (_tool_order, indicator), measures in sorted(groups.items()):
        tool = fw.tool_of(indicator) if indicator != 99 else None
        if tool != current_tool:
            current_tool = tool
            label = fw.tool_label(tool) if tool else "มาตรการอื่น ๆ"
            rows.append([Cell(label, colspan=4, bold=True, fill="#f2f2f2")])
        if indicator != 99:
            rows.append(
                [
                    Cell(
                        f"ตัวชี้วัดที่ {indicator} {fw.indicator_name(indicator)}",
                        colspan=4,
                        bold=True,
                        group_level=2,
                    )
                ]
            )
        for m in measures:
            rows.append(
                [
                    Cell([Paragraph(m.title, bold=True), *_question_lines(m, fw)]),
                    Cell([Paragraph(n) for n in measure_responsible(m)] or "-"),
                    Cell([_steps(m.steps)]),
                    Cell(
                        [_steps(_monitoring_lines(m, digits)), Paragraph(m.timeline_label(digits))]
                    ),
                ]
            )
    return Table(columns, rows, header)


_LEADING_NUMBER = re.compile(r"^\s*(?:[0-9๐-๙]+[.)]|[-•])\s*")


def constraint_list(text: str) -> NumberedList:
    """The constraints, one point a line, numbered as in real plans (a number the officer
    typed is replaced, so an edited list never shows "1. 1.")."""
    return NumberedList(
        [_LEADING_NUMBER.sub("", line) for line in text.splitlines() if line.strip()]
    )


def announced_line(plan: Plan) -> str:
    """ "ประกาศ ณ วันที่ 1 ตุลาคม พ.ศ. 2566": the day the plan was approved, dotted until then."""
    if plan.approved_at is None:
        return "ประกาศ ณ วันที่ ........ เดือน .................... พ.ศ. ........"
    day = timezone.localtime(plan.approved_at).date()
    return f"ประกาศ ณ วันที่ {day.day} {thai.month_name(day.month)} พ.ศ. {thai.be_year(day)}"


def _signer(plan: Plan) -> Person | None:
    if plan.approver_person is not None:
        return plan.approver_person
    people = Person.objects.filter(agency=plan.agency, signs_documents=True).order_by("order")
    return next((p for p in people if p.position.startswith("นายก")), people.first())


@in_thai
def plan_document(
    plan: Plan,
    *,
    layout: Layout = "A",
    digits: thai.Digits | None = None,
    with_analysis: bool = True,
    cover: bool = False,
) -> Document:
    """`cover`: a cover page first (an option of the document, off by default)."""
    digits = digits or plan.agency.digit_style  # type: ignore[assignment]
    assert digits in ("thai", "arabic")
    title = f"{plan.title} ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}"
    head: list[Block] = [Heading(title, level=1, align="center"), *agency_lines(plan), Spacer(0.4)]
    sections: list[Section] = [cover_section(plan)] if cover else []
    analysis: list[Block] = []
    if with_analysis:
        from prongsai.plans.analysis_section import analysis_blocks

        analysis = analysis_blocks(plan, digits)
    if analysis:
        sections.append(Section([*head, *analysis], orientation="portrait"))
        head = []
    table = table_layout_a(plan, digits) if layout == "A" else table_layout_b(plan, digits)
    table.title = f"{plan.title} ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}"
    number = 2 if analysis else 1  # "1." is the analysis when the plan has one
    closing: list[Block] = [
        *head,
        Heading(f"{number}. {plan.title}", level=2),
        table,
    ]
    if plan.constraints_text:
        closing += [
            Heading(f"{number + 1}. วิเคราะห์ข้อจำกัดของหน่วยงาน", level=2),
            constraint_list(plan.constraints_text),
        ]
    closing.append(Paragraph(announced_line(plan), align="center", space_after=0.3))
    signer = _signer(plan)
    if signer is not None:
        closing += [Spacer(0.5), SignatureBlock(signer.name, [signer.position])]
    sections.append(Section(closing, orientation="landscape"))
    return Document(
        title,
        sections,
        digits=digits,
        agency=plan.agency.full_name,
        subject=title,
        vocabulary=document_vocabulary(plan.agency),
    )


def build_plan_document(agency: Agency, year: int, options: DocumentOptions) -> Document:
    plan = Plan.objects.filter(agency=agency, fiscal_year=year).first()
    if plan is None:
        raise DocumentUnavailable(thai.to_thai_digits(f"ยังไม่มีมาตรการของปีงบประมาณ {year}"))
    layout: Layout = "B" if options.layout == "B" else "A"
    digits = options.digits if options.digits in ("thai", "arabic") else None
    return plan_document(plan, layout=layout, digits=digits, cover=options.cover)  # type: ignore[arg-type]
