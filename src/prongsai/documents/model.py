"""The document model: what a generated document says, independent of PDF or DOCX.

Layouts (plan, report, memo...) build a `Document` from domain data; `render()` turns it into
bytes. Every string here is user text and is rendered literally: nothing is markup. Digits are
written in the document's digit style at render time (`localise`), so builders can use
whatever digits they have (Arabic from the database, Thai from a form).

Sizes are Google Sarabun points. Thai official documents ask for TH Sarabun 16 pt, and Google
Sarabun is ~1.47x bigger at the same point size, so 11 pt Sarabun looks like TH Sarabun 16 pt
(see `BODY_PT`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, TypeVar

from prongsai.core.thai import Digits, digits_in_text

Align = Literal["left", "center", "right", "justify"]
VAlign = Literal["top", "middle", "bottom"]
Orientation = Literal["portrait", "landscape"]
ImageFormat = Literal["png", "svg"]

#: TH Sarabun New / PSK point size -> Google Sarabun point size with the same visual size.
TH_SARABUN_RATIO = 1 / 1.465


def from_th_sarabun(size: float) -> float:
    """The Sarabun size that looks like TH Sarabun `size` pt, to the half point DOCX stores."""
    return round(size * TH_SARABUN_RATIO * 2) / 2


#: Body text: looks like TH Sarabun 16 pt (16 / 1.465 = 10.9; 11 is the nearest size DOCX
#: can store, since w:sz counts half-points).
BODY_PT = 11.0
#: Default table text: looks like TH Sarabun ~14.5 pt, the usual size in plan tables.
TABLE_PT = 10.0
#: Heading sizes by level (TH Sarabun ~20, ~18, 16 bold).
HEADING_PT = {1: 13.5, 2: 12.0, 3: 11.0}
#: "บันทึกข้อความ" title of a memo (TH Sarabun 29 pt).
MEMO_TITLE_PT = 20.0
#: Memo field labels ("ส่วนราชการ", "ที่", "วันที่", "เรื่อง"): TH Sarabun 20 pt bold.
MEMO_LABEL_PT = 13.5

#: Justified paragraphs (PDF): at most this much extra space (em) after each letter cluster,
#: Thai distributed justification as in Word's "thaiDistribute". Below 0.1 em, the gap at
#: which pdftotext (poppler) starts a new word, so the text layer keeps the words whole.
JUSTIFY_TRACKING_EM = 0.08

CHECKBOX_EMPTY = "☐"
CHECKBOX_TICKED = "☑"
TICK = "✓"


#: Field metadata for options (not user text): digits are never converted in them.
RAW = {"raw": True}


@dataclass
class Run:
    """A piece of text with one style. `keep_digits` leaves digits as written (codes, URLs)."""

    text: str
    bold: bool = field(default=False, metadata=RAW)
    italic: bool = field(default=False, metadata=RAW)
    underline: bool = field(default=False, metadata=RAW)
    url: str | None = field(default=None, metadata=RAW)
    keep_digits: bool = field(default=False, metadata=RAW)


Inline: TypeAlias = str | Run


def _runs(content: str | Run | Sequence[Inline]) -> list[Run]:
    if isinstance(content, str | Run):
        content = [content]
    return [Run(item) if isinstance(item, str) else item for item in content]


@dataclass(init=False)
class Paragraph:
    """A paragraph of runs. `indent_first_line` is the Thai official 2.5 cm paragraph indent.
    `keep_with_next`: a label that heads what follows ("ข้อบกพร่อง", "ข้อ i7 …"), never left
    alone at a page's foot (PDF: a sticky block; DOCX: w:keepNext)."""

    runs: list[Run]
    align: Align = field(default="left", metadata=RAW)
    indent_first_line: bool = field(default=False, metadata=RAW)
    bold: bool = field(default=False, metadata=RAW)
    size: float | None = field(default=None, metadata=RAW)
    space_after: float = field(default=0.0, metadata=RAW)  # cm
    keep_with_next: bool = field(default=False, metadata=RAW)

    def __init__(
        self,
        content: str | Run | Sequence[Inline] = "",
        *,
        align: Align = "left",
        indent_first_line: bool = False,
        bold: bool = False,
        size: float | None = None,
        space_after: float = 0.0,
        keep_with_next: bool = False,
    ) -> None:
        self.runs = _runs(content)
        self.align = align
        self.indent_first_line = indent_first_line
        self.bold = bold
        self.size = size
        self.space_after = space_after
        self.keep_with_next = keep_with_next

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Heading:
    text: str
    level: int = field(default=1, metadata=RAW)
    align: Align = field(default="left", metadata=RAW)


ListItem: TypeAlias = str | Run | Paragraph


@dataclass
class NumberedList:
    """Items numbered start, start+1... ("๑." in Thai digits). `marker="bullet"` for "•"."""

    items: Sequence[ListItem]
    start: int = field(default=1, metadata=RAW)
    marker: Literal["number", "bullet", "dash"] = field(default="number", metadata=RAW)
    suffix: str = field(default=".", metadata=RAW)

    def paragraphs(self) -> list[Paragraph]:
        return [item if isinstance(item, Paragraph) else Paragraph(item) for item in self.items]

    def label(self, index: int) -> str:
        """The marker of item `index` (0-based), in Arabic digits (localised at render)."""
        if self.marker == "bullet":
            return "•"
        if self.marker == "dash":
            return "-"
        return f"{self.start + index}{self.suffix}"


@dataclass(init=False)
class Cell:
    """A table cell: text, or a list of paragraphs / numbered lists (several lines)."""

    content: list[Paragraph | NumberedList]
    colspan: int = field(default=1, metadata=RAW)
    rowspan: int = field(default=1, metadata=RAW)
    # None: the table's default (left; centre in header rows)
    align: Align | None = field(default=None, metadata=RAW)
    valign: VAlign = field(default="top", metadata=RAW)
    bold: bool = field(default=False, metadata=RAW)
    fill: str | None = field(default=None, metadata=RAW)  # background colour "#rrggbb"
    # A cell spanning a whole body row is a group row (an issue, a tool, an indicator): its
    # nesting, 1 outermost. It repeats with "(ต่อ)" at the top of each page its group goes on
    # to (PDF), until the next group row of the same or an outer level.
    group_level: int = field(default=1, metadata=RAW)

    def __init__(
        self,
        content: str | Run | Paragraph | NumberedList | Sequence[Any] = "",
        *,
        colspan: int = 1,
        rowspan: int = 1,
        align: Align | None = None,
        valign: VAlign = "top",
        bold: bool = False,
        fill: str | None = None,
        group_level: int = 1,
    ) -> None:
        if colspan < 1 or rowspan < 1:
            raise ValueError("colspan and rowspan must be >= 1")
        items = content if isinstance(content, list | tuple) else [content]
        self.content = [
            item if isinstance(item, Paragraph | NumberedList) else Paragraph(item)
            for item in items
        ]
        self.colspan = colspan
        self.rowspan = rowspan
        self.align = align
        self.valign = valign
        self.bold = bold
        self.fill = fill
        self.group_level = group_level

    @property
    def text(self) -> str:
        parts: list[str] = []
        for item in self.content:
            if isinstance(item, Paragraph):
                parts.append(item.text)
            else:
                parts.extend(p.text for p in item.paragraphs())
        return "\n".join(parts)


@dataclass
class Column:
    title: str
    # Relative: the widths of a table's columns are normalised to fractions of its width.
    width: float = field(default=1.0, metadata=RAW)


CellLike: TypeAlias = "Cell | str | Run | Paragraph | NumberedList"


@dataclass(init=False)
class Table:
    """A grid table. Header rows repeat on every page; cells may span rows and columns.

    `header_rows=None` makes one bold header row from the column titles. Several header rows
    with spans express grouped headings (e.g. "สถานะ" over three status columns).
    `title` is a caption above the table, repeated with `continued_label` ("(ต่อ)") on the
    following pages (PDF; in DOCX the repeated header rows carry no label).
    Rows list only the cells that start in that row: a cell covered by a rowspan from above
    is left out, as in HTML.
    """

    columns: list[Column]
    rows: list[list[Cell]]
    header_rows: list[list[Cell]]
    repeat_header: bool = field(default=True, metadata=RAW)
    title: str | None = None
    continued_label: str | None = "(ต่อ)"
    font_size: float = field(default=TABLE_PT, metadata=RAW)
    header_fill: str | None = field(default="#e8e8e8", metadata=RAW)

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[CellLike]],
        header_rows: Sequence[Sequence[CellLike]] | None = None,
        *,
        repeat_header: bool = True,
        title: str | None = None,
        continued_label: str | None = "(ต่อ)",
        font_size: float = TABLE_PT,
        header_fill: str | None = "#e8e8e8",
    ) -> None:
        self.columns = list(columns)
        if not self.columns or sum(col.width for col in self.columns) <= 0:
            raise ValueError("a table needs columns with positive widths")
        self.rows = [[_cell(c) for c in row] for row in rows]
        if header_rows is None:
            self.header_rows = [[Cell(col.title, bold=True) for col in self.columns]]
        else:
            self.header_rows = [[_cell(c) for c in row] for row in header_rows]
        self.repeat_header = repeat_header
        self.title = title
        self.continued_label = continued_label
        self.font_size = font_size
        self.header_fill = header_fill

    @property
    def fractions(self) -> list[float]:
        total = sum(col.width for col in self.columns)
        return [col.width / total for col in self.columns]

    def positions(self) -> dict[tuple[int, int], Cell]:
        """(row, column) of every cell, header rows first, skipping slots covered by spans."""
        rows = self.header_rows + self.rows
        ncols = len(self.columns)
        taken: set[tuple[int, int]] = set()
        placed: dict[tuple[int, int], Cell] = {}
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                if c + cell.colspan > ncols or r + cell.rowspan > len(rows):
                    raise ValueError(f"a cell in row {r + 1} spans outside the table")
                placed[(r, c)] = cell
                taken.update(
                    (r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
                )
                c += cell.colspan
        return placed


def _cell(value: Cell | str | Run | Paragraph | NumberedList) -> Cell:
    return value if isinstance(value, Cell) else Cell(value)


@dataclass
class Image:
    """A picture (PNG or SVG bytes), e.g. a chart from `charts`."""

    data: bytes = field(default=b"", metadata=RAW)
    width_cm: float = field(default=15.0, metadata=RAW)
    caption: str | None = None
    align: Align = field(default="center", metadata=RAW)

    @property
    def format(self) -> ImageFormat:
        head = self.data[:256].lstrip()
        if self.data.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"<?xml") or head.startswith(b"<svg"):
            return "svg"
        raise ValueError("images must be PNG or SVG")


Chart = Image


@dataclass
class SignatureBlock:
    """ลงชื่อ ..........  /  (name)  /  position lines."""

    name: str
    positions: list[str] = field(default_factory=list)
    sign_label: str | None = "ลงชื่อ"  # None: no signature line (name only)
    align: Literal["left", "center", "right"] = field(default="right", metadata=RAW)
    before: list[str] = field(default_factory=list)  # e.g. "ขอแสดงความนับถือ", an opinion


@dataclass
class SignatureRow:
    """Signature blocks side by side (e.g. the reporter and the reviewer)."""

    blocks: list[SignatureBlock]


@dataclass
class Memo:
    """The head of a บันทึกข้อความ: ส่วนราชการ, ที่, วันที่, เรื่อง, เรียน."""

    unit: str  # ส่วนราชการ
    ref: str  # ที่
    date: str  # วันที่ (already formatted, e.g. "๓ เมษายน ๒๕๖๖")
    subject: str  # เรื่อง
    to: str  # เรียน
    title: str = "บันทึกข้อความ"
    # The Garuda emblem, if the agency supplies one (PNG; SVG works in PDF only).
    emblem: bytes | None = field(default=None, metadata=RAW)


@dataclass
class PageBreak:
    pass


@dataclass
class Spacer:
    height_cm: float = field(default=0.5, metadata=RAW)


Block: TypeAlias = (
    Heading
    | Paragraph
    | NumberedList
    | Table
    | Image
    | SignatureBlock
    | SignatureRow
    | Memo
    | PageBreak
    | Spacer
)


@dataclass
class Section:
    """Pages with one orientation. A new section starts on a new page.

    `cover`: a cover page, without a page number and not counted: the page after it is page 1
    (itself unnumbered unless `Document.number_first_page`), as in printed plans.

    `corner`: a short text at the top right of every page of the section, in the header beside
    the page number: the code of a standard form ("แบบ สขร. ๑")."""

    blocks: list[Block]
    orientation: Orientation = field(default="portrait", metadata=RAW)
    page_numbers: bool = field(default=True, metadata=RAW)
    cover: bool = field(default=False, metadata=RAW)
    corner: str | None = None


@dataclass
class Document:
    """A whole document. Page numbers "- ๒ -" go top centre, from the second page on."""

    title: str
    sections: list[Section]
    digits: Digits = field(default="thai", metadata=RAW)
    agency: str = ""
    author: str = ""
    subject: str = ""
    number_first_page: bool = field(default=False, metadata=RAW)
    page_number_format: str = "- {n} -"
    # Words never broken across lines: the agency's name, its units, people (see thaibreak).
    vocabulary: tuple[str, ...] = field(default=(), metadata=RAW)

    @classmethod
    def of(
        cls,
        title: str,
        *blocks: Block,
        orientation: Orientation = "portrait",
        digits: Digits = "thai",
        agency: str = "",
    ) -> Document:
        return cls(title, [Section(list(blocks), orientation)], digits=digits, agency=agency)

    def blocks(self) -> list[Block]:
        return [block for section in self.sections for block in section.blocks]


# --- digit style: the one place where user text is converted --------------------------------


def localise_text(text: str, style: Digits) -> str:
    """Write digits in `style`, leaving URLs and e-mail addresses untouched (codes a document
    keeps as written are Runs with `keep_digits`)."""
    return digits_in_text(text, style, keep_codes=False)


T = TypeVar("T")


def localise(value: T, style: Digits) -> T:
    """A copy of a document (or any block) with every user string in the digit style.

    Option fields (marked raw) are kept; a `Run` with `keep_digits` is kept as written.
    """
    result: T = _localise(value, style)
    return result


def _localise(value: Any, style: Digits) -> Any:
    return _map_text(value, lambda text: localise_text(text, style), keep_digit_runs=True)


def _map_text(value: Any, fn: Callable[[str], str], *, keep_digit_runs: bool = False) -> Any:
    """A copy of `value` with `fn` applied to every user string (raw fields untouched)."""
    if isinstance(value, str):
        return fn(value)
    if keep_digit_runs and isinstance(value, Run) and value.keep_digits:
        return value
    if isinstance(value, list | tuple):
        return type(value)([_map_text(item, fn, keep_digit_runs=keep_digit_runs) for item in value])
    names = _text_fields(type(value))
    if names is not None:
        clone = _shallow_copy(value)
        fields, old = clone.__dict__, value.__dict__
        for name in names:
            fields[name] = _map_text(old[name], fn, keep_digit_runs=keep_digit_runs)
        return clone
    return value


_TEXT_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _text_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass that hold user text (not marked raw), None for other types
    (read once per class: `dataclasses.fields` was a third of `_map_text`'s time)."""
    if cls not in _TEXT_FIELDS:
        _TEXT_FIELDS[cls] = (
            tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("raw"))
            if dataclasses.is_dataclass(cls)
            else None
        )
    return _TEXT_FIELDS[cls]


def mark_breaks(document: Document, *, glue: Literal["all", "vocabulary"]) -> Document:
    """A copy whose text marks where Thai lines may break (`thaibreak`): between words only,
    never inside the document's vocabulary (the agency's names, people, months...). The
    document's own metadata (title, author...) is left as it is."""
    from prongsai.documents import thaibreak

    vocabulary = frozenset(document.vocabulary)

    def marked(text: str) -> str:
        return thaibreak.mark(text, vocabulary, glue=glue)

    def in_cell(text: str) -> str:
        # A table cell may be narrow: "พ.ศ." may start a line there (thaibreak, year_glue).
        return thaibreak.mark(text, vocabulary, glue=glue, year_glue=False)

    def block(b: Any) -> Any:
        if not isinstance(b, Table):
            return _map_text(b, marked)
        clone = _shallow_copy(b)
        for f in dataclasses.fields(b):
            if not f.metadata.get("raw"):
                fn = marked if f.name in ("title", "continued_label") else in_cell
                setattr(clone, f.name, _map_text(getattr(b, f.name), fn))
        return clone

    clone = _shallow_copy(document)
    sections = []
    for section in document.sections:
        copy = _shallow_copy(section)
        for f in dataclasses.fields(section):
            if f.metadata.get("raw"):
                continue
            value = getattr(section, f.name)
            if f.name == "blocks":
                setattr(copy, f.name, [block(b) for b in value])
            else:
                setattr(copy, f.name, _map_text(value, marked))
        sections.append(copy)
    clone.sections = sections
    return clone


def _shallow_copy(value: Any) -> Any:
    clone = object.__new__(type(value))
    clone.__dict__.update(value.__dict__)
    return clone


def numbered_label(lst: NumberedList, index: int, style: Digits) -> str:
    return localise_text(lst.label(index), style)


def page_label(document: Document, number: int) -> str:
    return localise_text(document.page_number_format.format(n=number), document.digits)
