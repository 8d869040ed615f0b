"""The plan with its progress as an XLSX workbook: one sheet of measures, one of actions."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from prongsai.core import thai
from prongsai.core.spreadsheets import xlsx_append
from prongsai.plans.models import Plan
from prongsai.plans.selectors import measure_responsible
from prongsai.progress.models import Period
from prongsai.progress.periods import long_date
from prongsai.progress.selectors import default_as_of, plan_states

MEASURE_COLUMNS = [
    ("ประเด็น", 30),
    ("มาตรการ", 40),
    ("ข้อคำถาม ITA", 14),
    ("ระยะเวลาดำเนินการ", 22),
    ("ผู้รับผิดชอบ", 26),
    ("ไตรมาสตามแผน", 12),
    ("ไตรมาสที่ดำเนินการ", 12),
    ("สถานะ", 18),
    ("ล่าช้า", 8),
    ("จำนวนการดำเนินการ", 10),
    ("ผลการดำเนินการ", 40),
    ("ข้อเสนอแนะ", 30),
    ("ผลลัพธ์", 30),
    ("สาเหตุ", 30),
    ("ปัญหาอุปสรรค", 30),
]
ACTION_COLUMNS = [
    ("วันที่ (พ.ศ.)", 16),
    ("วันที่", 12),
    ("มาตรการ", 40),
    ("สิ่งที่ดำเนินการ", 50),
    ("ผู้ดำเนินการ", 26),
    ("แล้วเสร็จ", 10),
    ("หลักฐาน", 60),
    ("สถานะลิงก์", 16),
]


def write_sheet(ws: Any, columns: list[tuple[str, int]], rows: list[list[Any]]) -> None:
    xlsx_append(ws, [title for title, _w in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8E8E8")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, (_title, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for row in rows:
        xlsx_append(ws, row)
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def plan_workbook(plan: Plan) -> bytes:
    as_of = default_as_of(plan)
    states = plan_states(plan, as_of, note_period=Period.YEAR)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "มาตรการ"
    measure_rows, action_rows = [], []
    for s in states:
        m, note = s.measure, s.note
        measure_rows.append(
            [
                m.issue.title,
                m.title,
                ", ".join(m.question_codes),
                m.timeline_label("arabic"),
                "\n".join(measure_responsible(m)),
                ", ".join(map(str, s.quarters_planned)),
                ", ".join(map(str, s.quarters_done)),
                s.status_label,
                "ใช่" if s.late else "",
                len(s.actions),
                note.result if note else "",
                note.suggestions if note else "",
                note.outcome if note else "",
                note.cause if note else "",
                note.problems if note else "",
            ]
        )
        for a in s.actions:
            evidence = a.evidence.all()
            action_rows.append(
                [
                    long_date(a.date),
                    a.date,
                    m.title,
                    a.text,
                    a.by_label,
                    "ใช่" if a.completes else "",
                    "\n".join(e.url or e.file_name for e in evidence),
                    "\n".join(e.get_link_status_display() for e in evidence if e.url),
                ]
            )
    write_sheet(ws, MEASURE_COLUMNS, measure_rows)
    write_sheet(wb.create_sheet("การดำเนินการ"), ACTION_COLUMNS, action_rows)
    for row in wb["การดำเนินการ"].iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    info = wb.create_sheet("ข้อมูล")
    xlsx_append(info, ["หน่วยงาน", plan.agency.full_name])
    xlsx_append(info, ["ปีงบประมาณ", plan.fiscal_year])
    xlsx_append(info, ["ข้อมูล ณ วันที่", thai.format_date(as_of, digits_style="arabic")])
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 50
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
