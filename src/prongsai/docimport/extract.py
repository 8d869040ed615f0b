"""File bytes → text. The type is told by content (magic bytes), never by the file name.

DOCX (python-docx, after zip checks), PDF and plain text (UTF-8, UTF-16, TIS-620/cp874, HTML
fragments allowed). Every failure raises `DocumentImportError` with a Thai message and a stable
code; every step does bounded work.

PDF: tables are rebuilt from the page's geometry (docimport/pdf_tables.py), pages without ruling
lines go through the column positions of `pdftotext -layout` (pdf_text.py), pages without a text
layer through Tesseract (docimport/ocr.py). What `Extracted` says about where its text came from,
for the confidence of each part:

    pages      number of pages (PDF; 1 for DOCX and text)
    ocr_pages  1-based numbers of the pages read by OCR (lower confidence: letters may be
               misread; ruled tables are read cell by cell from the lines in the image)
    source     "docx", "text", "html", or for a PDF: "pdf-table-geometry" (at least one ruled table
               read from its cells), "pdf-text" (text layer, no ruled table: lines and column
               positions), "ocr" (every page with text came from OCR)
    table_pages  pages (PDF) where a ruled table was read from its cells (scanned pages too)
    structured   (property) the table rows are the document's own rows: "docx",
               "pdf-table-geometry", and "ocr" when a ruled table was found in the images
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field

from .docx_text import ZipLimits, docx_to_text
from .errors import DocumentImportError
from .html_text import html_to_text, looks_like_html
from .pdf_tables import TableBlock, TextBlock, read_pages
from .pdf_text import DEFAULT_TIMEOUT_SECONDS, MIN_TEXT_CHARS, pdf_to_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Formats we recognise only to refuse with a helpful message.
_REFUSED: tuple[tuple[bytes, str, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "legacy_office",
        "ไฟล์นี้เป็นเอกสาร Word/Excel รุ่นเก่า (.doc/.xls) หรือไฟล์ที่ตั้งรหัสผ่าน กรุณาบันทึกเป็น DOCX ก่อน",
    ),
    (b"{\\rtf", "rtf", "ไฟล์นี้เป็น RTF กรุณาบันทึกเป็น DOCX ก่อน"),
    (b"\x89PNG", "image", "ไฟล์นี้เป็นรูปภาพ (PNG) ไม่ใช่เอกสาร กรุณาใช้ไฟล์ DOCX หรือ PDF"),
    (b"\xff\xd8\xff", "image", "ไฟล์นี้เป็นรูปภาพ (JPEG) ไม่ใช่เอกสาร กรุณาใช้ไฟล์ DOCX หรือ PDF"),
    (b"GIF8", "image", "ไฟล์นี้เป็นรูปภาพ (GIF) ไม่ใช่เอกสาร กรุณาใช้ไฟล์ DOCX หรือ PDF"),
    (b"II*\x00", "image", "ไฟล์นี้เป็นรูปภาพ (TIFF) ไม่ใช่เอกสาร กรุณาใช้ไฟล์ DOCX หรือ PDF"),
    (b"MM\x00*", "image", "ไฟล์นี้เป็นรูปภาพ (TIFF) ไม่ใช่เอกสาร กรุณาใช้ไฟล์ DOCX หรือ PDF"),
    (b"\x1f\x8b", "archive", "ไฟล์นี้เป็นไฟล์บีบอัด (gzip) ไม่ใช่เอกสาร"),
    (b"7z\xbc\xaf\x27\x1c", "archive", "ไฟล์นี้เป็นไฟล์บีบอัด (7z) ไม่ใช่เอกสาร"),
    (b"Rar!", "archive", "ไฟล์นี้เป็นไฟล์บีบอัด (RAR) ไม่ใช่เอกสาร"),
    (b"%!PS", "postscript", "ไฟล์นี้เป็น PostScript กรุณาแปลงเป็น PDF ก่อน"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass
class Extracted:
    text: str
    format: str  # "docx", "pdf", "html" (a web page) or "text"
    encoding: str | None = None  # for plain text
    warnings: list[str] = field(default_factory=list)
    pages: int = 1
    ocr_pages: list[int] = field(default_factory=list)
    source: str = ""  # "docx", "text", "pdf-table-geometry", "pdf-text" or "ocr"
    table_pages: int = 0

    @property
    def structured(self) -> bool:
        """The table rows are the document's own rows (DOCX, or PDF cells from ruling lines,
        drawn or found in a scanned page's image), so the parser never joins two rows' cells
        into one item."""
        if self.source == "ocr":  # scanned: rows from the ruling lines in the image
            return self.table_pages > 0
        return self.source in ("docx", "pdf-table-geometry")

    @property
    def ocr(self) -> bool:
        """Some of the text was read by OCR."""
        return bool(self.ocr_pages)


def detect_format(data: bytes) -> str:
    """ "docx", "pdf" or "text"; anything else raises DocumentImportError."""
    head = data[:2048]
    if head.startswith(_ZIP_MAGIC):
        return "docx"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, _code, message in _REFUSED:
        if head.startswith(magic):
            raise DocumentImportError("unsupported_type", message)
    return "text"


def extract(
    data: bytes,
    filename: str = "",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    pdf_timeout: float = DEFAULT_TIMEOUT_SECONDS,
    zip_limits: ZipLimits | None = None,
) -> Extracted:
    """The text of a document. `filename` is only used in messages."""
    del filename  # the content decides the type
    if not isinstance(data, bytes | bytearray | memoryview):
        raise DocumentImportError("unsupported_type", "ข้อมูลที่ส่งมาไม่ใช่ไฟล์")
    data = bytes(data)
    if not data.strip():
        raise DocumentImportError("empty", "ไฟล์ว่างเปล่า ไม่มีเนื้อหา")
    if len(data) > max_bytes:
        raise DocumentImportError(
            "too_large",
            f"ไฟล์ใหญ่เกินกำหนด ({len(data) / 1_048_576:.1f} MB; "
            f"รับได้ไม่เกิน {max_bytes / 1_048_576:.0f} MB)",
        )
    kind = detect_format(data)
    if kind == "docx":
        text = docx_to_text(data, zip_limits)
        result = Extracted(text, "docx", source="docx")
    elif kind == "pdf":
        result = extract_pdf(data, timeout=pdf_timeout)
    else:
        text, encoding = decode_text(data)
        if looks_like_html(data):
            result = Extracted(html_to_text(text), "html", encoding, source="html")
        else:
            result = Extracted(text, "text", encoding, source="text")
    if not result.text.strip():
        raise DocumentImportError("empty", "ไม่พบข้อความในเอกสาร")
    return result


def extract_pdf(data: bytes, *, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> Extracted:
    """A PDF's text: geometry first; `pdf_text.pdf_to_text` when PDFium cannot open it."""
    from . import ocr

    failed: list[DocumentImportError] = []

    def read_scans(pdf: bytes, pages: list[int]) -> dict[int, list[TableBlock | TextBlock]]:
        try:
            return ocr.ocr_page_blocks(pdf, pages)
        except DocumentImportError as error:
            failed.append(error)
            return {}

    try:
        read = read_pages(data, timeout=timeout, ocr=read_scans)
    except DocumentImportError as error:
        if error.code != "pdf_broken":
            raise
        # PDFium refused it; poppler is more lenient with damaged files.
        return Extracted(pdf_to_text(data, timeout=timeout), "pdf", source="pdf-text")
    ocr_pages = [page + 1 for page in read.empty]
    warnings: list[str] = []
    if ocr_pages:
        pages_text = ", ".join(str(page) for page in ocr_pages)
        tables = "อ่านตารางจากเส้นตารางในภาพทีละช่อง" if read.table_pages else "ไม่พบเส้นตาราง"
        warnings.append(
            f"หน้า {pages_text} เป็นภาพสแกน อ่านด้วยโปรแกรมอ่านภาพ (OCR; {tables}) "
            "ข้อความอาจผิดพลาด กรุณาตรวจทานทุกช่อง"
        )
    if ocr_pages and len(ocr_pages) == read.pages:
        source = "ocr"
    elif read.table_pages:
        source = "pdf-table-geometry"
    else:
        source = "pdf-text"
    text = "\n".join(read.lines)
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        if failed:
            raise failed[0]
        raise DocumentImportError(
            "pdf_no_text",
            "ไฟล์ PDF นี้ไม่มีข้อความที่อ่านได้ (อาจเป็นภาพสแกนที่อ่านไม่ออก) กรุณาใช้ไฟล์ DOCX ต้นฉบับ",
        )
    warnings.extend(error.message for error in failed)
    return Extracted(
        text,
        "pdf",
        warnings=warnings,
        pages=read.pages,
        ocr_pages=ocr_pages,
        source=source,
        table_pages=read.table_pages,
    )


def extract_text(data: bytes, filename: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    return extract(data, filename, max_bytes=max_bytes).text


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte looks like the high byte of Thai or ASCII."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    high_odd = sum(1 for b in sample[1::2] if b in (0x00, 0x0E))
    high_even = sum(1 for b in sample[0::2] if b in (0x00, 0x0E))
    half = len(sample) // 2
    if high_odd >= 0.9 * half and high_even < 0.5 * half:
        return "utf-16-le"
    if high_even >= 0.9 * half and high_odd < 0.5 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) of plain text; binary data raises DocumentImportError."""
    attempts: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        attempts.append("utf-8-sig")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        attempts.append("utf-16")
    elif guessed := _utf16_without_bom(data):
        attempts.append(guessed)
    attempts += ["utf-8", "cp874"]
    for encoding in attempts:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, ValueError):
            continue
        if encoding == "cp874" and not _looks_thai(text):
            continue
        if _looks_binary(text):
            break
        return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
    raise DocumentImportError(
        "unsupported_type",
        "ไม่รู้จักชนิดไฟล์นี้ (ไม่ใช่ DOCX, PDF หรือข้อความ) กรุณาใช้ไฟล์ DOCX หรือ PDF",
    )


def _looks_thai(text: str) -> bool:
    """A cp874 reading is right when almost all non-ASCII characters are Thai."""
    non_ascii = [ch for ch in text[:20_000] if ord(ch) > 0x7F]
    if not non_ascii:
        return True
    thai = sum(1 for ch in non_ascii if "\u0e00" <= ch <= "\u0e7f")
    return thai >= 0.9 * len(non_ascii)


def _looks_binary(text: str) -> bool:
    sample = text[:50_000]
    if "\x00" in sample:
        return True
    odd = sum(1 for ch in sample if _is_odd(ch))
    return odd > max(2, len(sample) // 200)


def _is_odd(ch: str) -> bool:
    """A character no text document contains: controls, unassigned, stray private use
    (except the Wingdings and Thai glyph ranges that real exports carry), U+FFFD."""
    if ch in _ALLOWED_CONTROLS:
        return False
    if "\uf000" <= ch <= "\uf0ff" or "\uf700" <= ch <= "\uf71a":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
