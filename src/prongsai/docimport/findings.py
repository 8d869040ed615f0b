"""What the checker reports, and the pieces of a document it reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from .text import readable

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One mistake or doubt: a stable `code`, a `severity`, a Thai `message` and `where` it is
    ("line 42" in the text, "measure 3", "scores", "memo", "document")."""

    code: str
    severity: Severity
    message: str
    where: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Segment:
    """A piece of the document's text and where it is."""

    where: str
    text: str
    in_table: bool = False


def segments_from_lines(lines: list[str]) -> list[Segment]:
    return [
        Segment(f"line {number}", readable(line), "\t" in line)
        for number, line in enumerate(lines, start=1)
        if line.strip()
    ]


def segments_from_parsed(parsed: dict[str, Any]) -> list[Segment]:
    """The text fields of a parsed document, for checking it when no text is given (for
    example a document Prongsai rendered itself)."""
    found: list[Segment] = []
    memo = parsed.get("memo") or {}
    for key in ("subject", "to"):
        if memo.get(key):
            found.append(Segment("memo", str(memo[key])))
    for person in memo.get("signatories") or []:
        found.extend(
            Segment("memo", str(person[key])) for key in ("name", "position") if person.get(key)
        )
    for number, measure in enumerate(parsed.get("measures") or [], start=1):
        where = f"measure {number}"
        for key in (
            "issue",
            "finding",
            "timeline",
            "responsible",
            "result",
            "suggestion",
            "outcome",
        ):
            if measure.get(key):
                found.append(Segment(where, str(measure[key]), True))
        for key in ("steps", "monitoring"):
            found.extend(Segment(where, str(item), True) for item in measure.get(key) or [])
        found.extend(
            Segment(where, str(action.get("text")), True)
            for action in measure.get("actions") or []
            if action.get("text")
        )
    return found
