"""Results from a CSV or XLSX file, and the template to fill in.

The file is long-form, one value a row, so one file can hold any year and any part:

    ปีงบประมาณ | รหัส  | รายการ (ไม่ต้องกรอก)        | ค่า
    2566       | ind1  | ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ | 99.00
    2566       | total | คะแนนรวม                    | 97.37
    2566       | i19   | …                           | 88.50
    2566       | o1    | …                           | ผ่าน

Codes: total, IIT/EIT/OIT (tool totals as published), level, rank, ranked_count, ind1…ind10,
question codes (i1, e4, …) and OIT item codes (o1/O1, …). Rows with an empty value are skipped.
Everything is checked before anything is written; each year in the file replaces that year's
result entirely.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from prongsai.core.ita_codes import normalise_code
from prongsai.core.tables import TableReadError, read_table
from prongsai.core.transactions import lock_timeout
from prongsai.frameworks.models import Framework
from prongsai.frameworks.scoring import round2
from prongsai.orgs.models import Agency
from prongsai.results.models import Result
from prongsai.results.services import (
    ResultInput,
    busy_message,
    level_names,
    result_check,
    result_save,
)

HEADER = ("ปีงบประมาณ", "รหัส", "รายการ", "ค่า")
COLUMNS = ("A", "B", "C", "D")
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
PASS_WORDS = {"ผ่าน", "มี", "1", "true", "yes", "y", "✓", "/"}
FAIL_WORDS = {"ไม่ผ่าน", "ไม่มี", "0", "false", "no", "n", "✗", "x", "-"}
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class ImportFailed(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportReport:
    years: list[int]
    rows: int

    @property
    def message(self) -> str:
        years = ", ".join(str(y) for y in self.years)
        return _("นำเข้าผลการประเมินปีงบประมาณ %(years)s แล้ว (%(rows)s แถว)") % {
            "years": years,
            "rows": self.rows,
        }


def _cell(row: int, col: int, message: str) -> str:
    return _("แถวที่ %(row)s คอลัมน์ %(column)s (%(header)s): %(message)s") % {
        "row": row,
        "column": COLUMNS[col],
        "header": HEADER[col],
        "message": message,
    }


def read_rows(content: bytes, filename: str) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells A–D) of a CSV or XLSX file."""
    try:
        yield from read_table(content, filename, columns=4)
    except TableReadError as e:
        raise ImportFailed([e.message]) from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().translate(THAI_DIGITS)


def _integer(value: Any) -> int | None:
    text = _text(value).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return int(number) if number == number.to_integral_value() else None


def _score(value: Any) -> Decimal | str:
    text = _text(value)
    if isinstance(value, float):
        text = repr(value)
    if "," in text and "." not in text:
        return _("“%(text)s” ใช้จุลภาคเป็นจุดทศนิยม ให้ใช้จุด เช่น 97.37") % {"text": text}
    try:
        number = Decimal(text)
    except InvalidOperation:
        return _("“%(text)s” ไม่ใช่ตัวเลข") % {"text": text}
    if not Decimal(0) <= number <= Decimal(100):
        return _("คะแนน %(text)s ต้องอยู่ระหว่าง 0 ถึง 100") % {"text": text}
    if number != round2(number):
        return _("คะแนน %(text)s มีทศนิยมเกิน 2 ตำแหน่ง") % {"text": text}
    return number


def parse_results(
    rows: Iterator[tuple[int, list[Any]]],
) -> tuple[dict[int, ResultInput], list[str], int, set[int]]:
    """The years' inputs from the rows, every cell problem, the number of value rows, and the
    years that had a cell problem."""
    frameworks = {f.year: f for f in Framework.objects.prefetch_related("tools")}
    codes: dict[int, tuple[set[str], set[str], set[str]]] = {}
    inputs: dict[int, ResultInput] = {}
    seen: dict[tuple[int, str], int] = {}
    errors: list[str] = []
    broken: set[int] = set()
    count = 0
    for number, cells in rows:
        if number > MAX_ROWS:
            errors.append(_("ไฟล์มีเกิน %(rows)s แถว") % {"rows": MAX_ROWS})
            break
        year_text, code_text, _label, value = cells
        if number == 1 and _integer(year_text) is None:
            continue  # the header row
        if not any(_text(c) for c in cells):
            continue
        code = _text(code_text)
        if _text(value) == "":
            continue
        count += 1
        year = _integer(year_text)
        if year is None or year not in frameworks:
            errors.append(
                _cell(
                    number,
                    0,
                    _("“%(text)s” ไม่ใช่ปีงบประมาณที่มีเกณฑ์ในระบบ (%(years)s)")
                    % {
                        "text": _text(year_text),
                        "years": ", ".join(map(str, sorted(frameworks))),
                    },
                )
            )
            continue
        fw = frameworks[year]
        if year not in codes:
            codes[year] = (
                set(fw.questions.values_list("code", flat=True)),
                set(fw.oit_items.values_list("code", flat=True)),
                set(fw.tools.values_list("code", flat=True)),
            )
        questions, items, tools = codes[year]
        data = inputs.setdefault(year, ResultInput(year=year, indicators={}, questions={}, oit={}))
        key = normalise_code(code)
        if (year, key) in seen:
            repeated = _("รหัส %(code)s ของปี %(year)s ซ้ำกับแถวที่ %(row)s") % {
                "code": code,
                "year": year,
                "row": seen[(year, key)],
            }
            errors.append(_cell(number, 1, repeated))
            continue
        seen[(year, key)] = number
        problem = _apply(data, fw, key, code, value, questions, items, tools)
        if problem:
            errors.append(_cell(number, 1 if problem[0] == "code" else 3, problem[1]))
            broken.add(year)
    return inputs, errors, count, broken


def _apply(
    data: ResultInput,
    fw: Framework,
    key: str,
    code: str,
    value: Any,
    questions: set[str],
    items: set[str],
    tools: set[str],
) -> tuple[str, str] | None:
    if key.startswith("ind") and key[3:].isdecimal():
        parsed = _score(value)
        if isinstance(parsed, str):
            return ("value", parsed)
        data.indicators[int(key[3:])] = parsed
    elif key in questions:
        parsed = _score(value)
        if isinstance(parsed, str):
            return ("value", parsed)
        assert data.questions is not None
        data.questions[key] = parsed
    elif key in items:
        word = _text(value).lower()
        if word not in PASS_WORDS | FAIL_WORDS:
            return ("value", _("“%(text)s” ต้องเป็น ผ่าน หรือ ไม่ผ่าน") % {"text": _text(value)})
        assert data.oit is not None
        data.oit[key] = word in PASS_WORDS
    elif key == "total" or code.upper() in tools:
        parsed = _score(value)
        if isinstance(parsed, str):
            return ("value", parsed)
        if key == "total":
            data.entered_overall = parsed
        else:
            data.entered_tools[code.upper()] = parsed
    elif key == "level":
        level = _text(value)
        if level not in level_names(fw):
            return (
                "value",
                _("ระดับ “%(level)s” ไม่มีในเกณฑ์ปี %(year)s (ใช้ได้: %(levels)s)")
                % {"level": level, "year": fw.year, "levels": ", ".join(level_names(fw))},
            )
        data.entered_level = level
    elif key in ("rank", "ranked_count"):
        number = _integer(value)
        if number is None or number < 1:
            return ("value", _("“%(text)s” ต้องเป็นจำนวนเต็มตั้งแต่ 1") % {"text": _text(value)})
        setattr(data, key, number)
    else:
        return ("code", _("ไม่รู้จักรหัส “%(code)s” ในเกณฑ์ปี %(year)s") % {"code": code, "year": fw.year})
    return None


def results_import(
    agency: Agency, content: bytes, filename: str, *, user: Any = None
) -> ImportReport:
    """Check the whole file, then save every year in it in one transaction; on any problem
    raise ImportFailed with every problem (Thai, with row and column) and write nothing."""
    if len(content) > MAX_BYTES:
        raise ImportFailed([_("ไฟล์ใหญ่เกินไป (ไม่เกิน 5 MB)")])
    inputs, errors, count, broken = parse_results(read_rows(content, filename))
    for year in sorted(set(inputs) - broken):  # a year with a bad cell would only add echoes
        errors += result_check(inputs[year])
    if not inputs and not errors:
        errors.append(_("ไม่พบข้อมูลในไฟล์ (ต้องมีคอลัมน์ ปีงบประมาณ, รหัส, รายการ, ค่า)"))
    if errors:
        raise ImportFailed(errors)
    try:
        with transaction.atomic():
            lock_timeout(settings.SAVE_LOCK_TIMEOUT_SECONDS)
            for year in sorted(inputs):
                try:
                    result_save(agency, inputs[year], source=Result.Source.IMPORT, user=user)
                except ValidationError as e:  # pragma: no cover — checked above
                    raise ImportFailed(e.messages) from None
    except OperationalError:  # a bulk import holds the rows: say so, never a server error
        raise ImportFailed([busy_message()]) from None
    return ImportReport(sorted(inputs), count)
