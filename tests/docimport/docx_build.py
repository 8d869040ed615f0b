"""Building DOCX the way Word writes them (python-docx plus the XML Word adds): paragraphs
inside cells, automatic numbering (w:numPr), vertically merged cells, Wingdings checkboxes.
Used by the tests and by scripts/make_import_fixtures.py."""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

DECIMAL = 1  # numbering definitions added by `add_numbering`
BULLET = 2
THAI = 3

_NUMBERING = (
    "<w:abstractNum {ns} w:abstractNumId='{aid}'><w:multiLevelType w:val='hybridMultilevel'/>"
    "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='{fmt}'/>"
    "<w:lvlText w:val='{text}'/></w:lvl></w:abstractNum>"
)


def new_document() -> docx.document.Document:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for aid, fmt, text in ((91, "decimal", "%1."), (92, "bullet", "•"), (93, "thaiNumbers", "%1)")):
        numbering.append(parse_xml(_NUMBERING.format(ns=nsdecls("w"), aid=aid, fmt=fmt, text=text)))
    for num_id, aid in ((DECIMAL, 91), (BULLET, 92), (THAI, 93)):
        numbering.append(
            parse_xml(
                f"<w:num {nsdecls('w')} w:numId='{100 + num_id}'>"
                f"<w:abstractNumId w:val='{aid}'/></w:num>"
            )
        )
    return document


def numbered(paragraph: object, numbering: int) -> None:
    """Give the paragraph Word's automatic numbering (a fresh list per `restart` numId)."""
    properties = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    number = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), "0")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), str(100 + numbering))
    number.append(level)
    number.append(num_id)
    properties.append(number)


def symbol(paragraph: object, char: str, font: str = "Wingdings") -> None:
    run = paragraph.add_run()._r  # type: ignore[attr-defined]
    node = OxmlElement("w:sym")
    node.set(qn("w:font"), font)
    node.set(qn("w:char"), char)
    run.append(node)


def fill_cell(cell: object, value: str | Sequence[str], numbering: int | None = None) -> None:
    """A cell's paragraphs: one per item of `value` (numbered by Word when `numbering`).
    "[x]" and "[ ]" at the start of an item become Wingdings boxes."""
    items = [value] if isinstance(value, str) else list(value)
    first = True
    for item in items:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        first = False
        if numbering is not None:
            numbered(paragraph, numbering)
        while item.startswith(("[x]", "[ ]")):
            symbol(paragraph, "F0FE" if item.startswith("[x]") else "F0A8")
            item = item[3:]
        if item:
            paragraph.add_run(item)


def merge_down(table: object, column: int, first: int, last: int) -> None:
    """Merge a column's cells from row `first` to `last` (the text stays in the first)."""
    if last > first:
        top = table.cell(first, column)  # type: ignore[attr-defined]
        top.merge(table.cell(last, column))  # type: ignore[attr-defined]
        # python-docx moves the lower cells' (empty) paragraphs up: drop the empty ones
        for paragraph in list(top.paragraphs)[1:]:
            if not paragraph.text.strip() and not paragraph._p.xpath(".//w:sym"):
                paragraph._p.getparent().remove(paragraph._p)


def to_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
