"""The สขร. ๑ as a document: the month's table (A4 landscape, the form code at top right of
every page), the quarter and fiscal-year bundles (one month a section), the nil version, and the
same as XLSX (one sheet a month). No request, no view: used by the downloads, the official copies
and `prongsai render procurement`."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from prongsai.core.spreadsheets import xlsx_append
from prongsai.core.thai import Digits, digits, format_date, month_name
from prongsai.documents import model as m
from prongsai.orgs.models import Agency
from prongsai.procurement.models import FISCAL_MONTHS, ProcurementEntry, ProcurementMonth

FORM_CODE = "แบบ สขร. ๑"
NIL_TEXT = "ไม่มีการจัดซื้อจัดจ้าง"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: The form's columns, as printed (the last one has two sub-columns).
COLUMNS = (
    ("ลำดับ", 0.5),
    ("งานที่จัดซื้อหรือจัดจ้าง", 2.2),
    ("วงเงินที่จะซื้อหรือจ้าง (บาท)", 1.15),
    ("ราคากลาง (บาท)", 1.15),
    ("วิธีซื้อหรือจ้าง", 1.1),
    ("รายชื่อผู้เสนอราคาและราคาที่เสนอ", 2.1),
    ("ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง", 1.9),
    ("เหตุผลที่คัดเลือกโดยสรุป", 1.4),
)
CONTRACT = "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"
CONTRACT_PARTS = (("เลขที่", 0.9), ("วันที่", 0.95))


def money(value: Decimal | None) -> str:
    """ "1,234,567.00" (Arabic digits: the document localises them); empty for None."""
    return "" if value is None else f"{value:,.2f}"


@dataclass(frozen=True)
class MonthData:
    """What one month's page shows (a month without a register yet is an empty month)."""

    fiscal_year: int
    month: int
    nil: bool
    entries: Sequence[ProcurementEntry]

    @property
    def year_be(self) -> int:
        return self.fiscal_year - (1 if self.month >= 10 else 0)

    @property
    def title(self) -> str:
        return f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน{month_name(self.month)} {self.year_be}"


def month_data(register: ProcurementMonth) -> MonthData:
    entries = list(register.entries.prefetch_related("bidders").order_by("number", "pk"))
    return MonthData(register.fiscal_year, register.month, register.nil, entries)


def _bidders(entry: ProcurementEntry) -> m.Cell:
    bidders = list(entry.bidders.all())
    if not bidders:
        return m.Cell("-", align="center")
    items = [
        f"{b.name} ราคา {money(b.price)} บาท" if b.price is not None else b.name for b in bidders
    ]
    return m.Cell(m.NumberedList(items, suffix="."))


def _winner(entry: ProcurementEntry) -> m.Cell:
    if not entry.winner:
        return m.Cell("-", align="center")
    lines = [m.Paragraph(entry.winner)]
    if entry.winner_price is not None:
        lines.append(m.Paragraph(f"ราคา {money(entry.winner_price)} บาท"))
    return m.Cell(lines)


def _date(value: dt.date | None, style: Digits) -> str:
    """ "5 ต.ค. 68": the document localises the digits (Arabic here)."""
    return format_date(value, style="abbr", digits_style="arabic") if value is not None else ""


def _row(entry: ProcurementEntry, style: Digits) -> list[m.Cell]:
    return [
        m.Cell(str(entry.number), align="center"),
        m.Cell(entry.title),
        m.Cell(money(entry.budget), align="right"),
        m.Cell(money(entry.median_price) or "-", align="right" if entry.median_price else "center"),
        m.Cell(entry.method),
        _bidders(entry),
        _winner(entry),
        m.Cell(entry.reason or "-", align=None if entry.reason else "center"),
        m.Cell(entry.contract_no or "-", align=None if entry.contract_no else "center"),
        m.Cell(
            _date(entry.contract_date, style) or "-",
            align=None if entry.contract_date else "center",
        ),
    ]


def _table(data: MonthData, style: Digits) -> m.Table:
    columns = [m.Column(t, w) for t, w in COLUMNS] + [m.Column(t, w) for t, w in CONTRACT_PARTS]
    header = [
        [m.Cell(t, rowspan=2, bold=True, valign="middle") for t, _w in COLUMNS]
        + [m.Cell(CONTRACT, colspan=2, bold=True)],
        [m.Cell(t, bold=True) for t, _w in CONTRACT_PARTS],
    ]
    if data.nil or not data.entries:
        text = NIL_TEXT if data.nil else "ยังไม่ได้บันทึกรายการ"
        rows: list[list[m.Cell]] = [[m.Cell(text, colspan=len(columns), align="center", bold=True)]]
    else:
        rows = [_row(e, style) for e in data.entries]
    return m.Table(columns, rows, header, font_size=9.0)


def month_blocks(agency: Agency, data: MonthData, style: Digits) -> list[m.Block]:
    return [
        m.Heading(data.title, level=2, align="center"),
        m.Paragraph(agency.full_name, align="center", bold=True),
        m.Spacer(0.2),
        _table(data, style),
    ]


def _document(title: str, agency: Agency, months: Sequence[MonthData], style: Digits) -> m.Document:
    if not months:
        raise ValueError("a document needs at least one month")
    return m.Document(
        title,
        [
            m.Section(month_blocks(agency, d, style), orientation="landscape", corner=FORM_CODE)
            for d in months
        ],
        digits=style,
        agency=agency.full_name,
        subject="สขร. ๑",
        vocabulary=(agency.full_name, agency.short_name),
    )


def digit_style(agency: Agency, style: str | None = None) -> Digits:
    """The chosen style, else the agency's."""
    return "arabic" if (style or agency.digit_style) == "arabic" else "thai"


def month_document(agency: Agency, data: MonthData, style: str | None = None) -> m.Document:
    return _document(data.title, agency, [data], digit_style(agency, style))


def bundle_document(
    agency: Agency, title: str, months: Sequence[MonthData], style: str | None = None
) -> m.Document:
    return _document(title, agency, months, digit_style(agency, style))


def bundle_title(fiscal_year: int, quarter: int | None = None) -> str:
    if quarter is None:
        return f"สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร. ๑) ปีงบประมาณ พ.ศ. {fiscal_year}"
    return f"สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร. ๑) ไตรมาส {quarter} ปีงบประมาณ พ.ศ. {fiscal_year}"


def quarter_months(quarter: int) -> tuple[int, ...]:
    return FISCAL_MONTHS[(quarter - 1) * 3 : quarter * 3]


# --- XLSX ------------------------------------------------------------------------------------


def _sheet_rows(data: MonthData, style: Digits) -> list[list[object]]:
    rows: list[list[object]] = []
    for e in data.entries:
        bidders = "\n".join(
            f"{n}. {b.name}" + (f" ราคา {money(b.price)} บาท" if b.price is not None else "")
            for n, b in enumerate(e.bidders.all(), start=1)
        )
        winner = e.winner + (
            f"\nราคา {money(e.winner_price)} บาท" if e.winner and e.winner_price is not None else ""
        )
        rows.append(
            [
                e.number,
                e.title,
                e.budget,
                e.median_price,
                e.method,
                digits(bidders, style),
                digits(winner, style),
                e.reason,
                e.contract_no,
                digits(_date(e.contract_date, style), style),
            ]
        )
    return rows


def month_xlsx(agency: Agency, months: Sequence[MonthData], chosen: str | None = None) -> bytes:
    """The months as a workbook, one sheet each: the title, the form code, the two header rows
    and the rows (amounts as numbers with two decimals, bidders in one wrapped cell)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    style = digit_style(agency, chosen)
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    wrap = Alignment(wrap_text=True, vertical="top")
    for data in months:
        ws = wb.create_sheet(f"{month_name(data.month, abbr=True)} {str(data.year_be)[-2:]}")
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        xlsx_append(ws, [""] * 9 + [digits(FORM_CODE, style)])
        xlsx_append(ws, [digits(data.title, style)])
        xlsx_append(ws, [agency.full_name])
        xlsx_append(ws, [t for t, _w in COLUMNS] + [CONTRACT, ""])
        xlsx_append(ws, [""] * len(COLUMNS) + [t for t, _w in CONTRACT_PARTS])
        ws.merge_cells(start_row=4, start_column=9, end_row=4, end_column=10)
        for col in range(1, len(COLUMNS) + 1):
            ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
        for row in ws.iter_rows(min_row=4, max_row=5):
            for cell in row:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        if data.nil or not data.entries:
            xlsx_append(ws, [NIL_TEXT if data.nil else "ยังไม่ได้บันทึกรายการ"])
        for values in _sheet_rows(data, style):
            xlsx_append(ws, values)
        for row in ws.iter_rows(min_row=6):
            for cell in row:
                cell.alignment = wrap
                if cell.column in (3, 4) and isinstance(cell.value, Decimal | int | float):
                    cell.number_format = "#,##0.00"
        for letter, width in zip(
            "ABCDEFGHIJ", (7, 40, 16, 16, 18, 40, 34, 26, 16, 14), strict=True
        ):
            ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
