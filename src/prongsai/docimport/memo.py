"""The บันทึกข้อความ memo that covers a report: ส่วนราชการ, ที่, วันที่, เรื่อง, เรียน, signatures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .dates import first_date
from .text import is_row, squash

MEMO_TITLE = "บันทึกข้อความ"
_HEAD_LINES = 12
_SECTION = re.compile(r"^ส่วน\s*ราชการ\s*[.:]?\s*(.*)$")
# The headings' tone mark optional: OCR drops it ("ที สส ๗๑๘๐๑", "เรือง").
_NUMBER_DATE = re.compile(r"^ที\u0e48?\s+(.*?)\s*วันที\u0e48?\s*(.+)$|^ที่\s*(.*?)\s*วันที่\s*(.+)$")
_NUMBER = re.compile(r"^ที\u0e48?\s+(.+)$")
_DATE = re.compile(r"^วันที\u0e48?\s*(.+)$")
_SUBJECT = re.compile(r"^เรื\u0e48?อง\s*[.:]?\s*(.*)$")
_TO = re.compile(r"^เรียน\s*[.:]?\s*(.*)$")
_SIGNED_NAME = re.compile(r"^(?:ลงชื่อ[\s.…_]*)?\(\s*([^()]{3,80}?)\s*\)\s*$")
_SIGN_LINE = re.compile(r"^ลงชื่อ[\s.…_]*$")
_END = re.compile(r"^(?:แบบวัด|แบบตรวจ|ตัวชี้วัด|มาตรการ|ประเด็น|ตาราง)")


@dataclass
class MemoResult:
    memo: dict[str, Any] | None
    section: str | None = None  # ส่วนราชการ, which names the agency
    number: str | None = None  # ที่ (the document number, "สส ๗๑๘๐๑/-")
    end_line: int = 0  # index of the first line after the memo
    warnings: list[str] = field(default_factory=list)


def find_memo_start(lines: list[str]) -> int | None:
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if squash(line).startswith(MEMO_TITLE):
            return index
        seen += 1
        if seen >= _HEAD_LINES:
            return None
    return None


def parse_memo(lines: list[str]) -> MemoResult:
    start = find_memo_start(lines)
    if start is None:
        return MemoResult(None)
    result = MemoResult({"date": None, "subject": None, "to": None, "signatories": []})
    memo = result.memo
    assert memo is not None
    index = start + 1
    subject_open = False
    pending_name: str | None = None
    while index < len(lines):
        line = lines[index].strip()
        if is_row(lines[index]) or (index > start + 3 and _END.match(line) and not pending_name):
            break
        index += 1
        if not line:
            continue
        if match := _SECTION.match(line):
            result.section = match.group(1).strip() or None
            continue
        if match := _NUMBER_DATE.match(line):
            number, date = (match.group(1), match.group(2)) if match.group(2) else match.group(3, 4)
            result.number = number.strip() or None
            _set_date(result, date)
            continue
        if (match := _DATE.match(line)) and memo["date"] is None:
            _set_date(result, match.group(1))
            continue
        if (match := _NUMBER.match(line)) and result.number is None and memo["subject"] is None:
            result.number = match.group(1).strip()
            continue
        if match := _SUBJECT.match(line):
            memo["subject"] = match.group(1).strip()
            subject_open = True
            continue
        if match := _TO.match(line):
            memo["to"] = match.group(1).strip()
            subject_open = False
            continue
        if subject_open and memo["to"] is None:
            memo["subject"] = f"{memo['subject']} {line}".strip()
            continue
        if match := _SIGNED_NAME.match(line):
            if pending_name:
                memo["signatories"].append({"name": pending_name, "position": None})
            pending_name = match.group(1).strip()
            continue
        if _SIGN_LINE.match(line):
            continue
        if pending_name:
            memo["signatories"].append({"name": pending_name, "position": line})
            pending_name = None
    if pending_name:
        memo["signatories"].append({"name": pending_name, "position": None})
    result.end_line = index
    if memo["date"] is None:
        result.warnings.append("บันทึกข้อความ: ไม่พบวันที่ของบันทึก หรืออ่านวันที่ไม่ได้")
    if memo["subject"] is None:
        result.warnings.append("บันทึกข้อความ: ไม่พบเรื่อง")
    return result


def _set_date(result: MemoResult, text: str) -> None:
    assert result.memo is not None
    found = first_date(text)
    if found and found.value:
        result.memo["date"] = found.value.isoformat()
    else:
        result.warnings.append(f"บันทึกข้อความ: อ่านวันที่ไม่ได้ ({text.strip()[:60]})")
