"""The ten ITA indicators, their tools, the score formula and the levels.

These are the stable facts of the framework (research REPORT.md §1 and §4, confirmed by two or
more sources); everything that changes by year (questions, OIT items) comes from the framework
data through `known_codes`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher

from .text import squash

# Indicator number → its names (the first is the official one, the others variants in use).
INDICATOR_NAMES: dict[int, tuple[str, ...]] = {
    1: ("การปฏิบัติหน้าที่",),
    2: ("การใช้งบประมาณ",),
    3: ("การใช้อำนาจ",),
    4: ("การใช้ทรัพย์สินของราชการ",),
    5: ("การแก้ไขปัญหาการทุจริต",),
    6: ("คุณภาพการดำเนินงาน",),
    7: ("ประสิทธิภาพการสื่อสาร",),
    8: ("การปรับปรุงระบบการทำงาน", "การปรับปรุงการทำงาน"),
    9: ("การเปิดเผยข้อมูล",),
    10: ("การป้องกันการทุจริต",),
}
TOOL_INDICATORS: dict[str, tuple[int, ...]] = {
    "IIT": (1, 2, 3, 4, 5),
    "EIT": (6, 7, 8),
    "OIT": (9, 10),
}
TOOL_WEIGHTS: dict[str, Decimal] = {
    "IIT": Decimal("0.3"),
    "EIT": Decimal("0.3"),
    "OIT": Decimal("0.4"),
}
TOOL_OF_INDICATOR: dict[int, str] = {
    number: tool for tool, numbers in TOOL_INDICATORS.items() for number in numbers
}

# Ways a tool is named in headings: "แบบวัดการรับรู้ของผู้มีส่วนได้เสียภายใน (IIT)".
_TOOL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("IIT", re.compile(r"\bIIT\b|ผู้มีส่วนได้(?:ส่วน)?เสียภายใน")),
    ("EIT", re.compile(r"\bEIT\b|ผู้มีส่วนได้(?:ส่วน)?เสียภายนอก")),
    ("OIT", re.compile(r"\bOIT\b|เปิดเผยข้อมูลสาธารณะ")),
)


def tool_named_in(text: str) -> str | None:
    """The one tool a heading names, or None when it names none or several."""
    tools = {tool for tool, pattern in _TOOL_PATTERNS if pattern.search(text)}
    return tools.pop() if len(tools) == 1 else None


def indicator_at_start(text: str, *, threshold: float = 0.82) -> int | None:
    """The indicator whose name `text` starts with ("การใช้อำนาจ ข้อ ๑๓" → 3), fuzzily."""
    compact = squash(text)
    best: tuple[float, int] | None = None
    for number, names in INDICATOR_NAMES.items():
        for name in names:
            target = squash(name)
            if compact.startswith(target):
                score = 1.0 + len(target) / 100  # prefer the longest exact name
            else:
                score = SequenceMatcher(None, target, compact[: len(target)]).ratio()
            if score >= threshold and (best is None or score > best[0]):
                best = (score, number)
    return best[1] if best else None


def indicator_for_code(code: str) -> int | None:
    """The indicator an IIT or EIT question belongs to (i1–i6 → 1 … i25–i30 → 5;
    e1–e5 → 6, e6–e10 → 7, e11–e15 → 8). OIT items depend on the year: None."""
    match = re.fullmatch(r"([ie])(\d{1,2})", code)
    if not match:
        return None
    number = int(match.group(2))
    if match.group(1) == "i":
        return (number - 1) // 6 + 1 if 1 <= number <= 30 else None
    return 6 + (number - 1) // 5 if 1 <= number <= 15 else None


def tool_of_code(code: str) -> str | None:
    return {"i": "IIT", "e": "EIT", "o": "OIT"}.get(code[:1])


def round2(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _mean(indicators: Mapping[int, float], numbers: tuple[int, ...]) -> Decimal:
    total = sum((Decimal(str(indicators[n])) for n in numbers), Decimal(0))
    return total / len(numbers)


def tool_scores(indicators: Mapping[int, float]) -> dict[str, float] | None:
    """Each tool's score (the plain mean of its indicators), when all ten are given."""
    if any(number not in indicators for number in TOOL_OF_INDICATOR):
        return None
    return {tool: round2(_mean(indicators, numbers)) for tool, numbers in TOOL_INDICATORS.items()}


def overall_score(indicators: Mapping[int, float]) -> float | None:
    """0.3·mean(IIT) + 0.3·mean(EIT) + 0.4·mean(OIT), rounded half up to 2 decimals."""
    if any(number not in indicators for number in TOOL_OF_INDICATOR):
        return None
    total = Decimal(0)
    for tool, numbers in TOOL_INDICATORS.items():
        total += TOOL_WEIGHTS[tool] * _mean(indicators, numbers)
    return round2(total)


LETTER_LEVELS = (("AA", 95), ("A", 85), ("B", 75), ("C", 65), ("D", 55), ("E", 50), ("F", 0))
RATING_LEVELS = ("ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน")


def letter_level(overall: float) -> str:
    for level, floor in LETTER_LEVELS:
        if overall >= floor:
            return level
    return "F"


def rating_level(overall: float, tools: Mapping[str, float] | None) -> str | None:
    """The FY2567+ level; None when it depends on tool scores that are not known."""
    if overall < 70:
        return "ต้องปรับปรุงโดยด่วน"
    if overall < 85:
        return "ต้องปรับปรุง"
    if tools is None:
        return None
    lowest = min(tools.values())
    if overall >= 95 and lowest >= 95:
        return "ผ่านดีเยี่ยม"
    return "ผ่านดี" if lowest >= 85 else "ผ่าน"


def level_agrees(written: str, overall: float, tools: Mapping[str, float] | None) -> bool | None:
    """Whether a level as written agrees with the score; None when it cannot be told.

    Letters (AA–F) are the scheme up to FY2566 and the five ratings the scheme from FY2567; a
    document that writes one is read in that scheme, whatever year it names.
    """
    written = squash(written)
    if written in {level for level, _floor in LETTER_LEVELS}:
        return written == letter_level(overall)
    if written in RATING_LEVELS:
        expected = rating_level(overall, tools)
        return None if expected is None else written == expected
    if written == "ดีเยี่ยม":
        return overall >= 95
    return None
