"""Reading the rows of an uploaded CSV or XLSX file, safely: bounded inflation for workbooks,
UTF-8 or TIS-620 for CSV, and one Thai error (`TableReadError`) for anything unreadable."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core.text import clean_text
from prongsai.core.zips import BROKEN_ZIP

MAX_INFLATED = 50 * 1024 * 1024  # a results workbook is at most some thousands of rows
MAX_MEMBERS = 200


class TableReadError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_table(content: bytes, filename: str, *, columns: int) -> list[tuple[int, list[Any]]]:
    """(row number from 1, the first `columns` cells) of every row of a .csv/.txt or .xlsx file."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx(content, columns)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _csv(content, columns)
    raise TableReadError(_("ไฟล์ต้องเป็น .csv หรือ .xlsx"))


def _pad(values: Any, columns: int) -> list[Any]:
    cells = [clean_text(v) if isinstance(v, str) else v for v in values[:columns]]
    return cells + [None] * (columns - len(cells))


def _xlsx(content: bytes, columns: int) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    unreadable = TableReadError(_("เปิดไฟล์ Excel (.xlsx) ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ .xlsx"))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            members = zf.infolist()
    except BROKEN_ZIP:
        raise unreadable from None
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_INFLATED:
        raise TableReadError(_("ไฟล์ Excel นี้ใหญ่เกินกว่าที่ใช้กับผลการประเมินได้ (อาจเป็นไฟล์ที่ถูกบีบอัดผิดปกติ)"))
    # openpyxl raises many kinds of errors on a damaged file (zlib, XML, ValueError, KeyError…),
    # while opening and while reading: any of them means the file cannot be read.
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            rows = wb.worksheets[0].iter_rows(values_only=True)
            return [(n, _pad(values, columns)) for n, values in enumerate(rows, start=1)]
        finally:
            wb.close()
    except Exception:
        raise unreadable from None


def _csv(content: bytes, columns: int) -> list[tuple[int, list[Any]]]:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableReadError(_("อ่านไฟล์ CSV ไม่ได้: ต้องเป็น UTF-8 หรือ TIS-620"))
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return [(n, _pad(values, columns)) for n, values in enumerate(reader, start=1)]
    except csv.Error as e:
        raise TableReadError(
            _("อ่านไฟล์ CSV ไม่ได้ (แถวที่ %(row)s): %(error)s") % {"row": reader.line_num, "error": e}
        ) from None
