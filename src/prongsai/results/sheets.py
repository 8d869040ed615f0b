"""The results template (CSV or XLSX): every code of a year, with the saved values when the
agency has a result for that year, so the template doubles as an export."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from prongsai.core.spreadsheets import csv_row, xlsx_append
from prongsai.frameworks.models import Framework
from prongsai.results.importing import HEADER
from prongsai.results.models import Result
from prongsai.results.services import level_names


def template_rows(framework: Framework, result: Result | None) -> list[list[Any]]:
    """[year, code, label, value] rows for every value of the year."""
    year = framework.year
    rows: list[list[Any]] = []
    scores = {s.number: s.score for s in result.indicator_scores.all()} if result else {}
    questions = {q.code: q.score for q in result.question_scores.all()} if result else {}
    oit = {o.code: o.passed for o in result.oit_results.all()} if result else {}
    entered_tools = (result.entered_tools or {}) if result else {}
    rows.append(
        [year, "total", "คะแนนรวม (ตามที่ประกาศ)", result.entered_overall if result else None]
    )
    for tool in framework.tools.order_by("order"):
        value = entered_tools.get(tool.code)
        rows.append([year, tool.code, f"คะแนน {tool.code} {tool.name_th}", value])
    rows.append(
        [
            year,
            "level",
            f"ระดับ ({' / '.join(level_names(framework))})",
            (result.entered_level or None) if result else None,
        ]
    )
    rows.append([year, "rank", "ลำดับที่", result.rank if result else None])
    rows.append(
        [
            year,
            "ranked_count",
            "จำนวนหน่วยงานประเภทเดียวกันที่จัดลำดับ",
            result.ranked_count if result else None,
        ]
    )
    for ind in framework.indicators.order_by("number"):
        rows.append(
            [year, f"ind{ind.number}", f"ตัวชี้วัดที่ {ind.number} {ind.name_th}", scores.get(ind.number)]
        )
    for q in framework.questions.order_by("order"):
        rows.append([year, q.code, q.text or f"ข้อ {q.code} (ไม่ทราบถ้อยคำ)", questions.get(q.code)])
    for item in framework.oit_items.order_by("order"):
        passed = oit.get(item.code)
        rows.append(
            [
                year,
                framework.display_code(item.code),
                item.title or f"{framework.display_code(item.code)} (ไม่ทราบชื่อรายการ)",
                None if passed is None else ("ผ่าน" if passed else "ไม่ผ่าน"),
            ]
        )
    return [[y, c, label, _plain(v)] for y, c, label, v in rows]


def _plain(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    return value


def template_csv(framework: Framework, result: Result | None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_row(HEADER))
    for row in template_rows(framework, result):
        writer.writerow(csv_row(row))
    return out.getvalue().encode("utf-8-sig")  # the BOM lets Excel open the Thai text


def template_xlsx(framework: Framework, result: Result | None) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"ITA {framework.year}"
    xlsx_append(ws, list(HEADER))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E6EDF6")
    rows = template_rows(framework, result)
    for row in rows:
        xlsx_append(ws, row)
    ws.freeze_panes = "A2"
    for column, width in zip("ABCD", (12, 14, 90, 14), strict=True):
        ws.column_dimensions[column].width = width
    oit = DataValidation(type="list", formula1='"ผ่าน,ไม่ผ่าน"', allow_blank=True)
    levels = DataValidation(
        type="list", formula1='"' + ",".join(level_names(framework)) + '"', allow_blank=True
    )
    scores = DataValidation(
        type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
    )
    scores.error = "คะแนนต้องอยู่ระหว่าง 0 ถึง 100"
    ws.add_data_validation(oit)
    ws.add_data_validation(levels)
    ws.add_data_validation(scores)
    for index, row in enumerate(rows, start=2):
        code = str(row[1]).lower()
        if code.startswith("o") and code[1:].isdecimal():
            oit.add(f"D{index}")
        elif code == "level":
            levels.add(f"D{index}")
        elif code not in ("rank", "ranked_count"):
            scores.add(f"D{index}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
