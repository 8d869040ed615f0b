"""The analysis as document blocks (section 1 of a measures plan, as in seeds/000), and as a
document of its own ("analysis" in `prongsai render` and the downloads)."""

from __future__ import annotations

from prongsai.analysis.charts import (
    indicators_chart,
    overall_chart,
    tools_chart,
    tools_years_chart,
)
from prongsai.analysis.selectors import AnalysisResult, WeakItem, analysis_for
from prongsai.core import thai
from prongsai.core.documents import DocumentOptions, DocumentUnavailable
from prongsai.documents.model import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    Image,
    NumberedList,
    Paragraph,
    Run,
    Section,
    Table,
)
from prongsai.orgs.models import Agency, AgencyType
from prongsai.orgs.selectors import document_vocabulary

CHART_WIDTH_CM = 15.0


def _indicator_table(a: AnalysisResult) -> Table:
    rows: list[list[Cell | str]] = []
    for tool in a.tools:
        rows.append(
            [
                Cell(f"{tool.name_th} ({tool.code})", bold=True, fill="#f2f2f2"),
                Cell(f"{tool.score} คะแนน", bold=True, align="right", fill="#f2f2f2"),
            ]
        )
        for row in tool.indicators:
            rows.append([f"{row.number}. {row.name_th}", Cell(f"{row.score} คะแนน", align="right")])
    rows.append([Cell("คะแนนรวม", bold=True), Cell(f"{a.overall} คะแนน", bold=True, align="right")])
    return Table([Column("ตัวชี้วัดของการประเมิน ITA", 3.0), Column("คะแนน", 1.0)], rows)


def _weak_blocks(item: WeakItem) -> list[Block]:
    if item.kind == "indicator":
        runs = [Run(f"{item.label} ได้คะแนนรวม {item.score} คะแนน", bold=True)]
    elif item.kind == "oit":  # all or nothing: the rule that picked it is that it failed
        text = f" {item.text}" if item.text else " (ไม่ทราบชื่อรายการ)"
        runs = [
            Run(item.label, bold=True, keep_digits=True),
            Run(f"{text} ผลการตรวจไม่ผ่าน (รายการ OIT ได้คะแนนทั้งหมดหรือไม่ได้เลย)", bold=True),
        ]
    else:  # a question code keeps its digits as written ("i19"), whatever the document's style
        text = f" {item.text}" if item.text else ""
        runs = [
            Run(item.label, bold=True, keep_digits=True),
            Run(f"{text} ได้คะแนน {item.score} คะแนน", bold=True),
        ]
    blocks: list[Block] = [Paragraph(runs, space_after=0.1, keep_with_next=True)]
    for title, body in (("ข้อบกพร่อง", item.deficiency), ("ประเด็นที่ควรพัฒนาหรือแก้ไข", item.development)):
        blocks.append(Paragraph(title, bold=True, keep_with_next=True))
        blocks += [Paragraph(p, indent_first_line=True) for p in body.splitlines() if p.strip()]
    return blocks


def analysis_section_blocks(
    agency: Agency,
    year: int,
    *,
    digits: thai.Digits = "thai",
    with_charts: bool = True,
    with_constraints: bool = False,
    numbered: bool = True,
) -> list[Block]:
    """The analysis of the agency's result for `year` as blocks; [] when there is no result."""
    a = analysis_for(agency, year)
    if a is None:
        return []
    name = agency.short_name
    prefix = "1. " if numbered else ""
    blocks: list[Block] = [
        Heading(f"{prefix}การวิเคราะห์ผลการประเมิน ITA ของ {name} ปีงบประมาณ พ.ศ. {year}", level=2),
        Paragraph(
            f"จากการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            f"ประจำปีงบประมาณ พ.ศ. {year} {name} ได้คะแนน {a.overall} คะแนน อยู่ในระดับ {a.level}"
            f" ซึ่ง{'ผ่าน' if a.passed else 'ไม่ผ่าน'}เกณฑ์ {a.pass_mark:.0f} คะแนน" + _trend_sentence(a),
            indent_first_line=True,
        ),
    ]
    if a.rank:
        kind = AgencyType(agency.type).label if agency.type != AgencyType.OTHER else "เดียวกัน"
        of = f" จาก {a.ranked_count} หน่วยงาน" if a.ranked_count else ""
        blocks.append(
            Paragraph(
                f"ผลการประเมินอยู่ในลำดับที่ {a.rank} ของหน่วยงานประเภท{kind}{of}", indent_first_line=True
            )
        )
    blocks.append(_indicator_table(a))
    if with_charts:
        charts = [
            tools_chart(a, digits, CHART_WIDTH_CM),
            indicators_chart(a, digits, CHART_WIDTH_CM),
        ]
        if len(a.trend.points) > 1:
            charts = [
                overall_chart(a, digits, CHART_WIDTH_CM),
                charts[0],
                tools_years_chart(a, digits, CHART_WIDTH_CM),
                charts[1],
            ]
        blocks += [Image(png, width_cm=CHART_WIDTH_CM) for png in charts]
    blocks.append(Paragraph("โดยวิเคราะห์ผลการประเมินแต่ละเครื่องมือ ได้ดังนี้", indent_first_line=True))
    for tool in a.tools:
        blocks.append(Heading(f"ผลการประเมิน{tool.name_th} ({tool.code})", level=3))
        if not tool.weak:
            blocks.append(Paragraph(a.no_weakness_text, indent_first_line=True))
            continue
        blocks.append(
            Paragraph("จากผลคะแนน พบข้อบกพร่องและประเด็นที่ควรพัฒนา ดังนี้", indent_first_line=True)
        )
        for item in tool.weak:
            blocks += _weak_blocks(item)
    if with_constraints:
        lines = [line.strip() for line in a.constraints.splitlines() if line.strip()]
        blocks.append(Heading("วิเคราะห์ข้อจำกัดของหน่วยงาน", level=2))
        blocks.append(NumberedList(list(lines)))
    return blocks


def _trend_sentence(a: AnalysisResult) -> str:
    previous = a.trend.previous
    if previous is None or a.trend.change is None:
        return ""
    change = a.trend.change
    if change == 0:
        return f" เท่ากับปีงบประมาณ พ.ศ. {previous.year}"
    word = "เพิ่มขึ้น" if change > 0 else "ลดลง"
    since = f"ปีงบประมาณ พ.ศ. {previous.year} ({previous.overall} คะแนน)"
    return f" {word} {abs(change):.2f} คะแนนจาก{since}"


def build_analysis_document(agency: Agency, year: int, options: DocumentOptions) -> Document:
    """The analysis of the agency's FY`year` result as a document of its own, with the
    constraints (`prongsai render analysis --year 2566` analyses the FY2566 result)."""
    digits: thai.Digits = "arabic" if (options.digits or agency.digit_style) == "arabic" else "thai"
    blocks = analysis_section_blocks(
        agency, year, digits=digits, with_constraints=True, numbered=False
    )
    if not blocks:
        raise DocumentUnavailable(thai.to_thai_digits(f"ยังไม่มีผลการประเมินของปีงบประมาณ {year}"))
    title = f"การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year}"
    head: list[Block] = [
        Heading(title, level=1, align="center"),
        Paragraph(agency.full_name, align="center"),
    ]
    return Document(
        title,
        [Section([*head, *blocks[1:]])],
        digits=digits,
        agency=agency.full_name,
        subject=title,
        vocabulary=document_vocabulary(agency),
    )
