"""How sure the importer is of what it read, per part: structure, agency, year, measures.

Each part is "high", "medium" or "low" with its Thai reasons; `doubtful` is true when any part
is low or the structure is not high — then the review must show the reasons and the officer
must acknowledge them before anything is saved. The signals are the ones that went wrong on
real documents: a PDF whose wrapped cell lines became measures (far more measures than the
document has issues, measures that are a fragment of a sentence), pages read by OCR, an agency
or a year found only by guessing.
"""

from __future__ import annotations

import re
from typing import Any

from .text import squash

Level = str  # "high" | "medium" | "low"
_ORDER = {"high": 0, "medium": 1, "low": 2}
# Thai characters that cannot begin a word: a cell starting with one was cut mid-word.
_NO_WORD_START = re.compile(r"^[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")
_MAX_PLAUSIBLE_MEASURES = 30
_FIELDS = ("steps", "timeline", "responsible", "question_codes", "finding", "result", "actions")


class _Part:
    def __init__(self) -> None:
        self.level: Level = "high"
        self.reasons: list[str] = []

    def lower(self, level: Level, reason: str) -> None:
        if _ORDER[level] > _ORDER[self.level]:
            self.level = level
        if reason not in self.reasons:
            self.reasons.append(reason)

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level, "reasons": self.reasons}


def _thin(measure: dict[str, Any]) -> bool:
    """A measure with a heading and nothing else: usually a wrapped line read as a row."""
    return not any(measure.get(key) for key in _FIELDS)


def _fragment(text: str | None) -> bool:
    """Text that looks like the middle of a wrapped line, not a cell of its own."""
    if not text:
        return False
    compact = squash(text)
    return bool(_NO_WORD_START.match(compact)) or len(compact) <= 3


def _issue_count(measures: list[dict[str, Any]]) -> int:
    """How many issues (ประเด็น or indicators) the measures are filed under."""
    issues = {squash(str(m.get("issue") or ""))[:30] for m in measures if m.get("issue")}
    indicators = {n for m in measures for n in m.get("indicators") or []}
    return max(len(issues) if len(issues) < len(measures) else 0, len(indicators), 7)


def assess(parsed: dict[str, Any], extracted: Any = None) -> dict[str, Any]:
    """The confidence dict of a parsed document (see docs/import-schema.md). `extracted` is the
    docimport.extract.Extracted it came from, when known (its `ocr_pages`, `pages`, `source`,
    `format` are read when present)."""
    structure, agency, year, measures_part = _Part(), _Part(), _Part(), _Part()
    warnings = " ".join(str(w) for w in parsed.get("warnings") or [])
    measures = list(parsed.get("measures") or [])
    kind = parsed.get("kind")

    source = getattr(extracted, "source", None) or getattr(extracted, "format", None)
    ocr_pages = list(getattr(extracted, "ocr_pages", None) or [])
    pages = getattr(extracted, "pages", None)
    if ocr_pages:
        shown = ", ".join(str(page) for page in ocr_pages[:10])
        structure.lower("low", f"อ่านจากภาพด้วย OCR ({len(ocr_pages)} หน้า: หน้า {shown}) อาจอ่านผิด")
        measures_part.lower("medium", "ข้อความจาก OCR อาจสะกดผิด")
    if source == "pdf" and not ocr_pages and measures:
        structure.lower("medium", "อ่านตารางจาก PDF ซึ่งอาจแบ่งแถวผิด ควรตรวจจำนวนมาตรการ")
    if kind is None:
        structure.lower("low", "ไม่รู้จักประเภทเอกสาร")

    if measures:
        expected = _issue_count(measures)
        if len(measures) > max(3 * expected, _MAX_PLAUSIBLE_MEASURES):
            structure.lower(
                "low",
                f"พบมาตรการ {len(measures)} รายการ มากกว่าจำนวนประเด็น ({expected}) มาก "
                "อาจแยกบรรทัดที่ตัดคำในช่องตารางเป็นมาตรการ",
            )
        thin = sum(1 for m in measures if _thin(m))
        fragments = sum(1 for m in measures if _fragment(m.get("issue")))
        fragments += sum(1 for m in measures for s in m.get("steps") or [] if _fragment(s))
        if thin and thin >= max(2, len(measures) // 4):
            structure.lower(
                "low", f"มาตรการ {thin} รายการมีแต่ชื่อ ไม่มีขั้นตอนหรือผู้รับผิดชอบ อาจเป็นบรรทัดที่ตัดคำ"
            )
        if fragments >= 2:
            structure.lower("medium", f"พบช่องตาราง {fragments} ช่องที่ดูเหมือนบรรทัดที่ตัดกลางคำ")
    elif kind in ("plan", "progress_report", "annual_report"):
        measures_part.lower("low", "ไม่พบตารางมาตรการ")

    organization = parsed.get("organization") or {}
    if not organization.get("name"):
        agency.lower("low", "ไม่พบชื่อหน่วยงาน")
    elif "ไม่พบชื่อหน่วยงานในหัวเอกสาร" in warnings:
        agency.lower("medium", "ชื่อหน่วยงานมาจากชื่อที่พบบ่อยที่สุด ไม่ใช่หัวเอกสาร")
    if organization.get("name") and not organization.get("province"):
        agency.lower("medium", "ไม่พบชื่อจังหวัด")

    if parsed.get("fiscal_year") is None:
        year.lower("low", "ไม่พบปีงบประมาณ")
    elif "ไม่พบปีงบประมาณในหัวเอกสาร" in warnings:
        year.lower("medium", "ปีงบประมาณมาจากช่วงเวลาของรายงาน")

    if "รหัสข้อคำถามที่พิมพ์ผิดหรือเสียหาย" in warnings:
        measures_part.lower("medium", "รหัสข้อคำถามบางรหัสอ่านโดยซ่อมจากที่พิมพ์ผิด")
    if "อ่านรหัสข้อคำถาม" in warnings:
        measures_part.lower("medium", "มีรหัสข้อคำถามที่อ่านไม่ได้")
    if "ไม่ได้ทำเครื่องหมายสถานะ" in warnings:
        measures_part.lower("medium", "บางมาตรการไม่ได้ทำเครื่องหมายสถานะ")

    parts = {"structure": structure, "agency": agency, "year": year, "measures": measures_part}
    overall = max((part.level for part in parts.values()), key=lambda level: _ORDER[level])
    doubtful = structure.level != "high" or any(part.level == "low" for part in parts.values())
    return {
        "overall": overall,
        "doubtful": doubtful,
        "source": source,
        "pages": pages,
        "ocr_pages": ocr_pages,
        **{name: part.as_dict() for name, part in parts.items()},
    }


def reasons(confidence: dict[str, Any] | None) -> list[str]:
    """Every reason of a confidence dict, structure first."""
    if not confidence:
        return []
    out: list[str] = []
    for name in ("structure", "agency", "year", "measures"):
        out.extend((confidence.get(name) or {}).get("reasons") or [])
    return out
