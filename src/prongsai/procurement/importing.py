"""A month of the สขร. ๑ from a CSV/XLSX file or from the CGD procurement-contract data.

The file has one header row, then one row per procurement (columns A–L, `HEADER`). Bidders go in
one cell, one a line (or separated by ";"), each "name price": "บริษัท ก จำกัด 12,000.00".
The CGD JSON (opend.data.go.th govspending/cgdcontract) has no bidder list and no reason: those
stay for the officer to fill in (the research's mapping, `cgd.py`).

Everything is read and checked before anything is written; one error and nothing is written.
A row whose contract number (or, without one, e-GP project number) is already in the agency's
registers of that fiscal year is recognised and skipped, so a month can be imported again; the
same number twice in one file is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.tables import TableReadError, read_table
from prongsai.core.text import clean_text
from prongsai.core.thai import local_digits, parse_date, to_arabic_digits
from prongsai.procurement import services
from prongsai.procurement.models import ProcurementEntry, ProcurementMonth
from prongsai.procurement.services import BidderInput, EntryInput

#: (column title in the template, the words a header must start with, required)
HEADER = (
    ("ลำดับ", "ลำดับ", False),
    ("งานที่จัดซื้อหรือจัดจ้าง", "งานที่จัดซื้อ", True),
    ("วงเงินที่จะซื้อหรือจ้าง (บาท)", "วงเงิน", True),
    ("ราคากลาง (บาท)", "ราคากลาง", False),
    ("วิธีซื้อหรือจ้าง", "วิธี", True),
    ("รายชื่อผู้เสนอราคาและราคาที่เสนอ", "รายชื่อผู้เสนอราคา", False),
    ("ผู้ได้รับการคัดเลือก", "ผู้ได้รับการคัดเลือก", False),
    ("ราคาที่ตกลงซื้อหรือจ้าง (บาท)", "ราคาที่ตกลง", False),
    ("เหตุผลที่คัดเลือกโดยสรุป", "เหตุผล", False),
    ("เลขที่สัญญาหรือข้อตกลง", "เลขที่สัญญา", False),
    ("วันที่ของสัญญาหรือข้อตกลง", "วันที่", False),
    ("เลขที่โครงการ (e-GP)", "เลขที่โครงการ", False),
)
LETTERS = "ABCDEFGHIJKL"
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
MAX_CELL = 500
_PRICE_AT_END = re.compile(
    r"^(?P<name>.*?)[\s:=]*(?:ราคา\s*)?(?P<price>\d[\d,]*(?:\.\d+)?)\s*(?:บาท)?\s*$"
)
_NUMBERING = re.compile(r"^\s*\d+[.)]\s*")


class ImportFailed(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int  # the row number (or record number) to name in messages
    entry: EntryInput

    @property
    def key(self) -> str | None:
        if self.entry.contract_no.strip():
            return "c:" + " ".join(self.entry.contract_no.split()).casefold()
        if self.entry.project_id.strip():
            return "p:" + self.entry.project_id.strip()
        return None


@dataclass
class ImportReport:
    added: int
    skipped: int
    outside: int = 0

    @property
    def message(self) -> str:
        text = _("นำเข้า %(added)s รายการแล้ว") % {"added": local_digits(self.added)}
        if self.skipped:
            text += _(" · ข้าม %(n)s รายการที่มีอยู่แล้ว (เลขที่สัญญาหรือเลขที่โครงการซ้ำ)") % {
                "n": local_digits(self.skipped)
            }
        if self.outside:
            text += _(" · ไม่นำเข้า %(n)s สัญญาที่ไม่ได้อยู่ในเดือนนี้") % {"n": local_digits(self.outside)}
        return text


def row_error(line: int, message: str, column: int | None = None) -> str:
    if column is None:
        return _("แถวที่ %(row)s: %(message)s") % {"row": local_digits(line), "message": message}
    return _("แถวที่ %(row)s คอลัมน์ %(column)s (%(header)s): %(message)s") % {
        "row": local_digits(line),
        "column": LETTERS[column],
        "header": HEADER[column][0],
        "message": message,
    }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return clean_text(str(value)).strip()


def money(value: Any) -> Decimal | str | None:
    """A baht amount (None when empty), or the Thai reason it is not one."""
    if value is None or _text(value) == "":
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = to_arabic_digits(_text(value)).replace(",", "").replace("บาท", "").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            return _("“%(text)s” ไม่ใช่จำนวนเงิน") % {"text": _text(value)[:40]}
    if not number.is_finite() or number < 0 or number >= Decimal("1e13"):
        return _("จำนวนเงินต้องเป็นตัวเลขไม่ติดลบ")
    if number != number.quantize(Decimal("0.01")):
        return _("จำนวนเงินมีทศนิยมเกิน 2 ตำแหน่ง")
    return number.quantize(Decimal("0.01"))


def bidders_of(text: str) -> list[BidderInput] | str:
    """ "บริษัท ก จำกัด 12,000.00; ร้าน ข ราคา 12,500 บาท" → the bidders, or the reason not."""
    out: list[BidderInput] = []
    for part in re.split(r"[\n;]+", to_arabic_digits(text)):
        part = _NUMBERING.sub("", part).strip()
        if not part:
            continue
        match = _PRICE_AT_END.match(part)
        if match and match.group("name").strip():
            price = money(match.group("price"))
            if isinstance(price, str):
                return price
            out.append(BidderInput(match.group("name").strip(" :-")[:300], price))
        else:
            out.append(BidderInput(part[:300], None))
    return out


def _date(value: Any) -> dt.date | str | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    day = parse_date(text)
    return (
        day if day is not None else _("อ่านวันที่ “%(text)s” ไม่ได้ เช่น 15/10/2568") % {"text": text[:40]}
    )


def _check_header(cells: list[Any]) -> list[str]:
    errors = []
    for col, (title, start, _required) in enumerate(HEADER):
        found = " ".join(_text(cells[col]).split())
        if col == len(HEADER) - 1 and not found:
            continue  # the e-GP project number is optional, column and all
        if not found.startswith(start):
            errors.append(
                row_error(
                    1,
                    _("หัวคอลัมน์ %(column)s ต้องเป็น “%(title)s” แต่พบ “%(found)s”")
                    % {"column": LETTERS[col], "title": title, "found": found[:60]},
                )
            )
    return errors


def read_file(content: bytes, filename: str) -> list[Row]:
    """The rows of an import file, all checked (ImportFailed with every error otherwise)."""
    if len(content) > MAX_BYTES:
        raise ImportFailed([_("ไฟล์ใหญ่เกิน ๕ MB")])
    try:
        table = read_table(content, filename, columns=len(HEADER))
    except TableReadError as e:
        raise ImportFailed([e.message]) from None
    table = [(n, cells) for n, cells in table if any(_text(c) for c in cells)]
    if not table:
        raise ImportFailed([_("ไฟล์ไม่มีข้อมูล")])
    if len(table) > MAX_ROWS:
        raise ImportFailed([_("ไฟล์มีมากกว่า %(n)s แถว") % {"n": local_digits(MAX_ROWS)}])
    _header_line, header = table[0]
    errors = _check_header(header)
    if errors:
        raise ImportFailed(errors)
    rows: list[Row] = []
    for line, cells in table[1:]:
        row, row_errors = _row(line, cells)
        errors += row_errors
        if row is not None:
            rows.append(row)
    if not rows and not errors:
        errors.append(_("ไฟล์มีแต่หัวคอลัมน์ ไม่มีรายการ"))
    if errors:
        raise ImportFailed(errors)
    return rows


def _row(line: int, cells: list[Any]) -> tuple[Row | None, list[str]]:
    errors: list[str] = []
    text = [_text(c) for c in cells]
    for col, value in enumerate(text):
        if len(value) > MAX_CELL:
            errors.append(row_error(line, _("ข้อความยาวเกิน ๕๐๐ ตัวอักษร"), col))
    for col in (1, 2, 4):
        if not text[col]:
            errors.append(row_error(line, _("ต้องกรอก"), col))
    amounts: dict[int, Decimal | None] = {}
    for col in (2, 3, 7):
        amount = money(cells[col])
        if isinstance(amount, str):
            errors.append(row_error(line, amount, col))
        else:
            amounts[col] = amount
    number = None
    if text[0]:
        digits = to_arabic_digits(text[0]).rstrip(".")
        if digits.isdecimal() and 0 < int(digits) < 100000:
            number = int(digits)
        else:
            errors.append(row_error(line, _("ลำดับต้องเป็นจำนวนเต็มบวก"), 0))
    bidders = bidders_of(text[5])
    if isinstance(bidders, str):
        errors.append(row_error(line, bidders, 5))
    day = _date(cells[10])
    if isinstance(day, str):
        errors.append(row_error(line, day, 10))
    if errors:
        return None, errors
    assert not isinstance(bidders, str) and not isinstance(day, str)
    budget = amounts[2]
    assert budget is not None
    return (
        Row(
            line,
            EntryInput(
                title=text[1][:500],
                budget=budget,
                median_price=amounts[3],
                method=text[4][:200],
                bidders=bidders,
                winner=text[6][:300],
                winner_price=amounts[7],
                reason=text[8][:500],
                contract_no=text[9][:100],
                contract_date=day,
                project_id=text[11][:50],
                number=number,
                source="file",
            ),
        ),
        [],
    )


def _existing_keys(register: ProcurementMonth) -> set[str]:
    keys: set[str] = set()
    entries = ProcurementEntry.objects.filter(
        register__agency_id=register.agency_id, register__fiscal_year=register.fiscal_year
    ).values_list("contract_no", "project_id")
    for contract_no, project_id in entries:
        if contract_no.strip():
            keys.add("c:" + " ".join(contract_no.split()).casefold())
        if project_id.strip():
            keys.add("p:" + project_id.strip())
    return keys


def rows_save(
    register: ProcurementMonth, rows: list[Row], *, user: Any, outside: int = 0
) -> ImportReport:
    """Write the checked rows in one transaction: a duplicate inside them is an error (nothing
    written); one already recorded this fiscal year is skipped."""
    seen: dict[str, int] = {}
    errors = []
    for row in rows:
        key = row.key
        if key is None:
            continue
        if key in seen:
            errors.append(
                row_error(
                    row.line,
                    _("ซ้ำกับแถวที่ %(other)s (เลขที่สัญญาหรือเลขที่โครงการเดียวกัน)")
                    % {"other": local_digits(seen[key])},
                )
            )
        else:
            seen[key] = row.line
    if errors:
        raise ImportFailed(errors)
    added = skipped = 0
    with transaction.atomic():
        services.lock_month(register)
        if register.nil:
            raise ImportFailed([_("เดือนนี้ระบุไว้ว่าไม่มีการจัดซื้อจัดจ้าง ยกเลิกก่อนนำเข้า")])
        existing = _existing_keys(register)
        used = set(register.entries.values_list("number", flat=True))
        for row in rows:
            if row.key is not None and row.key in existing:
                skipped += 1
                continue
            if row.entry.number in used:
                row.entry.number = None  # the next free number instead
            entry = services.entry_add(register, row.entry, user=user)
            used.add(entry.number)
            added += 1
    return ImportReport(added, skipped, outside)


def import_file(
    register: ProcurementMonth, content: bytes, filename: str, *, user: Any
) -> ImportReport:
    return rows_save(register, read_file(content, filename), user=user)


def template_xlsx() -> bytes:
    """The import template: the header and one example row."""
    import io

    from openpyxl import Workbook

    from prongsai.core.spreadsheets import xlsx_append

    wb = Workbook()
    ws: Any = wb.active
    ws.title = "สขร1"
    xlsx_append(ws, [title for title, _s, _r in HEADER])
    xlsx_append(
        ws,
        [
            1,
            "จัดซื้อวัสดุสำนักงาน",
            15000,
            15000,
            "เฉพาะเจาะจง",
            "ร้านตัวอย่างการค้า 14,500.00",
            "ร้านตัวอย่างการค้า",
            14500,
            "ราคาต่ำสุดและเสนอพัสดุถูกต้องตามที่กำหนด",
            "1/2569",
            "15/10/2568",
            "",
        ],
    )
    for letter, width in zip(LETTERS, (7, 36, 14, 14, 16, 36, 28, 14, 30, 14, 14, 16), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
