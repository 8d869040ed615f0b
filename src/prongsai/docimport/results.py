"""ITA result announcements: the web pages and short documents agencies post to say how they
did — the year, the overall score and level, sometimes the tools, the indicators and the rank.

"ได้คะแนนจำนวน 77.70คะแนน", "ร้อยละ 86.50", "คะแนน 97.90", "ผลคะแนน 97.37 คะแนน อยู่ในระดับ
ดีเยี่ยม", "แบบวัด… (IIT) 95.12 คะแนน", "อยู่ในลำดับที่ 737 จาก 5,300 หน่วยงาน".
"""

from __future__ import annotations

import re
from typing import Any

from .scores import LEVEL, Scores
from .text import arabic, plain, squash

_SCORE = r"(\d{1,3}(?:\.\d{1,2})?)"
_OVERALL = re.compile(
    r"(?:ได้คะแนน(?:จำนวน|รวม|เฉลี่ย|ทั้งสิ้น)?|ผลคะแนน(?:รวม|ภาพรวม)?|คะแนนรวม|คะแนนภาพรวม"
    r"|คะแนนเฉลี่ย|ผลการประเมิน(?:ในภาพรวม)?|คะแนน|ร้อยละ)"
    rf"\s*(?:ITA\s*)?(?:จำนวน|เท่ากับ|อยู่ที่|คือ|=|:)?\s*{_SCORE}\s*(?:คะแนน|%)?"
)
_TOOL = re.compile(r"\b(IIT|EIT|OIT)\b\)?")
_TOOL_SCORE = re.compile(rf"[^0-9]{{0,40}}?{_SCORE}")
_RANK = re.compile(r"ลำดับที่\s*(\d{1,3}(?:,\d{3})*|\d+)")
_RANKED = re.compile(r"(?:จาก(?:ทั้งหมด)?|จากจำนวน)\s*(\d{1,3}(?:,\d{3})*|\d+)\s*(?:หน่วยงาน|แห่ง)")
_ANNOUNCEMENT = re.compile(
    r"ผลการประเมินคุณธรรมและความโปร่งใส|ผลการประเมินITA|ผลITA|ผลการประเมินระดับ|ประกาศผล"
)
_NOT_OVERALL = re.compile(r"IIT|EIT|OIT|ตัวชี้วัด|แบบวัด|ข้อ\s*\d")
_LEVEL_WORDS = {"ดีเยี่ยม": "ผ่านดีเยี่ยม", "ดีมาก": "ผ่านดีมาก"}


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def looks_like_announcement(text: str) -> bool:
    return bool(_ANNOUNCEMENT.search(squash(text)))


def find_results(lines: list[str], scores: Scores, year: int | None) -> dict[str, Any] | None:
    """The announced result, or None when the text states no overall score nor level."""
    overall: float | None = None
    level: str | None = None
    tools: dict[str, float] = {}
    rank: int | None = None
    ranked_count: int | None = None
    for raw in lines:
        line = arabic(plain(raw))
        if not line or len(line) > 600:
            continue
        for match in _TOOL.finditer(line):
            tool = match.group(1)
            after = _TOOL_SCORE.match(line, match.end())
            if (
                after
                and tool not in tools
                and float(after.group(1)) <= 100
                and ("." in after.group(1) or "คะแนน" in line[match.end() : after.end() + 8])
            ):
                tools[tool] = float(after.group(1))
        if overall is None and not _NOT_OVERALL.search(line):
            for match in _OVERALL.finditer(line):
                value = float(match.group(1))
                if value <= 100 and ("." in match.group(1) or "คะแนน" in match.group(0)):
                    overall = value
                    break
        if level is None and (found := LEVEL.search(line)):
            level = found.group(1)
        if rank is None and (found := _RANK.search(line)):
            rank = _number(found.group(1))
            if counted := _RANKED.search(line, found.end()):
                ranked_count = _number(counted.group(1))
    if overall is None:
        overall = scores.overall
    if overall is None and level is None:
        return None
    if rank is not None and ranked_count is not None and rank > ranked_count:
        rank = ranked_count = None
    return {
        "fiscal_year": year,
        "overall": overall,
        "level": _LEVEL_WORDS.get(level or "", level),
        "tools": tools,
        "indicators": dict(scores.indicators),
        "rank": rank,
        "ranked_count": ranked_count,
    }
