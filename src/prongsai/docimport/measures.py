"""One measure's fields from the cells of its rows."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from prongsai.core.ita_codes import CodeScan, scan_question_codes

from .dates import find_dates, month_spans, quarters_in_text
from .indicators import TOOL_OF_INDICATOR, indicator_for_code, tool_of_code
from .tables import STATUS_ROLES, MeasureRows
from .text import CELL_BREAK, UNCHECKED, arabic, squash

_ITEM_NUMBER = re.compile(r"(?:^|(?<=\s))\(?([0-9๐-๙]{1,2})\s*[.)](?![0-9๐-๙])\s*")
_BULLET = re.compile(r"(?:^|(?<=\s))[-–•●▪➢◦*]\s*")
_LEADING_ITEM = re.compile(r"^\s*(?:\(?[0-9๐-๙]{1,2}\s*[.)](?![0-9๐-๙])|[-–•●▪➢◦*])\s*")
_LEADING_NUMBER = re.compile(r"^\s*\(?[0-9๐-๙]{1,2}\s*[.)]\s*")
_INDICATOR_MENTION = re.compile(r"ตัวชี้วัดที่\s*([0-9๐-๙]{1,2})")
_BOX_QUARTER = re.compile(r"([☐☑☒✓✔])\s*ไตรมาส\s*(?:ที่)?\s*([1-4๑-๔])")
_MARKS = frozenset("✓✔√☑☒✗✘")
_MARK_WORDS = frozenset({"x", "X", "/", "*", "•", "1", "๑"})
_PREAMBLES = ("เห็นควร",)
_CODES_AFTER = re.compile(
    r"\(ข้อ\s*([ieoIEO]\s?[0-9๐-๙]{1,2}(?:\s*,\s*[ieoIEO]\s?[0-9๐-๙]{1,2}){0,20})\)"
)
_STATUS_OF = {
    "ยังไม่ดำเนินการ": "not_started",
    "ยังไม่ได้ดำเนินการ": "not_started",
    "อยู่ระหว่างดำเนินการ": "in_progress",
    "ดำเนินการแล้ว": "done",
    "ดำเนินการแล้วเสร็จ": "done",
}
_STATUS_WORDS = re.compile(r"สถานะ:?(" + "|".join(sorted(_STATUS_OF, key=len, reverse=True)) + ")")


def split_items(text: str) -> list[str]:
    """Numbered ("๑.", "1)", numbering may restart at 1) or bulleted ("-", "•") items. The
    paragraphs of a DOCX cell (apart by CELL_BREAK) are items of their own: each loses its
    label (Word's numbering may go on from the cell above: "26.") and is split again only
    when it holds several numbered items (a dash inside a paragraph is text)."""
    if CELL_BREAK in text:
        paragraphs: list[str] = []
        for paragraph in text.split(CELL_BREAK):
            body = paragraph.strip()
            labelled = _LEADING_ITEM.match(body)
            rest = body[labelled.end() :].strip() if labelled else body
            if not rest:
                continue
            numbered = _split(rest, bullets=False)
            paragraphs.extend(numbered if len(numbered) > 1 else [rest])
        return paragraphs
    return _split(text, bullets=True)


def _split(text: str, *, bullets: bool) -> list[str]:
    text = text.strip()
    if not text:
        return []
    cuts: list[tuple[int, int]] = []
    expected = 1
    for match in _ITEM_NUMBER.finditer(text):
        number = int(arabic(match.group(1)))
        if number == expected or (number == 1 and cuts):
            cuts.append((match.start(), match.end()))
            expected = number + 1
    if not cuts and bullets:
        cuts = [(match.start(), match.end()) for match in _BULLET.finditer(text)]
    if not cuts:
        return [text]
    items: list[str] = []
    head = text[: cuts[0][0]].strip()
    for preamble in _PREAMBLES:
        if head.startswith(preamble):
            head = head[len(preamble) :].strip()
    if head:
        items.append(head)
    for position, (_start, end) in enumerate(cuts):
        stop = cuts[position + 1][0] if position + 1 < len(cuts) else len(text)
        item = text[end:stop].strip()
        if item:
            items.append(item)
    return items


# Thai characters that cannot begin a word: a fragment starting with one was cut mid-word.
_NO_WORD_START = re.compile(r"^[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")


def _joined(fragments: list[str], *, breaks: bool = False, rows_apart: bool = False) -> str | None:
    """The fragments as one text; paragraph breaks inside cells kept when `breaks`, and the
    fragments of separate rows kept apart too when `rows_apart` (the rows are real table rows,
    not lines a PDF wrapped)."""
    text = ""
    for fragment in fragments:
        if not breaks:
            fragment = fragment.replace(CELL_BREAK, " ").strip()
        if not fragment:
            continue
        if breaks and text and (rows_apart or CELL_BREAK in text or CELL_BREAK in fragment):
            glue = CELL_BREAK  # cells of separate rows, as Word kept them apart
        else:
            glue = "" if not text or _NO_WORD_START.match(fragment) else " "
        text = f"{text}{glue}{fragment}"
    return text.strip() or None


@dataclass
class MeasureContext:
    known_codes: Collection[str] | None
    structured: bool = False  # rows and cells as the document's own table (DOCX), not lines
    ocr: bool = False  # the text was read by OCR: damaged codes are rewritten in the issue
    codes: CodeScan = field(default_factory=CodeScan)
    warnings: list[str] = field(default_factory=list)


def _is_marked(text: str) -> bool:
    text = text.strip()
    return bool(text) and (any(ch in _MARKS for ch in text) or text in _MARK_WORDS)


def _status(group: MeasureRows, where: str, context: MeasureContext) -> str | None:
    roles_present = [role for role in STATUS_ROLES if group.table.has(role)]
    if not roles_present:
        # a report without status columns may state it: "สถานะ: ยังไม่ดำเนินการ"
        for fragment in group.column("result"):
            if found := _STATUS_WORDS.search(squash(fragment)):
                return _STATUS_OF[found.group(1)]
        return None
    marked = [role for role in roles_present if any(_is_marked(f) for f in group.column(role))]
    if not marked:
        context.warnings.append(f"{where}: ไม่ได้ทำเครื่องหมายสถานะการดำเนินการ")
        return None
    if len(marked) > 1:
        context.warnings.append(f"{where}: ทำเครื่องหมายสถานะไว้มากกว่าหนึ่งช่อง ใช้ช่องสุดท้าย")
    return marked[-1]


def _timeline(fragments: list[str]) -> tuple[str | None, list[int]]:
    """The timeline text and the planned quarters; checkboxes keep only the ticked quarters."""
    text = _joined(fragments)
    if text is None:
        return None, []
    boxes = _BOX_QUARTER.findall(text)
    if boxes:
        ticked = [(mark, digit) for mark, digit in boxes if mark != UNCHECKED]
        quarters = sorted({int(arabic(digit)) for _mark, digit in ticked})
        label = ", ".join(f"ไตรมาส {digit}" for _mark, digit in ticked)
        return label or None, quarters
    return text, quarters_in_text(text)


def _deadlines(fragments: list[str]) -> tuple[str | None, list[int]]:
    """Layout B has no timeline column: its monitoring items carry deadlines ("ภายในเดือน
    ธันวาคม ๒๕๖๖"); those, joined, are the timeline."""
    text = _joined(fragments)
    if not text:
        return None, []
    spans = [span.raw for span in month_spans(text)]
    spans += [found.raw for found in find_dates(text)]
    if not spans:
        return None, []
    raw = [span for span in dict.fromkeys(spans)]
    return "; ".join(raw), quarters_in_text("; ".join(arabic(part) for part in raw))


def _quarters_done(fragments: list[str]) -> list[int]:
    done: set[int] = set()
    for fragment in fragments:
        for mark, digit in _BOX_QUARTER.findall(fragment):
            if mark != UNCHECKED:
                done.add(int(arabic(digit)))
    return sorted(done)


def _actions(text: str | None, where: str, context: MeasureContext) -> list[dict[str, Any]]:
    if not text:
        return []
    items = split_items(text)
    if len(items) == 1 and not find_dates(text):
        return []
    actions: list[dict[str, Any]] = []
    for item in items:
        dates = find_dates(item)
        valid = next((found.value for found in dates if found.value), None)
        for found in dates:
            if found.value is None:
                context.warnings.append(f"{where}: อ่านวันที่ '{found.raw}' ไม่ได้ (ไม่มีวันนี้จริง)")
        actions.append({"date": valid.isoformat() if valid else None, "text": item})
    return actions


def _paragraphs(fragments: list[str]) -> list[str]:
    return [part.strip() for f in fragments for part in f.split(CELL_BREAK) if part.strip()]


def _items(fragments: list[str], context: MeasureContext) -> list[str]:
    return split_items(_joined(fragments, breaks=True, rows_apart=context.structured) or "")


def _repaired_code_at_start(issue: str, scan: CodeScan) -> str:
    """An OCR'd issue that starts with a code OCR damaged ("18 บุคลากร…", read as i8 against
    the year's codes by `core/ita_codes`) starts with the code instead."""
    for raw, code in scan.repaired:
        if issue.startswith(raw) and issue[len(raw) : len(raw) + 1].isspace():
            return code + issue[len(raw) :]
    return issue


def build_measure(group: MeasureRows, number: int, context: MeasureContext) -> dict[str, Any]:
    where = f"มาตรการที่ {number} (บรรทัด {group.first_line})"
    first = group.rows[0]
    # each paragraph of a cell on its own: a code starts a paragraph ("o25 …" / "o26 …")
    issue_fragments = _paragraphs(group.column("issue"))
    question_fragments = _paragraphs(group.column("questions"))
    issue = _joined(issue_fragments)
    if issue:
        issue = _LEADING_NUMBER.sub("", issue, count=1).strip() or None

    indicators: set[int] = set()
    for fragment in issue_fragments + question_fragments:
        indicators.update(int(arabic(n)) for n in _INDICATOR_MENTION.findall(fragment))
    indicators = {n for n in indicators if n in TOOL_OF_INDICATOR}
    if first.indicator is not None and first.indicator in TOOL_OF_INDICATOR:
        indicators.add(first.indicator)

    tool = first.tool
    if tool is None and indicators:
        tools = {TOOL_OF_INDICATOR[n] for n in indicators}
        tool = tools.pop() if len(tools) == 1 else None

    if group.table.has("questions"):
        scan = scan_question_codes(
            question_fragments, context.known_codes, tool_hint=tool, item_words=tool is not None
        )
    else:
        scan = scan_question_codes(
            issue_fragments, context.known_codes, tool_hint=tool, item_words=True
        )
    context.codes.extend(scan)
    for raw in scan.unreadable:
        context.warnings.append(f"{where}: อ่านรหัสข้อคำถาม '{raw}' ไม่ได้")
    if not scan.codes:
        # Prongsai's own status table names the codes after the step: "(ข้อ o25, o26)"
        named = [m.group(1) for f in group.column("steps") for m in _CODES_AFTER.finditer(f)]
        if named:
            extra = scan_question_codes(named, context.known_codes)
            context.codes.extend(extra)
            scan = extra
    codes = scan.codes
    if context.ocr and issue:
        issue = _repaired_code_at_start(issue, scan)
    for code in codes:
        derived = indicator_for_code(code)
        if derived is not None:
            indicators.add(derived)
    if tool is None and codes:
        code_tools = {tool_of_code(code) for code in codes}
        tool = code_tools.pop() if len(code_tools) == 1 else None

    timeline, quarters_planned = _timeline(group.column("timeline"))
    if timeline is None and not group.table.has("timeline"):
        timeline, quarters_planned = _deadlines(group.column("monitoring"))
    result_fragments = group.column("result")
    problems = _joined(group.column("problems"))
    result = _joined(result_fragments)
    if problems:
        result = f"{result} ปัญหาและอุปสรรค: {problems}" if result else f"ปัญหาและอุปสรรค: {problems}"
    status_fragments = [f for role in STATUS_ROLES for f in group.column(role)]

    return {
        "issue": issue,
        "indicators": sorted(indicators),
        "tool": tool,
        "question_codes": codes,
        "finding": _joined(group.column("finding")),
        "steps": _items(group.column("steps"), context),
        "monitoring": _items(group.column("monitoring"), context),
        "timeline": timeline,
        "responsible": _joined(group.column("responsible")),
        "status": _status(group, where, context),
        "quarters_planned": quarters_planned,
        "quarters_done": _quarters_done(result_fragments + status_fragments),
        "actions": _actions(
            _joined(result_fragments, breaks=True, rows_apart=context.structured), where, context
        ),
        "result": result,
        "suggestion": _joined(group.column("suggestion")),
        "outcome": _joined(group.column("outcome")),
    }
