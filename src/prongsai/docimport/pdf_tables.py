"""PDF → text from the page's geometry: table cells from the ruling lines, the rest in reading
order. The output has the same shape as the DOCX reader's: a table row is one tab-separated line,
a cell merged down several rows is repeated in the rows below marked `text.MERGED_ABOVE`, one
merged across columns keeps its other grid columns empty, and the paragraphs of a cell are kept
apart by `text.CELL_BREAK`: a line that starts an item of its own (a bullet, "1.", "๑)", a date)
begins a paragraph, a wrapped line is joined to the line above.

Words and their boxes come from poppler (`pdftotext -bbox`, the text layer as the PDF means it,
/ActualText included: typst's Thai clusters, Word's and LibreOffice's exports come out as written),
the drawing's lines and rectangles from PDFium (pypdfium2, which pdfplumber installs: its C++
parser reads a page's paths in milliseconds where pdfminer takes ~0.4 s, and pdfminer reads
typst's Thai as "(cid:20)" and LibreOffice's fallback glyphs as one letter; decision 34). The
grid is pdfplumber's: edges snapped and joined, intersections, cells, tables
(`pdfplumber.table`). A word goes to the cell under its middle.

Across pages: the header rows a table repeats on every page are dropped, and a row cut by the
page break (its first cell empty, or carrying "(ต่อ)") is joined to its row. A page without ruling
lines goes through `pdf_text.layout_to_tsv` (column positions of `pdftotext -layout`); a page
without a text layer is reported in `PdfPages.empty` for OCR (docimport/ocr.py).
"""

from __future__ import annotations

import ctypes
import html
import itertools
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import DocumentImportError
from .text import CELL_BREAK, MERGED_ABOVE, normalise_thai, skeleton

MAX_PAGES = 500
MIN_PAGE_CHARS = 10  # fewer visible characters than this: the page has no text layer
_SNAP = 3.0  # points: edges closer than this are one edge
_MIN_CELL = 4.0

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_DIGIT = re.compile(r"[0-9๐-๙]")
# A "word" that is only Thai marks above or below (vowels, tone marks, nikhahit).
_MARKS_ONLY = re.compile(r"^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+$")
_TOUCHING = 0.3  # points: words this close were one word cut by a mark's glyph
_HEADER_LIKENESS = 0.85  # a row this like the header row (letters, marks aside) repeats it
_CONTINUED = re.compile(r"\(\s*ต\u0e48?อ\s*\)")  # "(ต่อ)"; OCR drops the tone mark: "(ตอ)"
_PAGE_MARK = re.compile(r"^[-–\s]*(?:หน้า|page)?\s*[0-9๐-๙]{1,3}(?:\s*/\s*[0-9๐-๙]{1,3})?[-–\s]*$")
# A line in a cell that starts an item of its own.
_ITEM = re.compile(
    r"^\s*(?:[-–•●▪➢◦*✓☐☑]\s|\(?[0-9๐-๙]{1,3}\s*[.)]\s*\S|"
    r"[0-9๐-๙]{1,2}\s+(?:ม\.?ค|ก\.?พ|มี\.?ค|เม\.?ย|พ\.?ค|มิ\.?ย|ก\.?ค|ส\.?ค|ก\.?ย|ต\.?ค|พ\.?ย|ธ\.?ค|"
    r"มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม))"
)

# A date after these words goes on the sentence: "ดำเนินการเมื่อวันที่" / "15 ตุลาคม 2567" is one
# line wrapped before its date, not an item starting with a date.
_DATE_LEAD = re.compile(r"(?:วันที่|เมื่อ|(?:^|\s)ณ|ตั้งแต่|ภายใน)\s*$")
_NUMBERED = re.compile(r"^\s*\(?[0-9๐-๙]{1,3}\s*[.)]")


@dataclass
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    index: int = 0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    chars: list[Char]

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars if c.text.strip()) if self.visible else 0.0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars if c.text.strip()) if self.visible else 0.0

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def visible(self) -> bool:
        return any(c.text.strip() for c in self.chars)

    def text(self) -> str:
        """The line's words left to right, one space apart; words whose boxes touch are one
        word, and a Thai mark that poppler gave a box of its own (LibreOffice's exports draw
        tone marks and some vowels as separate zero-width glyphs) goes back on the word it
        sits on: the one ending where the mark is drawn."""
        visible = sorted((c for c in self.chars if c.text.strip()), key=lambda c: c.x0)
        words: list[list[Any]] = [
            [c.text, c.x0, c.x1] for c in visible if not _MARKS_ONLY.match(c.text)
        ]
        loose: list[list[Any]] = []  # marks with no word under them here: the line's start
        for mark in (c for c in visible if _MARKS_ONLY.match(c.text)):
            bases = [w for w in words if -0.5 <= mark.x0 - w[2] <= 2.0]
            if bases:
                min(bases, key=lambda w: abs(w[2] - mark.x0))[0] += mark.text
            else:
                loose.append([mark.text, mark.x0 - 0.2, mark.x0])  # before a word there
        out = ""
        previous: list[Any] | None = None
        for word in sorted(words + loose, key=lambda w: w[1]):
            text, x0, _x1 = word
            if previous is not None and x0 - previous[2] >= _TOUCHING:
                out += "" if _MARKS_ONLY.match(text) or _MARKS_ONLY.match(previous[0]) else " "
            out += text
            previous = word
        return normalise_thai(out)


@dataclass
class Cell:
    row: int
    col: int
    rows: int
    cols: int
    bbox: tuple[float, float, float, float]
    chars: list[Char] = field(default_factory=list)
    lines: list[str] | None = None  # the cell's lines when OCR read them (docimport/ocr_tables)


@dataclass
class TableBlock:
    top: float
    bbox: tuple[float, float, float, float]
    column_edges: list[float]
    rows: list[list[str]]


@dataclass
class TextBlock:
    top: float
    text: str


@dataclass
class PdfPages:
    """What the geometry reader made of a PDF."""

    lines: list[str]
    pages: int
    empty: list[int]  # 0-based pages without a text layer (OCR candidates)
    table_pages: int  # pages where a ruled table was found
    layout_pages: int  # pages read through the pdftotext -layout fallback


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentImportError(
                "pdf_encrypted", "ไฟล์ PDF นี้ถูกตั้งรหัสผ่าน กรุณาเอารหัสผ่านออกก่อน"
            ) from exc
        raise DocumentImportError("pdf_broken", "ไฟล์ PDF เสียหาย เปิดอ่านไม่ได้") from exc


_PAGE = re.compile(rb"<page\b[^>]*>(.*?)</page>", re.S)
_WORD = re.compile(
    rb'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">(.*?)</word>',
    re.S,
)


def _words(data: bytes, timeout: float) -> list[list[Char]]:
    """Each page's words with their boxes, from poppler (`pdftotext -bbox`): it reads the
    text as the PDF means it (/ActualText included), which PDFium and pdfminer do not for
    typst's Thai clusters (decision 34)."""
    from .pdf_text import run_pdftotext

    if not shutil.which("pdftotext"):
        raise DocumentImportError(
            "pdf_unsupported", "ระบบนี้ยังอ่านไฟล์ PDF ไม่ได้ (ไม่พบโปรแกรม pdftotext)"
        )
    stdout = run_pdftotext(data, ["-bbox"], timeout)
    pages: list[list[Char]] = []
    for page in _PAGE.finditer(stdout):
        words: list[Char] = []
        for index, match in enumerate(_WORD.finditer(page.group(1))):
            text = html.unescape(match.group(5).decode("utf-8", "replace")).strip()
            if text:
                x0, top, x1, bottom = (float(match.group(k)) for k in range(1, 5))
                words.append(Char(text, x0, top, x1, bottom, index))
        pages.append(words)
    return pages


def _edges(page: Any, height: float) -> list[dict[str, Any]]:
    """Horizontal and vertical edges of the page's lines and rectangles (pdfplumber's form)."""
    import pypdfium2.raw as raw

    edges: list[dict[str, Any]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = raw.FS_MATRIX()
    # The raw API: a page of typst's Thai has thousands of text objects, and a Python wrapper
    # for each one costs more than reading the paths.
    for position in range(raw.FPDFPage_CountObjects(page.raw)):
        handle = raw.FPDFPage_GetObject(page.raw, position)
        if raw.FPDFPageObj_GetType(handle) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetMatrix(handle, matrix):
            continue
        m = matrix
        points: list[tuple[float, float]] = []
        count = raw.FPDFPath_CountSegments(handle)
        if count > 400:
            continue  # a drawing, not a table's borders
        subpaths: list[list[tuple[float, float]]] = []
        for index in range(count):
            segment = raw.FPDFPath_GetPathSegment(handle, index)
            raw.FPDFPathSegment_GetPoint(segment, x, y)
            point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO and points:
                subpaths.append(points)
                points = []
            if kind == raw.FPDF_SEGMENT_BEZIERTO:
                points = []
                continue
            points.append(point)
            if raw.FPDFPathSegment_GetClose(segment) and points:
                points.append(points[0])
        if points:
            subpaths.append(points)
        for path in subpaths:
            for (ax, ay), (bx, by) in itertools.pairwise(path):
                edges.extend(_edge(ax, height - ay, bx, height - by))
    return edges


def _edge(ax: float, ay: float, bx: float, by: float) -> Iterator[dict[str, Any]]:
    if abs(ay - by) <= 1.0 and abs(ax - bx) > 1.0:
        x0, x1 = sorted((ax, bx))
        top = (ay + by) / 2
        yield {"orientation": "h", "x0": x0, "x1": x1, "top": top, "bottom": top,
               "width": x1 - x0, "height": 0.0}  # fmt: skip
    elif abs(ax - bx) <= 1.0 and abs(ay - by) > 1.0:
        top, bottom = sorted((ay, by))
        left = (ax + bx) / 2
        yield {"orientation": "v", "x0": left, "x1": left, "top": top, "bottom": bottom,
               "width": 0.0, "height": bottom - top}  # fmt: skip


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= _SNAP:
            continue
        out.append(value)
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _grids(edges: list[dict[str, Any]]) -> list[list[Cell]]:
    """The tables of a page: cells with their grid positions and spans."""
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    if not edges:
        return []
    merged = merge_edges(edges, _SNAP, _SNAP, _SNAP, _SNAP)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) > 5]
    intersections = edges_to_intersections(merged, _SNAP, _SNAP)
    boxes = [
        box
        for box in intersections_to_cells(intersections)
        if box[2] - box[0] >= _MIN_CELL and box[3] - box[1] >= _MIN_CELL
    ]
    grids: list[list[Cell]] = []
    for table in cells_to_tables(boxes):
        xs = _cluster([v for box in table for v in (box[0], box[2])])
        ys = _cluster([v for box in table for v in (box[1], box[3])])
        if len(xs) < 3 or len(ys) < 2:
            continue  # one column: a frame or a box, not a table (one row may end a table)
        cells = []
        for box in table:
            col, col_end = _index(xs, box[0]), _index(xs, box[2])
            row, row_end = _index(ys, box[1]), _index(ys, box[3])
            if col_end <= col or row_end <= row:
                continue
            cells.append(Cell(row, col, row_end - row, col_end - col, tuple(box)))  # type: ignore[arg-type]
        grids.append(cells)
    return grids


def _lines(chars: list[Char]) -> list[Line]:
    """Characters grouped into lines (by vertical overlap), each line left to right."""
    lines: list[tuple[float, float, list[Char]]] = []
    for char in sorted(chars, key=lambda c: (round(c.cy), c.x0)):
        if not char.text.strip() and not lines:
            continue
        for top, bottom, members in lines:
            middle = char.cy
            if top - 1 <= middle <= bottom + 1:
                members.append(char)  # the band stays the first letter's: lines never chain
                break
        else:
            if char.text.strip():
                lines.append((char.top, char.bottom, [char]))
    out = []
    for _top, _bottom, members in sorted(lines, key=lambda item: item[0]):
        members.sort(key=lambda c: c.x0)
        out.append(Line(members))
    return [line for line in out if line.visible]


def join_wrapped(lines: list[str]) -> str:
    """The lines of one cell as its text: a line that starts an item (bullet, "1.", "๑)", a date
    not following "วันที่", "เมื่อ"…) begins a new paragraph; a wrapped line is joined with a
    space, or without one between two Thai letters (Thai has no spaces between words, a line
    break there was inside a phrase; a Thai digit there is a number, a word of its own, and
    keeps its space)."""
    text = ""
    for line in lines:
        text = _append(text, line)
    return text


def _append(text: str, line: str) -> str:
    """`line` after `text`: a paragraph of its own when it starts an item, else wrapped on."""
    line = line.strip()
    if not line:
        return text
    if not text:
        return line
    dated = _DIGIT.match(line[0]) and not _NUMBERED.match(line) and _DATE_LEAD.search(text)
    if _ITEM.match(line) and not dated:
        return f"{text}{CELL_BREAK}{line}"
    thai = _THAI.match(text[-1]) and _THAI.match(line[0])
    # ...but a number next to a Thai word was a word of its own ("วันที่ ๑๐ ตุลาคม ๒๕๖๖")
    number = _DIGIT.match(text[-1]) or _DIGIT.match(line[0])
    glue = "" if (thai and not number) or text.endswith(("-", "/", "_")) else " "
    return f"{text}{glue}{line}"


def _cell_text(cell: Cell) -> str:
    lines = cell.lines if cell.lines is not None else [line.text() for line in _lines(cell.chars)]
    text = join_wrapped(lines)
    return text.replace("\t", " ").replace("\n", " ")


def _table_block(cells: list[Cell], chars: list[Char]) -> tuple[TableBlock, list[Char]]:
    """The table's rows, and the characters that fall outside it."""
    x0 = min(c.bbox[0] for c in cells)
    top = min(c.bbox[1] for c in cells)
    x1 = max(c.bbox[2] for c in cells)
    bottom = max(c.bbox[3] for c in cells)
    outside: list[Char] = []
    inside: list[Char] = []
    for char in chars:
        if x0 <= char.cx <= x1 and top <= char.cy <= bottom:
            inside.append(char)
        else:
            outside.append(char)
    # A word goes to the cell under its middle: a word wider than its column (centred, it
    # starts in the next cell) stays whole in its own cell.
    for word in inside:
        for cell in cells:
            bx0, btop, bx1, bbottom = cell.bbox
            if bx0 <= word.cx <= bx1 and btop <= word.cy <= bbottom:
                cell.chars.append(word)
                break
    n_rows = max(c.row + c.rows for c in cells)
    n_cols = max(c.col + c.cols for c in cells)
    grid = [[""] * n_cols for _ in range(n_rows)]
    for cell in cells:
        text = _cell_text(cell)
        grid[cell.row][cell.col] = text
        for below in range(cell.row + 1, cell.row + cell.rows):
            grid[below][cell.col] = f"{MERGED_ABOVE}{text}" if text else ""
    rows = [row for row in grid]
    columns = sorted({c.bbox[0] for c in cells if c.cols == 1} | {x1})
    return TableBlock(top, (x0, top, x1, bottom), columns, rows), outside


def _page_blocks(page: Any, chars: list[Char]) -> tuple[list[TableBlock | TextBlock], int, bool]:
    """(blocks top to bottom, visible characters, whether a ruled table was found)."""
    height = page.get_height()
    visible = sum(len(c.text) for c in chars)
    blocks: list[TableBlock | TextBlock] = []
    found = False
    if visible >= MIN_PAGE_CHARS:
        for cells in _grids(_edges(page, height)):
            table, chars = _table_block(cells, chars)
            if any(any(cell for cell in row) for row in table.rows):
                blocks.append(table)
                found = True
    if found:
        blocks.extend(TextBlock(line.top, line.text()) for line in _lines(chars))
    blocks.sort(key=lambda block: block.top)
    return blocks, visible, found


def _scanned(page: Any) -> bool:
    """A page that is one big picture (a scan), not a few charts."""
    import pypdfium2.raw as raw

    try:
        area = page.get_width() * page.get_height()
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            if (right - left) * (top - bottom) >= 0.5 * area:
                return True
        return False
    finally:
        page.close()


def _ignorable(text: str) -> bool:
    """Running heads and page numbers between the parts of a table cut by a page break."""
    text = text.strip()
    return len(text) <= 3 or bool(_PAGE_MARK.match(text)) or bool(_CONTINUED.search(text))


def _same_columns(first: TableBlock, second: TableBlock) -> bool:
    if len(first.rows[0]) != len(second.rows[0]):
        return False
    a, b = first.column_edges, second.column_edges
    return len(a) == len(b) and all(abs(p - q) <= 4 for p, q in zip(a, b, strict=True))


def _continue(previous: TableBlock, header: list[list[str]], table: TableBlock) -> None:
    """Append `table` (the same table on the next page) to `previous`: repeated header rows
    dropped, a row cut by the page break joined to its row."""
    rows = list(table.rows)
    index = 0
    while index < len(rows) and index < len(header) and _same_row(rows[index], header[index]):
        index += 1
    rows = rows[index:]
    # The heading of a group of rows repeated with "(ต่อ)" (a spanning row): already above.
    while (
        rows and sum(1 for cell in rows[0] if cell.strip()) == 1 and _CONTINUED.search(rows[0][0])
    ):
        rows = rows[1:]
    if rows and previous.rows:
        first = rows[0]
        key = first[0].strip()
        if not key or _CONTINUED.search(key) or _cut(previous.rows[-1], first, previous.rows):
            last = previous.rows[-1]
            for column, text in enumerate(first):
                text = text.strip()
                if not text or (_CONTINUED.search(text) and column == 0):
                    continue
                if _CONTINUED.search(text):
                    stem = _CONTINUED.sub("", text).strip()
                    if stem and last[column].startswith(stem[:10]):
                        continue
                _extend_cell(previous.rows, column, text)
            rows = rows[1:]
    previous.rows.extend(rows)


def _same_row(row: list[str], header: list[str]) -> bool:
    """The header row repeated: the same cells, or (read by OCR, which misreads a letter here
    and there) nearly the same letters."""
    if row == header:
        return True
    from difflib import SequenceMatcher

    a, b = skeleton(" ".join(row)), skeleton(" ".join(header))
    return bool(a) and SequenceMatcher(None, a, b, autojunk=False).ratio() >= _HEADER_LIKENESS


def _extend_cell(rows: list[list[str]], column: int, text: str) -> None:
    """Append `text` (the part of a cell on the next page) to the cell of `column` in the last
    row, or to the merged cell that row repeats (and to its repeats)."""
    origin = len(rows) - 1
    while origin > 0 and rows[origin][column].startswith(MERGED_ABOVE):
        origin -= 1
    joined = _append(rows[origin][column].replace(MERGED_ABOVE, ""), text)
    rows[origin][column] = joined
    for row in rows[origin + 1 :]:
        if row[column].startswith(MERGED_ABOVE):
            row[column] = f"{MERGED_ABOVE}{joined}"


_CODE_START = re.compile(r"^\s*[iIeEoO]\s?[0-9๐-๙]{1,2}\b")
_NUMBERS = re.compile(r"(?:^|\s)\(?([0-9๐-๙]{1,2})\s*[.)]\s")


def _cut(last: list[str], first: list[str], rows: list[list[str]] | None = None) -> bool:
    """Whether `first` (the first row on a page) is the rest of `last` (the last row before
    the page break) although its first cell has text: it starts with a question code, closes a
    parenthesis (or a pasted HTML tag) the row above opened, goes on with the numbering or the
    list item of a cell above, or its first cell is unnumbered where the table's rows (`rows`,
    the table so far) number theirs."""
    from prongsai.core.thai import to_arabic_digits

    key = first[0].strip()
    if _CODE_START.match(key):
        return True
    if _ITEM.match(key) or re.match(r"^\s*\(?[0-9๐-๙]", key):
        return False  # a numbered first cell starts a row of its own
    before = last[0]
    if before.count("(") > before.count(")"):
        return True
    if ")" in key and ("(" not in key or key.index(")") < key.index("(")):
        return True
    if any(_closes_tag(above, below) for above, below in zip(last, first, strict=False)):
        return True
    for above, below in zip(last[1:], first[1:], strict=False):
        numbers = [int(to_arabic_digits(n)) for n in _NUMBERS.findall(" " + above)]
        start = _NUMBERS.match(" " + below.strip())
        if numbers and start and int(to_arabic_digits(start.group(1))) == numbers[-1] + 1:
            return True
    if _rest_of_item(last, first) and not _same_start(before, key):
        return True
    return _numbered_rows(rows or [last]) and not _NUMBERED_KEY.match(_TAG.sub("", key).strip())


_NUMBERED_KEY = re.compile(r"^\(?[0-9๐-๙]{1,3}\s*[.)]")


def _numbered_rows(rows: list[list[str]]) -> bool:
    """The table's last two rows with a first cell of their own both number it ("6.", "7.")."""
    keys = [
        _TAG.sub("", row[0]).strip()
        for row in rows
        if row and row[0].strip() and not row[0].startswith(MERGED_ABOVE)
    ][-2:]
    return len(keys) == 2 and all(_NUMBERED_KEY.match(key) for key in keys)


_TAG = re.compile(r"<[^<>]{0,400}>")
_TAG_NAME = re.compile(r"<\s?(/?)\s?([a-zA-Z]{1,10})\b")


def _closes_tag(above: str, below: str) -> bool:
    """The cell above opens an HTML tag (text pasted from a web page: "<p>…") that the cell
    below closes before opening one."""
    depth = 0
    for closing, name in _TAG_NAME.findall(above):
        if name.lower() not in ("br", "input", "img", "hr"):  # void tags are never closed
            depth += -1 if closing else 1
    found = _TAG_NAME.search(below)
    return depth > 0 and found is not None and found.group(1) == "/"


def _rest_of_item(last: list[str], first: list[str]) -> bool:
    """A cell of `first` goes on with a list item the same column's cell in `last` ended
    with: the cell above ends with an item ("• ติด", "7) พัฒนา…"), the cell below starts
    with text that is no item of its own."""
    for above, below in zip(last[1:], first[1:], strict=False):
        if above.startswith(MERGED_ABOVE) or below.startswith(MERGED_ABOVE):
            continue
        paragraphs = [p for p in above.split(CELL_BREAK) if p.strip()]
        below = below.split(CELL_BREAK)[0].strip()
        if paragraphs and below and _ITEM.match(paragraphs[-1]) and not _ITEM.match(below):
            return True
    return False


def _same_start(before: str, key: str) -> bool:
    """Whether two first cells begin like two rows of one table: both numbered ("3.", "๔)"),
    or with the same word ("ตัวชี้วัดที่ …")."""
    before = _TAG.sub("", before.replace(MERGED_ABOVE, "")).strip()
    key = _TAG.sub("", key).strip()
    if _NUMBERED_KEY.match(before) and _NUMBERED_KEY.match(key):
        return True
    size = 6
    return len(before) >= size and before[:size] == key[:size]


def _header_rows(table: TableBlock) -> list[list[str]]:
    """The rows a table may repeat on every page: its first rows up to the first data row
    (a row whose first cell starts an item), at most three."""
    rows: list[list[str]] = []
    for row in table.rows[:3]:
        if _ITEM.match(row[0]) or re.match(r"^\s*[0-9๐-๙]", row[0]):
            break
        rows.append(row)
    return rows


# (pdf, 0-based pages) -> each page's blocks (ruled tables cell by cell, text lines)
OcrReader = Callable[[bytes, list[int]], dict[int, list["TableBlock | TextBlock"]]]


def read_pages(data: bytes, *, timeout: float = 60, ocr: OcrReader | None = None) -> PdfPages:
    """The PDF's lines (tables as tab-separated rows), page by page, with what was found.
    `ocr(data, pages)` reads the pages without a text layer (their blocks by 0-based page)."""
    import pypdfium2 as pdfium

    pdf = _open(data)
    try:
        page_count = len(pdf)
        words = _words(data, timeout)
        pages: list[list[TableBlock | TextBlock] | str | None] = []
        empty: list[int] = []
        table_pages = 0
        for number in range(min(page_count, MAX_PAGES)):
            page = pdf[number]
            try:
                page_words = words[number] if number < len(words) else []
                blocks, visible, found = _page_blocks(page, page_words)
            finally:
                page.close()
            if visible < MIN_PAGE_CHARS and _scanned(pdf[number]):
                empty.append(number)
                pages.append("ocr")
            elif visible < MIN_PAGE_CHARS:
                pages.append([])  # a page of charts or pictures: nothing to read
            elif found:
                table_pages += 1
                pages.append(blocks)
            else:
                pages.append(None)  # no ruling lines: the layout fallback
    except pdfium.PdfiumError as exc:  # a page PDFium cannot load: poppler may (extract_pdf)
        raise DocumentImportError("pdf_broken", "ไฟล์ PDF เสียหาย เปิดอ่านไม่ได้") from exc
    finally:
        pdf.close()
    layout: dict[int, list[str]] = {}
    fallback = [n for n, blocks in enumerate(pages) if blocks is None]
    if fallback:
        layout = _layout_pages(data, fallback, timeout)
    scanned = ocr(data, empty) if ocr is not None and empty else {}
    for number in empty:  # a scanned page's blocks meet the same table logic as the others
        pages[number] = scanned.get(number, [])
        if any(isinstance(block, TableBlock) for block in pages[number] or []):
            table_pages += 1
    out: list[str] = []
    open_table: TableBlock | None = None
    header: list[list[str]] = []
    pending: list[str] = []  # ignorable lines after an open table
    for number, content in enumerate(pages):
        if not isinstance(content, list):
            if open_table is not None:
                out.extend(_rows(open_table))
                out.extend(pending)
                open_table, pending = None, []
            out.extend(layout.get(number, []))
            continue
        for block in content:
            if isinstance(block, TextBlock):
                if open_table is not None and _ignorable(block.text):
                    pending.append(block.text)
                    continue
                if open_table is not None:
                    out.extend(_rows(open_table))
                    out.extend(pending)
                    open_table, pending = None, []
                out.append(block.text)
                continue
            if open_table is not None and _same_columns(open_table, block):
                _continue(open_table, header, block)
                out_pending = [line for line in pending if not _CONTINUED.search(line)]
                pending = out_pending
                continue
            if open_table is not None:
                out.extend(_rows(open_table))
                out.extend(pending)
                pending = []
            open_table, header = block, _header_rows(block)
    if open_table is not None:
        out.extend(_rows(open_table))
        out.extend(pending)
    return PdfPages(out, page_count, empty, table_pages, len(fallback))


def _rows(table: TableBlock) -> list[str]:
    return ["\t".join(row) for row in table.rows]


def _layout_pages(data: bytes, numbers: list[int], timeout: float) -> dict[int, list[str]]:
    """`pdftotext -layout` lines of the pages without ruling lines, as tab-separated rows where
    their columns line up (pdf_text.layout_to_tsv)."""
    from .pdf_text import layout_to_tsv, run_pdftotext

    first, last = min(numbers), max(numbers)
    pages = ["-layout", "-eol", "unix", "-f", str(first + 1), "-l", str(last + 1)]
    texts = run_pdftotext(data, pages, timeout).decode("utf-8", "replace").split("\f")
    out: dict[int, list[str]] = {}
    for number in numbers:
        if number - first < len(texts):
            out[number] = [
                normalise_thai(line) for line in layout_to_tsv(texts[number - first]).split("\n")
            ]
    return out
