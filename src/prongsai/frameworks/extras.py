"""The parts of a framework file the OIT register reads: each OIT item's period and the
Prongsai document that answers it, superseded question wordings, and the ITAS calendar.

Pure Python, no Django (like files.py). Schema in docs/frameworks.md and docs/oit.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from prongsai.core.publications import document_kinds

PERIODS = ("current", "previous_fy")
CALENDAR_KEYS = (
    "registration",
    "assessment",
    "oit_entry",
    "oit_scoring",
    "clarification",
    "confirmation",
    "results",
)


def validate_oit_item_extras(c: Any, item: dict[str, Any], path: str) -> None:
    period = item.get("period")
    if period is not None and period not in PERIODS:
        c.err(f"{path}.period", "ต้องเป็น current (ปีงบประมาณปัจจุบัน), previous_fy หรือ null เมื่อไม่ทราบ")
    answered = item.get("answered_by")
    kinds = document_kinds()
    if answered is not None and answered not in kinds:
        c.err(f"{path}.answered_by", f"ต้องเป็นหนึ่งใน {', '.join(kinds)} หรือ null")
    if answered is not None and period is None:
        c.err(f"{path}.period", "รายการที่เอกสารของระบบตอบได้ต้องระบุ period")
    elements = item.get("required_elements")
    if elements is not None and (
        not isinstance(elements, list)
        or not all(isinstance(e, str) and e.strip() for e in elements)
    ):
        c.err(f"{path}.required_elements", "ต้องเป็นรายการข้อความ หรือ null เมื่อไม่ทราบ")


def validate_superseded(c: Any, q: dict[str, Any], path: str) -> None:
    texts = q.get("superseded_texts")
    if texts is None:
        return
    if not isinstance(texts, list):
        c.err(f"{path}.superseded_texts", "ต้องเป็นรายการ")
        return
    for j, entry in enumerate(texts):
        sp = f"{path}.superseded_texts[{j}]"
        if not c.mapping(entry, sp):
            continue
        c.text(entry, "text", sp)
        c.text(entry, "used_in", sp)
        c.provenance(entry, sp)


def _iso(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def validate_calendar(c: Any, data: dict[str, Any]) -> None:
    if data.get("calendar_note") is not None and not isinstance(data.get("calendar_note"), str):
        c.err("calendar_note", "ต้องเป็นข้อความ")
    calendar = data.get("calendar")
    if calendar is None:
        return
    if not isinstance(calendar, list):
        c.err("calendar", "ต้องเป็นรายการช่วงเวลา (ไม่ทราบเลยให้ใส่ [])")
        return
    seen: set[str] = set()
    for i, window in enumerate(calendar):
        path = f"calendar[{i}]"
        if not c.mapping(window, path):
            continue
        key = window.get("key")
        if key not in CALENDAR_KEYS:
            c.err(f"{path}.key", f"ต้องเป็นหนึ่งใน {', '.join(CALENDAR_KEYS)}")
        elif key in seen:
            c.err(f"{path}.key", f"ช่วงเวลา {key} ซ้ำ")
        else:
            seen.add(key)
        start, end = _iso(window.get("start")), _iso(window.get("end"))
        for name, value in (("start", start), ("end", end)):
            if value is None:
                c.err(f"{path}.{name}", "ต้องเป็นวันที่ ค.ศ. ในรูป 'YYYY-MM-DD' (ใส่เครื่องหมายคำพูด)")
        if start and end and end < start:
            c.err(f"{path}.end", "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม")
        c.provenance(window, path)


@dataclass(frozen=True)
class Window:
    key: str
    start: dt.date
    end: dt.date
    confidence: str
    sources: tuple[str, ...]
    note: str


def calendar_windows(data: dict[str, Any]) -> dict[str, Window]:
    """The known windows of a year's ITAS calendar, by key (a key not present is not known)."""
    out: dict[str, Window] = {}
    for w in data.get("calendar") or []:
        start, end = _iso(w.get("start")), _iso(w.get("end"))
        if w.get("key") in CALENDAR_KEYS and start and end:
            p = w.get("provenance") or {}
            out[w["key"]] = Window(
                w["key"],
                start,
                end,
                str(p.get("confidence") or ""),
                tuple(p.get("sources") or ()),
                str(p.get("note") or ""),
            )
    return out


def default_due_date(data: dict[str, Any]) -> dt.date | None:
    """When the register's items are due by default: the end of the OIT entry window, else the
    end of the assessment; None when the calendar does not say."""
    windows = calendar_windows(data)
    for key in ("oit_entry", "assessment"):
        if key in windows:
            return windows[key].end
    return None
