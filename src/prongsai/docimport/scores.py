"""Indicator and overall scores as analysis documents write them.

"1. การปฏิบัติหน้าที่\t99.00 คะแนน", "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร 93.88",
"พบว่ามีผลคะแนน 97.37 คะแนน อยู่ในระดับ ดีเยี่ยม".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .indicators import TOOL_OF_INDICATOR, indicator_at_start
from .text import arabic, plain

_SCORE = r"(\d{1,3}(?:\.\d{1,2})?)"
_INDICATOR_LINE = re.compile(
    rf"^\s*(?:ตัวชี้วัดที่\s*)?(\d{{1,2}})\s*[.)]?\s*(\D+?)\s*[:=]?\s*{_SCORE}\s*(?:คะแนน)?\s*$"
)
_OVERALL = re.compile(
    rf"(?:ผลคะแนน|คะแนนรวม|คะแนนภาพรวม|ในภาพรวม|คะแนนเฉลี่ย|คะแนนอยู่ที่|ได้คะแนน)"
    rf"\s*(?:ITA\s*)?(?:เท่ากับ|อยู่ที่|คือ|=|:)?\s*{_SCORE}\s*(?:คะแนน)?"
)
LEVEL = re.compile(
    r"(?<!ยก)(?:อยู่ใน)?ระดับ\s*(?:ที่)?\s*"
    r"(ผ่านดีเยี่ยม|ผ่านดี|ต้องปรับปรุงโดยด่วน|ต้องปรับปรุง|ผ่าน|ดีเยี่ยม|ดีมาก|AA|[A-F])(?![A-Za-z])"
)


@dataclass
class Scores:
    overall: float | None = None
    overall_line: int | None = None
    indicators: dict[str, float] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"overall": self.overall, "indicators": dict(self.indicators)}


def find_scores(lines: list[str]) -> Scores:
    scores = Scores()
    for number, raw in enumerate(lines, start=1):
        line = arabic(plain(raw))
        if not line or len(line) > 300:
            continue
        match = _INDICATOR_LINE.match(line)
        if match and int(match.group(1)) in TOOL_OF_INDICATOR:
            value = float(match.group(3))
            key = match.group(1).lstrip("0")
            if indicator_at_start(match.group(2)) is not None and value <= 100:
                if key not in scores.indicators:
                    scores.indicators[key] = value
                    scores.lines[key] = number
                continue
        if scores.overall is None:
            overall = _OVERALL.search(line)
            if (
                overall
                and "ตัวชี้วัด" not in line[: overall.start()]
                and float(overall.group(1)) <= 100
                and "." in overall.group(1)
            ):
                scores.overall = float(overall.group(1))
                scores.overall_line = number
    scores.indicators = dict(sorted(scores.indicators.items(), key=lambda item: int(item[0])))
    return scores
