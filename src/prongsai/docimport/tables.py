"""Finding the measures tables in tab-separated text and grouping their rows into measures.

A header row names the columns (ประเด็น | ข้อคำถาม | ข้อค้นพบ | ขั้นตอน | ระยะเวลา | ผู้รับผิดชอบ,
or ตัวชี้วัด | ผู้รับผิดชอบ | ขั้นตอน | การกำกับติดตาม | ระยะเวลา | status columns | ผลการดำเนินการ,
or the annual report's columns); a second header row may refine it (merged header cells). Rows
whose first column is empty, or that carry "(ต่อ)", continue the measure above: merged cells
and page breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .indicators import tool_named_in
from .text import CELL_BREAK, arabic, cell_text, cells, is_merged, is_row, skeleton, squash

# Column roles, checked in this order against a header cell (without spaces).
_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("not_started", ("ยังไม่ดำเนินการ", "ยังไม่ได้ดำเนินการ")),
    ("in_progress", ("อยู่ระหว่างดำเนินการ", "อยู่ดำเนินการ", "ระหว่างดำเนินการ")),
    ("timeline", ("ระยะเวลา", "กำหนดเวลาดำเนินการ", "ช่วงเวลา")),
    ("monitoring", ("กำกับติดตาม", "การติดตาม", "การกำกับ")),
    ("done", ("ดำเนินการแล้ว", "ดำเนินการเสร็จ")),
    ("questions", ("ข้อคำถาม",)),
    ("finding", ("ข้อค้นพบ", "ข้อบกพร่อง")),
    ("responsible", ("ผู้รับผิดชอบ", "ผู้ที่เกี่ยวข้อง")),
    ("suggestion", ("ข้อเสนอแนะ",)),
    ("outcome", ("ผลลัพธ์", "ความสำเร็จ")),
    ("problems", ("ปัญหา", "อุปสรรค")),
    ("result", ("ผลการดำเนินการ", "ผลการปฏิบัติ")),
    ("steps", ("ขั้นตอน", "วิธีการ", "วิธีปฏิบัติ")),
    ("result", ("การดำเนินการ",)),
    ("issue", ("ประเด็น", "มาตรการ", "ตัวชี้วัด", "แนวทาง")),
)
_CORE_ROLES = frozenset({"steps", "timeline", "responsible", "result", "monitoring"})
_KEY_ROLES = ("issue", "questions")
STATUS_ROLES = ("not_started", "in_progress", "done")
REPORT_ROLES = frozenset({*STATUS_ROLES, "result", "outcome"})

_ITEM_START = re.compile(r"^\s*(?:\(?[0-9๐-๙]{1,2}\s*[.)]|ตัวชี้วัดที่|มาตรการที่|ประเด็นที่|ข้อที่)")
_CONTINUED = re.compile(r"\(\s*ต\u0e48?อ\s*\)|^\s*ต่อ\s*$|^\s*\(?ต่อจากหน้า")  # OCR: "(ตอ)"
_INDICATOR_HEADING = re.compile(r"^ตัวชี้วัดที่\s*([0-9๐-๙]{1,2})")


_ROLE_SKELETONS = tuple((role, tuple(skeleton(w) for w in words)) for role, words in _ROLE_WORDS)


def role_of(header: str) -> str | None:
    """The role a header cell names; failing an exact word, the word's skeleton (its
    letters without the marks OCR drops or confuses: "ข้อค้าถาม", "ขันตอน")."""
    text = squash(header)
    if not text or len(text) > 120:
        return None
    for role, words in _ROLE_WORDS:
        if any(word in text for word in words):
            return role
    bare = skeleton(text)
    for role, words in _ROLE_SKELETONS:
        if any(word in bare for word in words):
            return role
    return None


@dataclass
class Row:
    line: int  # 1-based line number
    cells: list[str]
    tool: str | None = None  # from a tool heading above the row ("แบบวัด… (IIT)")
    indicator: int | None = None  # from an indicator heading above the row


@dataclass
class Table:
    header_line: int
    roles: list[str | None]
    rows: list[Row] = field(default_factory=list)

    @property
    def key_column(self) -> int:
        for role in _KEY_ROLES:
            if role in self.roles:
                return self.roles.index(role)
        return 0

    def has(self, role: str) -> bool:
        return role in self.roles


_MAX_HEADER_CELL = 70
_DATA_START = re.compile(r"^\s*(?:[-•*]|\(?[0-9๐-๙]{1,2}\s*[.)]|[A-Za-z|]\s?[0-9๐-๙]{1,2})")


def _header_roles(line: str) -> list[str | None] | None:
    """The column roles of a header row: short cells, most of them naming a role, none of them
    looking like data (a numbered item, a bullet, a question code)."""
    parts = cells(line)
    filled = [part for part in parts if part.strip()]
    if any(len(squash(part)) > _MAX_HEADER_CELL or _DATA_START.match(part) for part in filled):
        return None
    roles = [role_of(cell) for cell in parts]
    named = [role for role in roles if role]
    if (
        len(named) >= 3
        and len(named) >= 0.6 * len(filled)
        and _CORE_ROLES.intersection(named)
        and len(set(named)) >= 3
    ):
        return roles
    return None


_MAX_WRAPPED_HEADER_CELL = 30
_NUMBERED_HEAD = re.compile(r"^\s*(?:ตัวชี้วัด|มาตรการ|ประเด็น|ข้อ)ที่\s*[0-9๐-๙]")
_MAX_HEADER_LINES = 6


def _short_row(line: str, limit: int) -> bool:
    filled = [part for part in cells(line) if part.strip()]
    return bool(filled) and all(
        len(squash(part)) <= limit
        and not _DATA_START.match(part)
        and not _NUMBERED_HEAD.match(part)
        for part in filled
    )


def _concat(block: list[list[str]]) -> str:
    """Header lines merged column by column (a PDF wraps header cells over several lines)."""
    width = max(len(parts) for parts in block)
    columns = ["".join(parts[i] if i < len(parts) else "" for parts in block) for i in range(width)]
    return "\t".join(columns)


def _read_header(lines: list[str], start: int) -> tuple[list[str | None], int] | None:
    """(column roles, index of the first line after the header) for a header at `start`.

    A header may go on over the next short lines: a second header row (ข้อคำถาม | ข้อค้นพบ
    under a merged cell) or header cells wrapped by PDF extraction. The header is the block of
    lines that names the most roles, shortest first.
    """
    if not _short_row(lines[start], _MAX_HEADER_CELL):
        return None
    block = [cells(lines[start])]
    end = start + 1
    while (
        end < len(lines)
        and len(block) < _MAX_HEADER_LINES
        and is_row(lines[end])
        and _short_row(lines[end], _MAX_WRAPPED_HEADER_CELL)
    ):
        block.append(cells(lines[end]))
        end += 1
    best: tuple[int, list[str | None], int] | None = None
    for size in range(1, len(block) + 1):
        roles = _header_roles(_concat(block[:size]))
        if roles is None:
            continue
        named = sum(1 for role in roles if role)
        if best is None or named > best[0]:
            best = (named, roles, start + size)
    return (best[1], best[2]) if best else None


def _subheader_roles(line: str) -> list[str | None] | None:
    """A second header row: every non-empty cell names a role."""
    parts = cells(line)
    filled = [part for part in parts if part.strip()]
    if not filled or any(role_of(part) is None for part in filled):
        return None
    return [role_of(part) for part in parts]


def _heading_context(line: str) -> tuple[str | None, int | None]:
    """(tool, indicator) named by a short heading line between or above tables."""
    text = " ".join(part for part in cells(line) if part.strip())
    if not text or len(text) > 120:
        return None, None
    indicator = None
    if match := _INDICATOR_HEADING.match(text):
        indicator = int(arabic(match.group(1)))
    tool = tool_named_in(text) if text.startswith(("แบบวัด", "แบบตรวจ", "เครื่องมือ", "(")) else None
    return tool, indicator


def find_tables(lines: list[str]) -> list[Table]:
    """The measures tables in cleaned lines, with their data rows."""
    tables: list[Table] = []
    current: Table | None = None
    tool: str | None = None
    indicator: int | None = None
    heading_age = 99  # lines since the last tool heading
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        heading_age += 1
        if not line.strip():
            continue
        header = _read_header(lines, index - 1) if is_row(line) else None
        if header is not None:
            header_line = index
            roles, index = header
            if heading_age > 4:
                tool = None
            indicator = None
            if tables and _same_layout(tables[-1].roles, roles):
                current = tables[-1]  # the header repeated on a new page or a new section
            else:
                current = Table(header_line, roles)
                tables.append(current)
            continue
        if sum(1 for part in cells(line) if part.strip()) == 1:
            heading_tool, heading_indicator = _heading_context(line)
            if heading_tool or heading_indicator:
                if heading_tool:
                    tool, heading_age = heading_tool, 0
                indicator = heading_indicator
                continue
        if not is_row(line):
            if current is not None and not _ignorable(line):
                current = None  # running text ends the table
            continue
        if current is None:
            current = _resume(tables, line)
            if current is None:
                continue
        parts = cells(line)
        if not any(part.strip() for part in parts) or _subheader_roles(line) is not None:
            continue
        current.rows.append(Row(index, _fit(parts, len(current.roles)), tool, indicator))
    return [table for table in tables if table.rows]


_PAGE_MARK = re.compile(r"^[-–\s]*(?:หน้า|page)?\s*[0-9๐-๙]{1,3}(?:\s*/\s*[0-9๐-๙]{1,3})?[-–\s]*$")


def _ignorable(line: str) -> bool:
    """Page numbers and "(ต่อ)" marks between the rows of a table that runs over pages."""
    text = line.strip()
    return len(text) <= 3 or bool(_PAGE_MARK.match(text)) or bool(_CONTINUED.search(text))


def _same_layout(first: list[str | None], second: list[str | None]) -> bool:
    return [role for role in first if role] == [role for role in second if role]


def _resume(tables: list[Table], line: str) -> Table | None:
    """A table that goes on after running text (a page footer, a caption) without a header."""
    if not tables:
        return None
    last = tables[-1]
    width = len(cells(line))
    return last if width == len(last.roles) else None


def _fit(parts: list[str], width: int) -> list[str]:
    if len(parts) <= width:
        return parts + [""] * (width - len(parts))
    return [*parts[: width - 1], " ".join(part for part in parts[width - 1 :] if part)]


@dataclass
class MeasureRows:
    """The rows of one measure: its first row and those that continue it."""

    table: Table
    rows: list[Row]

    def column(self, role: str) -> list[str]:
        """The non-empty fragments of every column with this role, top to bottom (paragraphs
        inside a cell still apart by CELL_BREAK). A vertically merged cell counts once: in
        the rows after the measure's first it repeats a cell this measure already has."""
        indexes = [i for i, column_role in enumerate(self.table.roles) if column_role == role]
        found: list[str] = []
        for position, row in enumerate(self.rows):
            for i in indexes:
                cell = row.cells[i]
                if is_merged(cell) and position > 0:
                    continue
                text = cell_text(cell, breaks=CELL_BREAK)
                if text:
                    found.append(text)
        return found

    @property
    def first_line(self) -> int:
        return self.rows[0].line


def group_measures(table: Table) -> list[MeasureRows]:
    """Rows grouped into measures (continuations merged back)."""
    key = table.key_column
    groups: list[MeasureRows] = []
    marked = bool(table.rows) and bool(_ITEM_START.match(cell_text(table.rows[0].cells[key])))
    for row in table.rows:
        head = "" if is_merged(row.cells[key]) else cell_text(row.cells[key])
        continued = bool(head) and bool(_CONTINUED.search(head))
        if continued:
            target = _find_continued(groups, _CONTINUED.sub("", head).strip())
            if target is not None:
                row.cells[key] = ""  # the repeated heading of the continued measure
                target.rows.append(row)
                continue
        starts = bool(head) and not continued and (not marked or bool(_ITEM_START.match(head)))
        if starts or not groups:
            groups.append(MeasureRows(table, [row]))
        else:
            groups[-1].rows.append(row)
    return groups


def _find_continued(groups: list[MeasureRows], head: str) -> MeasureRows | None:
    if not groups:
        return None
    if head:
        wanted = squash(head)[:20]
        key = groups[0].table.key_column
        for group in reversed(groups):
            if squash(group.rows[0].cells[key]).startswith(wanted):
                return group
    return groups[-1]
