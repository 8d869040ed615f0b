"""The answers for ITAS: one row per item in ITAS's order (the framework's), with code, title,
มี/ไม่มี, the URL(s) and the explanation, ready to copy item by item (XLSX and a print page)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook

from prongsai.oit.selectors import RegisterView
from prongsai.progress.export import write_sheet

COLUMNS = [
    ("ข้อ", 8),
    ("รายการ", 50),
    ("มี/ไม่มี", 10),
    ("URL", 60),
    ("คำอธิบายเพิ่มเติม", 60),
    ("ข้อมูลของปีงบประมาณ", 14),
    ("หมายเหตุ (ไม่ต้องกรอกใน ITAS)", 40),
]


@dataclass(frozen=True)
class Answer:
    code: str
    title: str
    has: bool
    urls: list[str]
    explanations: list[str]
    data_year: int | None
    note: str


def answers(view: RegisterView) -> list[Answer]:
    out = []
    for r in view.rows:
        links = [c for c in r.links if not c.problem]
        out.append(
            Answer(
                r.display_code,
                r.item.title or "(ไม่ทราบชื่อรายการ)",
                r.ready,
                [c.url for c in links],
                [c.explanation for c in links if c.explanation],
                r.expected_year,
                "; ".join([r.reason, *r.problems]).strip("; "),
            )
        )
    return out


def register_workbook(view: RegisterView) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"OIT {view.register.fiscal_year}"
    rows = [
        [
            a.code,
            a.title,
            "มี" if a.has else "ไม่มี",
            "\n".join(a.urls),
            "\n".join(a.explanations),
            a.data_year or "",
            a.note,
        ]
        for a in answers(view)
    ]
    write_sheet(ws, COLUMNS, rows)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
