"""Exports of an oversight page (the same rows and values as its table, with the same filters)
and the bulk import template."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from prongsai.core import thai
from prongsai.core.spreadsheets import csv_row, xlsx_append
from prongsai.frameworks.models import Framework
from prongsai.oversight.filters import STATES
from prongsai.oversight.selectors import Row, all_rows

BULK_COLUMNS = ["รหัสหน่วยงาน", "ปีงบประมาณ", "จังหวัด", "อำเภอ", "ประเภท", "ชื่อหน่วยงาน"] + [
    f"ind{n}" for n in range(1, 11)
] + ["total", "IIT", "EIT", "OIT", "level", "rank", "ranked_count"]  # fmt: skip
HEAD_FILL = PatternFill("solid", fgColor="E6EDF6")


def columns(view: Any) -> list[str]:
    year = view.filters.year
    return [
        "รหัสหน่วยงาน",
        "หน่วยงาน",
        "ประเภท",
        "อำเภอ",
        "จังหวัด",
        f"คะแนนรวม {year}",
        "ระดับ",
        "ผ่านเกณฑ์",
        "IIT",
        "EIT",
        "OIT",
        f"คะแนนรวม {year - 1}",
        "เปลี่ยนแปลง",
        "อันดับในพื้นที่",
        "อันดับประเทศ (ประเภทเดียวกัน)",
        "จำนวนที่จัดอันดับ",
        f"มาตรการ {view.filters.plan_year}",
        "ข้อค้นพบจากการตรวจ",
        "รายงานรอบ 6 เดือน",
        "รายงานประจำปี",
        "มาตรการล่าช้า",
    ]


def values(row: Row) -> list[Any]:
    """One row's values in export order: numbers as numbers, missing as None."""
    a = row.agency
    return [
        a.code or a.slug,
        a.full_name,
        row.type_label,
        a.district.name,
        a.district.province.name,
        row.overall,
        row.level or None,
        None if row.passed is None else ("ผ่าน" if row.passed else "ไม่ผ่าน"),
        row.tools.get("IIT"),
        row.tools.get("EIT"),
        row.tools.get("OIT"),
        row.prev_overall,
        row.change,
        row.area_rank,
        row.national_rank,
        row.ranked_count,
        row.plan_label,
        row.findings,
        row.half_label,
        row.annual_label,
        row.late,
    ]


def _rows(view: Any) -> list[Row]:
    return all_rows(view.scope, view.filters, view.ranks)


def _about(view: Any) -> list[tuple[str, Any]]:
    f = view.filters
    states = dict(STATES)
    return [
        ("พื้นที่", view.area_label),
        ("ผลการประเมินปี", f.year),
        ("มาตรการและรายงานปีงบประมาณ", f.plan_year),
        ("นับมาตรการล่าช้า ณ วันที่", thai.format_date(view.agg.as_of, digits_style="arabic")),
        ("ประเภท", f.type or "ทุกประเภท"),
        ("ระดับ", f.level or "ทุกระดับ"),
        ("สถานะ", str(states.get(f.state, "ทุกสถานะ"))),
        ("ค้นหา", f.q or "-"),
    ]


def export_csv(view: Any) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_row(columns(view)))
    for row in _rows(view):
        writer.writerow(csv_row(values(row)))
    return out.getvalue().encode("utf-8-sig")  # the BOM lets Excel open the Thai text


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def export_xlsx(view: Any) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "หน่วยงาน"
    xlsx_append(ws, columns(view))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
    for row in _rows(view):
        xlsx_append(ws, [_plain(v) for v in values(row)])
    ws.freeze_panes = "C2"
    for letter, width in zip("ABCDEFGH", (12, 40, 24, 18, 16, 10, 18, 10), strict=True):
        ws.column_dimensions[letter].width = width
    summary = wb.create_sheet("สรุป")
    for label, value in _about(view):
        xlsx_append(summary, [label, value])
    agg = view.agg
    xlsx_append(summary, [])
    xlsx_append(summary, ["จำนวนหน่วยงาน", agg.agencies])
    xlsx_append(summary, ["มีผลการประเมิน", agg.results])
    xlsx_append(summary, ["คะแนนเฉลี่ย", agg.mean])
    xlsx_append(summary, ["ร้อยละที่ผ่านเกณฑ์", agg.pass_rate])
    xlsx_append(summary, [])
    xlsx_append(summary, ["ระดับ", "จำนวนหน่วยงาน"])
    for level, n in agg.levels:
        xlsx_append(summary, [level, n])
    xlsx_append(summary, [])
    xlsx_append(summary, ["ตัวชี้วัด/เครื่องมือ", "คะแนนเฉลี่ย", f"ปี {agg.year - 1}", "ต่ำสุด", "สูงสุด"])
    for s in [*agg.tools, *agg.indicators]:
        xlsx_append(summary, [f"{s.key} {s.name}", s.mean, s.prev_mean, s.low, s.high])
    summary.column_dimensions["A"].width = 50
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def filename(view: Any, fmt: str) -> str:
    scope = view.scope
    where = scope.district.code if scope.district else (
        scope.province.code if scope.province else "th"
    )  # fmt: skip
    return f"oversight-{where}-{view.filters.year}.{fmt}"


def _template_columns() -> tuple[list[str], list[tuple[str, str]]]:
    fw = Framework.objects.order_by("-year").first()
    codes = list(BULK_COLUMNS)
    notes = [
        ("รหัสหน่วยงาน", "รหัสหน่วยงาน ๗ หลัก (จำเป็น) ใช้จับคู่กับหน่วยงานในระบบ"),
        ("ปีงบประมาณ", "ปีงบประมาณของผลการประเมิน พ.ศ. เช่น 2568 (จำเป็น)"),
        ("จังหวัด, อำเภอ", "รหัสหรือชื่อ จำเป็นเมื่อหน่วยงานยังไม่มีในระบบ ถ้ากรอกต้องตรงกับหน่วยงาน"),
        ("ประเภท", "อบต. ทต. ทม. ทน. อบจ. หรือชื่อเต็ม จำเป็นเมื่อหน่วยงานยังไม่มีในระบบ"),
        ("ชื่อหน่วยงาน", "ชื่อเฉพาะ เช่น หนองคันทรอง จำเป็นเมื่อหน่วยงานยังไม่มีในระบบ"),
        ("ind1 … ind10", "คะแนนตัวชี้วัด (จำเป็นครบ ๑๐ ตัว)"),
        ("total, IIT, EIT, OIT, level", "คะแนนรวม คะแนนเครื่องมือ และระดับตามที่ประกาศ (ไม่บังคับ)"),
        ("rank, ranked_count", "ลำดับที่และจำนวนหน่วยงานที่จัดลำดับ (ไม่บังคับ)"),
    ]
    if fw is not None:
        codes += list(fw.questions.order_by("order").values_list("code", flat=True))
        codes += [fw.display_code(c) for c in fw.oit_items.order_by("order").values_list(
            "code", flat=True)]  # fmt: skip
        notes.append(
            (
                "i…, e…, o…",
                f"คะแนนรายข้อและผลรายการ OIT (ผ่าน/ไม่ผ่าน) ตามเกณฑ์ปี {fw.year} (ไม่บังคับ)",
            )
        )
    return codes, notes


def bulk_template_csv() -> bytes:
    out = io.StringIO()
    csv.writer(out).writerow(csv_row(_template_columns()[0]))
    return out.getvalue().encode("utf-8-sig")


def bulk_template_xlsx() -> bytes:
    codes, notes = _template_columns()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "ผลการประเมิน"
    xlsx_append(ws, codes)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
    ws.freeze_panes = "B2"
    about = wb.create_sheet("คำอธิบาย")
    for note in notes:
        xlsx_append(about, list(note))
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 90
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
