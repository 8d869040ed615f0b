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

MAX_ENTRIES = 2_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_XML_MEMBER_BYTES = 60 * 1024 * 1024
MAX_RATIO = 150  # declared size / compressed size, for members over 1 MB
MAX_OUTPUT_CHARS = 5_000_000
_MAIN_DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SYMBOLS = {"F0FE": "☑", "F0A8": "☐", "F06F": "☐", "F078": "☒", "F0FC": "✓", "F0FB": "✗"}


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
    try:
        for line in _body_lines(document.element.body):
            lines.append(line)
            size += len(line) + 1
            if size > MAX_OUTPUT_CHARS:
                break
    except (AttributeError, ValueError, TypeError) as exc:
        raise DocumentImportError("bad_docx", "ไฟล์ DOCX เสียหายหรือไม่ใช่เอกสาร Word ที่อ่านได้") from exc
    return "\n".join(lines)


def _body_lines(body: Any) -> Iterator[str]:
    for child in _children(body):
        tag = child.tag
        if tag == f"{W}p":
            yield _paragraph_text(child, in_cell=False)
        elif tag == f"{W}tbl":
            yield from _table_lines(child)
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_lines(content)


def _children(element: Any) -> list[Any]:
    return [child for child in element if isinstance(child.tag, str)]


def _paragraph_text(paragraph: Any, *, in_cell: bool) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append(" " if in_cell else "\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append(" " if in_cell else "\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}sym":
            code = (node.get(f"{W}char") or "").upper()
            parts.append(_SYMBOLS.get(code, ""))
    return "".join(parts)


def _cell_text(cell: Any) -> str:
    parts: list[str] = []
    for child in _children(cell):
        if child.tag == f"{W}p":
            parts.append(_paragraph_text(child, in_cell=True))
        elif child.tag == f"{W}tbl":
            parts.extend(line.replace("\t", " ") for line in _table_lines(child))
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                parts.append(_cell_text(content))
    text = " ".join(part.strip() for part in parts if part.strip())
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _direct(element: Any, tag: str) -> Iterator[Any]:
    """Children with `tag`, looking through content controls (w:sdt/w:sdtContent)."""
    for child in _children(element):
        if child.tag == tag:
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _direct(content, tag)


def _table_lines(table: Any) -> Iterator[str]:
    """Each row as one tab-separated line; a vertically merged cell is written once (the rows
    below get an empty cell) and a horizontally merged one keeps its grid columns empty."""
    for row in _direct(table, f"{W}tr"):
        cells: list[str] = []
        for cell in _direct(row, f"{W}tc"):
            properties = cell.find(f"{W}tcPr")
            span = 1
            continued = False
            if properties is not None:
                grid = properties.find(f"{W}gridSpan")
                if grid is not None:
                    try:
                        span = max(1, min(int(grid.get(f"{W}val") or 1), 50))
                    except ValueError:
                        span = 1
                merge = properties.find(f"{W}vMerge")
                continued = merge is not None and (merge.get(f"{W}val") or "continue") == "continue"
            cells.append("" if continued else _cell_text(cell))
            cells.extend([""] * (span - 1))
        yield "\t".join(cells)
