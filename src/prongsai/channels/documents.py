"""The O18 table (ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ) as a document (PDF/DOCX
through the document engine) and as XLSX; "ไม่มีเรื่องร้องเรียน" for a year without any."""

from __future__ import annotations

import io
from typing import Any

from prongsai.channels.selectors import Stats, StatsRow
from prongsai.core import thai
from prongsai.core.documents import in_thai
from prongsai.documents.model import Cell, Column, Document, Heading, Paragraph, Section, Table

TITLE = "ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
BY_LABEL = {"month": "รายเดือน", "quarter": "รายไตรมาส", "half": "รายครึ่งปี"}
NONE_TEXT = "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
HEADERS = ("ช่วงเวลา", "จำนวนเรื่องร้องเรียนทั้งหมด", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ")


def title(stats: Stats) -> str:
    return f"{TITLE} ประจำปีงบประมาณ พ.ศ. {stats.year}"


def _as_of(stats: Stats) -> str:
    return f"ข้อมูล ณ วันที่ {thai.format_date(stats.as_of, digits_style='arabic')}"


def _row(row: StatsRow, *, bold: bool = False) -> list[Cell]:
    return [Cell(row.label, bold=bold)] + [
        Cell(str(n), align="center", bold=bold) for n in (row.total, row.done, row.in_progress)
    ]


@in_thai
def stats_document(stats: Stats, digits: str | None = None) -> Document:
    agency = stats.agency
    blocks: list = [
        Heading(title(stats), level=1, align="center"),
        Paragraph(agency.full_name, align="center", bold=True),
        Paragraph(f"({BY_LABEL[stats.by]}) {_as_of(stats)}", align="center", space_after=0.3),
    ]
    if stats.empty:
        blocks.append(
            Paragraph(
                f"ในปีงบประมาณ พ.ศ. {stats.year} {agency.full_name} {NONE_TEXT}",
                align="center",
                bold=True,
                space_after=0.3,
            )
        )
    blocks.append(
        Table(
            [
                Column(HEADERS[0], 2.2),
                Column(HEADERS[1], 1.3),
                Column(HEADERS[2], 1.3),
                Column(HEADERS[3], 1.3),
            ],
            [_row(r) for r in stats.rows] + [_row(stats.total, bold=True)],
        )
    )
    blocks.append(
        Paragraph(
            "ดำเนินการแล้วเสร็จ หมายถึง เรื่องที่มีสถานะเสร็จสิ้นหรือไม่รับเรื่อง (พร้อมเหตุผล) "
            "ข้อมูลนี้เป็นจำนวนเรื่องเท่านั้น ไม่มีเนื้อหาหรือข้อมูลผู้แจ้ง",
            size=9,
        )
    )
    style = digits if digits in ("thai", "arabic") else agency.digit_style
    return Document(
        title(stats),
        [Section(blocks)],
        digits=style,  # type: ignore[arg-type]
        agency=agency.full_name,
        subject=TITLE,
    )


def stats_xlsx(stats: Stats) -> bytes:
    # openpyxl (and numpy under it) loads on first use: the CLI's light commands never need it
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from prongsai.core.spreadsheets import xlsx_append

    wb = Workbook()
    ws: Any = wb.active
    ws.title = "O18"
    xlsx_append(ws, [title(stats)])
    xlsx_append(ws, [stats.agency.full_name])
    xlsx_append(ws, [f"{BY_LABEL[stats.by]} · {_as_of(stats)}"])
    if stats.empty:
        xlsx_append(ws, [f"ในปีงบประมาณ พ.ศ. {stats.year} {NONE_TEXT}"])
    xlsx_append(ws, [])
    xlsx_append(ws, list(HEADERS))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in [*stats.rows, stats.total]:
        xlsx_append(ws, [row.label, row.total, row.done, row.in_progress])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws["A1"].font = Font(bold=True, size=14)
    for index, width in enumerate((34, 22, 20, 22), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def filename(stats: Stats, fmt: str) -> str:
    return f"o18-{stats.agency.slug}-{stats.year}-{stats.by}.{fmt}"
