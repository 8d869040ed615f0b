"""The analysis knowledge base (data/knowledge.yaml): draft ข้อบกพร่อง and ประเด็นที่ควรพัฒนา per
indicator and per question, and the first draft of the constraints analysis."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

KNOWLEDGE_FILE = Path(__file__).resolve().parent / "data" / "knowledge.yaml"


@dataclass(frozen=True)
class Draft:
    deficiency: str
    development: str
    source: str  # "question": written for this question; "indicator": the indicator's draft
    topic: str = ""


@cache
def knowledge() -> dict[str, Any]:
    return yaml.safe_load(KNOWLEDGE_FILE.read_text(encoding="utf-8"))


def indicator_draft(number: int) -> Draft:
    entry = knowledge()["indicators"].get(number) or {}
    return Draft(entry.get("deficiency", ""), entry.get("development", ""), "indicator")


def question_entry(code: str, year: int) -> dict[str, Any] | None:
    """The knowledge entry of a question code in a fiscal year, if there is one."""
    for entry in knowledge()["questions"]:
        if code in entry["codes"] and (not entry.get("years") or year in entry["years"]):
            return entry
    return None


def question_draft(code: str, year: int, indicator: int) -> Draft:
    """The question's own draft, else its indicator's."""
    entry = question_entry(code, year)
    if entry is None:
        return indicator_draft(indicator)
    return Draft(entry["deficiency"], entry["development"], "question", entry.get("topic", ""))


def tool_without_weakness() -> str:
    return str(knowledge()["tool_without_weakness"])


def constraints_draft() -> str:
    return str(knowledge()["constraints"])


def oit_draft(display_code: str, title: str | None, year: int, period: str, evidence: Any) -> Draft:
    """The draft for a failed OIT item of the year's result. `period` is the framework's
    (current, previous_fy or ""); `evidence` what the measures knowledge base says to publish."""
    entry = knowledge()["oit_item"]
    item = f"{display_code} {title}" if title else display_code
    if period == "current":
        when = entry["period_current"].format(year=year)
    elif period == "previous_fy":
        when = entry["period_previous"].format(year=year - 1)
    else:
        when = entry["period_unknown"]
    development = entry["development"].format(item=item, period=when)
    if evidence:
        development += "\n" + entry["evidence_heading"]
        development += "".join(f"\n- {e}" for e in evidence)
    return Draft(entry["deficiency"].format(item=item, period=when), development, "oit")
