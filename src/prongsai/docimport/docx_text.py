"""DOCX → text: paragraphs and tables in document order, table rows as tab-separated lines.

The zip is checked before python-docx (and lxml) touch it: entry count, declared sizes and
compression ratios are capped (zipfile never inflates past a member's declared size, so the
declared sizes bound the work), and XML with a DTD is refused. lxml refuses nesting deeper than
256 levels by itself; that refusal is reported as `xml_too_deep`.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from prongsai.core.zips import BROKEN_ZIP

from .errors import DocumentImportError
from .text import CELL_BREAK, MERGED_ABOVE

MAX_ENTRIES = 2_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_XML_MEMBER_BYTES = 60 * 1024 * 1024
MAX_RATIO = 150  # declared size / compressed size, for members over 1 MB
MAX_OUTPUT_CHARS = 5_000_000
_MAIN_DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Checkbox and tick glyphs of the symbol fonts Word uses, by font and character code (the code
# as Word writes it in w:sym/@w:char, or the character of a w:t run set in that font).
_WINGDINGS = {0xFE: "☑", 0xA8: "☐", 0x6F: "☐", 0x71: "☐", 0x78: "☒", 0xFD: "☒", 0xFC: "✓",
              0xFB: "✗", 0x9F: "•", 0xA7: "▪", 0x6C: "●", 0xD8: "➢", 0x76: "❖",
              0xA1: "☐"}  # fmt: skip
_WINGDINGS_2 = {0x50: "✓", 0x4F: "✗", 0x51: "✗", 0x52: "☑", 0x53: "☒", 0x54: "☒",
                0xA3: "☐", 0x30: "☐", 0x2A: "☐"}  # fmt: skip
_SYMBOL = {0xD6: "✓", 0xB7: "•", 0xA8: "☐", 0xF0: "☐", 0x6F: "☐"}
_FONT_GLYPHS: dict[str, dict[int, str]] = {
    "wingdings": _WINGDINGS,
    "wingdings 2": _WINGDINGS_2,
    "symbol": _SYMBOL,
}
_SYMBOLS = {f"{code + 0xF000:04X}": glyph for code, glyph in _WINGDINGS.items()}


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = MAX_ENTRIES
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES
    max_xml_member_bytes: int = MAX_XML_MEMBER_BYTES
    max_ratio: int = MAX_RATIO


def _broken(detail: str = "") -> DocumentImportError:
    return DocumentImportError(
        "broken_zip", "ไฟล์ DOCX เสียหาย เปิดอ่านไม่ได้" + (f" ({detail})" if detail else "")
    )


def open_checked_zip(data: bytes, limits: ZipLimits) -> zipfile.ZipFile:
    """The zip, after checking it is a safe DOCX to hand to python-docx."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except BROKEN_ZIP as exc:
        raise _broken() from exc
    if len(infos) > limits.max_entries:
        raise DocumentImportError(
            "zip_bomb", f"ไฟล์ DOCX มีส่วนประกอบมากผิดปกติ ({len(infos)} ส่วน) จึงไม่เปิดอ่าน"
        )
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        if "xl/workbook.xml" in names:
            raise DocumentImportError("not_docx", "ไฟล์นี้เป็นไฟล์ Excel ไม่ใช่ไฟล์ Word (DOCX)")
        if "mimetype" in names:
            raise DocumentImportError("not_docx", "ไฟล์นี้เป็นไฟล์ OpenDocument กรุณาบันทึกเป็น DOCX ก่อน")
        raise DocumentImportError("not_docx", "ไฟล์นี้เป็นไฟล์ zip ที่ไม่ใช่เอกสาร Word (DOCX)")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise DocumentImportError("encrypted", "ไฟล์ DOCX นี้ถูกตั้งรหัสผ่าน กรุณาเอารหัสผ่านออกก่อน")
        total += info.file_size
        big = info.file_size > 1024 * 1024
        ratio = info.file_size / max(info.compress_size, 1)
        is_xml = info.filename.endswith((".xml", ".rels"))
        if (
            total > limits.max_unzipped_bytes
            or (is_xml and info.file_size > limits.max_xml_member_bytes)
            or (big and ratio > limits.max_ratio)
        ):
            raise DocumentImportError(
                "zip_bomb", "ไฟล์ DOCX ขยายตัวใหญ่ผิดปกติเมื่อแตกไฟล์ (อาจเป็น zip bomb) จึงไม่เปิดอ่าน"
            )
    try:
        content_types = archive.read("[Content_Types].xml")
        if b"spreadsheetml" in content_types and _MAIN_DOCUMENT_TYPE not in content_types:
            raise DocumentImportError("not_docx", "ไฟล์นี้เป็นไฟล์ Excel ไม่ใช่ไฟล์ Word (DOCX)")
        if b"presentationml" in content_types and _MAIN_DOCUMENT_TYPE not in content_types:
            raise DocumentImportError("not_docx", "ไฟล์นี้เป็นไฟล์ PowerPoint ไม่ใช่ไฟล์ Word (DOCX)")
        if _MAIN_DOCUMENT_TYPE not in content_types:
            raise DocumentImportError("not_docx", "ไม่พบเนื้อเอกสาร Word ในไฟล์นี้")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                head = archive.read(info)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise DocumentImportError(
                        "bad_xml", "ไฟล์ DOCX มีโครงสร้าง XML ที่ไม่อนุญาต (DTD/ENTITY)"
                    )
    except DocumentImportError:
        raise
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        zlib.error,
    ) as exc:
        raise _broken() from exc
    return archive


def docx_to_text(data: bytes, limits: ZipLimits | None = None) -> str:
    limits = limits or ZipLimits()
    open_checked_zip(data, limits).close()
    try:
        import docx
        from lxml import etree
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise DocumentImportError("docx_unsupported", "ระบบนี้ยังอ่านไฟล์ DOCX ไม่ได้") from exc
    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise DocumentImportError(
                "xml_too_deep", "ไฟล์ DOCX มีโครงสร้างซ้อนกันลึกผิดปกติ จึงไม่เปิดอ่าน"
            ) from exc
        raise DocumentImportError("bad_xml", "ไฟล์ DOCX มีเนื้อหา XML เสียหาย") from exc
    except Exception as exc:  # python-docx raises many kinds on damaged packages
        raise DocumentImportError("bad_docx", "ไฟล์ DOCX เสียหายหรือไม่ใช่เอกสาร Word ที่อ่านได้") from exc
    lines: list[str] = []
    size = 0
    reader = _Reader(numbering)
    try:
        for line in reader.body_lines(document.element.body):
            lines.append(line)
            size += len(line) + 1
            if size > MAX_OUTPUT_CHARS:
                break
    except (AttributeError, ValueError, TypeError) as exc:
        raise DocumentImportError("bad_docx", "ไฟล์ DOCX เสียหายหรือไม่ใช่เอกสาร Word ที่อ่านได้") from exc
    return "\n".join(lines)


def _children(element: Any) -> list[Any]:
    return [child for child in element if isinstance(child.tag, str)]


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


def _format_number(value: int, fmt: str) -> str:
    if fmt == "thaiNumbers":
        return str(value).translate(_THAI_DIGITS)
    if fmt == "thaiLetters":
        return _THAI_LETTERS[(value - 1) % len(_THAI_LETTERS)]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number and len(out) < 20:
            out += letters
            value -= number
    return out


class _Numbering:
    """Word's automatic numbering (numbering.xml): the label each w:numPr paragraph shows."""

    MAX_LEVELS = 9

    def __init__(self, document: Any) -> None:
        # numId → level → (format, text pattern, start)
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for level in node.findall(f"{W}lvl"):
                index = _int(level.get(f"{W}ilvl"))
                fmt = level.find(f"{W}numFmt")
                text = level.find(f"{W}lvlText")
                start = level.find(f"{W}start")
                levels[index] = (
                    (fmt.get(f"{W}val") if fmt is not None else None) or "decimal",
                    (text.get(f"{W}val") if text is not None else None) or "",
                    _int(start.get(f"{W}val") if start is not None else None, 1),
                )
            abstract[node.get(f"{W}abstractNumId") or ""] = levels
        for node in root.findall(f"{W}num"):
            link = node.find(f"{W}abstractNumId")
            if link is not None:
                self.levels[node.get(f"{W}numId") or ""] = abstract.get(
                    link.get(f"{W}val") or "", {}
                )

    def label(self, paragraph: Any) -> str:
        properties = paragraph.find(f"{W}pPr")
        number = properties.find(f"{W}numPr") if properties is not None else None
        if number is None:
            return ""
        num_id_node = number.find(f"{W}numId")
        level_node = number.find(f"{W}ilvl")
        num_id = num_id_node.get(f"{W}val") if num_id_node is not None else None
        if not num_id or num_id == "0":
            return ""
        level = min(max(_int(level_node.get(f"{W}val") if level_node is not None else None), 0), 8)
        levels = self.levels.get(num_id, {})
        fmt, pattern, _start = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(
            num_id, [levels.get(i, ("", "", 1))[2] - 1 for i in range(self.MAX_LEVELS)]
        )
        counters[level] += 1
        for deeper in range(level + 1, self.MAX_LEVELS):
            counters[deeper] = levels.get(deeper, ("", "", 1))[2] - 1
        text = pattern
        for index in range(self.MAX_LEVELS):
            if f"%{index + 1}" in text:
                shown = max(counters[index], 1)
                level_fmt = levels.get(index, (fmt, "", 1))[0]
                text = text.replace(f"%{index + 1}", _format_number(shown, level_fmt))
        return f"{text} " if text.strip() else ""


def _run_font(run: Any) -> str:
    properties = run.find(f"{W}rPr")
    fonts = properties.find(f"{W}rFonts") if properties is not None else None
    if fonts is None:
        return ""
    for attribute in ("ascii", "hAnsi", "cs"):
        value = fonts.get(f"{W}{attribute}")
        if value:
            return value.strip().lower()
    return ""


def _glyph(font: str, code: int) -> str | None:
    table = _FONT_GLYPHS.get(font)
    if table is None:
        return None
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    return table.get(code, "")


def _symbol_text(node: Any) -> str:
    font = (node.get(f"{W}font") or "").strip().lower()
    raw = (node.get(f"{W}char") or "").upper()
    try:
        code = int(raw, 16)
    except ValueError:
        return ""
    glyph = _glyph(font, code) if font else None
    if glyph is None:
        glyph = _SYMBOLS.get(raw, "")
    return glyph


def _font_text(text: str, font: str) -> str:
    """A w:t run set in a symbol font: its letters are glyph codes ("þ" is a ticked box)."""
    if font not in _FONT_GLYPHS:
        return text
    return "".join(
        _glyph(font, ord(ch)) or "" if ord(ch) < 0x100 or 0xF000 <= ord(ch) <= 0xF0FF else ch
        for ch in text
    )


class _Reader:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering

    def body_lines(self, body: Any) -> Iterator[str]:
        for child in _children(body):
            tag = child.tag
            if tag == f"{W}p":
                yield self.paragraph_text(child, in_cell=False)
            elif tag == f"{W}tbl":
                yield from self.table_lines(child)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    yield from self.body_lines(content)

    def paragraph_text(self, paragraph: Any, *, in_cell: bool) -> str:
        parts: list[str] = [self.numbering.label(paragraph)]
        for node in paragraph.iter():
            tag = node.tag
            if tag == f"{W}t":
                text = node.text or ""
                parent = node.getparent()
                if text and parent is not None and parent.tag == f"{W}r":
                    text = _font_text(text, _run_font(parent))
                parts.append(text)
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append(" " if in_cell else "\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append(CELL_BREAK if in_cell else "\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}sym":
                parts.append(_symbol_text(node))
        return "".join(parts)

    def cell_parts(self, cell: Any) -> list[str]:
        parts: list[str] = []
        for child in _children(cell):
            if child.tag == f"{W}p":
                parts.append(self.paragraph_text(child, in_cell=True))
            elif child.tag == f"{W}tbl":
                parts.extend(line.replace("\t", " ") for line in self.table_lines(child))
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    parts.extend(self.cell_parts(content))
        return parts

    def cell_text(self, cell: Any) -> str:
        """The cell's paragraphs, kept apart by CELL_BREAK."""
        paragraphs: list[str] = []
        for part in self.cell_parts(cell):
            for piece in part.split(CELL_BREAK):
                piece = piece.replace("\t", " ").replace("\n", " ").replace("\r", " ")
                piece = piece.replace(MERGED_ABOVE, "").strip()
                if piece:
                    paragraphs.append(piece)
        return CELL_BREAK.join(paragraphs)

    def table_lines(self, table: Any) -> Iterator[str]:
        """Each row as one tab-separated line. A vertically merged cell is repeated in every
        row it spans, marked MERGED_ABOVE in the rows after its first; a horizontally merged
        one keeps its grid columns empty."""
        above: dict[int, str] = {}  # grid column → text of the merged cell that starts there
        for row in _direct(table, f"{W}tr"):
            cells: list[str] = []
            for cell in _direct(row, f"{W}tc"):
                properties = cell.find(f"{W}tcPr")
                span = 1
                merge_value: str | None = None
                if properties is not None:
                    grid = properties.find(f"{W}gridSpan")
                    if grid is not None:
                        span = max(1, min(_int(grid.get(f"{W}val"), 1), 50))
                    merge = properties.find(f"{W}vMerge")
                    if merge is not None:
                        merge_value = merge.get(f"{W}val") or "continue"
                column = len(cells)
                if merge_value == "continue":
                    origin = above.get(column, "")
                    cells.append(f"{MERGED_ABOVE}{origin}" if origin else "")
                else:
                    text = self.cell_text(cell)
                    if merge_value == "restart":
                        above[column] = text
                    else:
                        above.pop(column, None)
                    cells.append(text)
                cells.extend([""] * (span - 1))
            yield "\t".join(cells)


def _direct(element: Any, tag: str) -> Iterator[Any]:
    """Children with `tag`, looking through content controls (w:sdt/w:sdtContent)."""
    for child in _children(element):
        if child.tag == tag:
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _direct(content, tag)
