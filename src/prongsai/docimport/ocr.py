"""Pages without a text layer (scans) read through Tesseract's Thai model.

Each page is rendered to a grey PNG with `pdftoppm` (poppler) and read by `tesseract - - -l
tha+eng` (Debian `tesseract-ocr` and `tesseract-ocr-tha`, installed by scripts/system-deps.sh);
both run as subprocesses with a time bound per page and for the whole document. Tesseract gives
lines, not table cells: the ruled tables are found in the page image and read cell by cell
(docimport/ocr_tables.py, decision 45), so that a scanned table meets the same grid and parser
as a text-layer PDF's. When every page is read, the whole document's text is corrected
(docimport/ocr_fix.py, decision 46: misread Thai words, years against the fiscal year, quarters,
noise). The result is marked as OCR (`Extracted.source == "ocr"`, `ocr_pages`)
so that the review shows it with a lower confidence.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

from .errors import DocumentImportError
from .pdf_tables import TableBlock, TextBlock
from .text import normalise_thai

OCR_DPI = 200
PAGE_TIMEOUT_SECONDS = 60.0
TOTAL_TIMEOUT_SECONDS = 300.0
MAX_OCR_PAGES = 40
LANGUAGES = "tha+eng"

_UNREADABLE = (
    "อ่านภาพสแกนในไฟล์ PDF นี้ไม่ได้ (ไม่พบข้อความที่อ่านออก) กรุณาใช้ไฟล์ DOCX ต้นฉบับหรือไฟล์ PDF ที่มีข้อความ"
)


def available() -> bool:
    return bool(shutil.which("tesseract") and shutil.which("pdftoppm"))


def _run(command: list[str], data: bytes, timeout: float) -> bytes:
    # One thread: Tesseract's OpenMP threads only fight over a shared server's cores.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        completed = subprocess.run(  # noqa: S603 - fixed commands, data on stdin
            command, input=data, capture_output=True, timeout=timeout, check=False, env=env
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentImportError(
            "ocr_timeout", "อ่านภาพสแกนในไฟล์ PDF นานเกินกำหนด จึงหยุดอ่าน กรุณาใช้ไฟล์ DOCX ต้นฉบับ"
        ) from exc
    except OSError as exc:
        raise DocumentImportError("ocr_unavailable", _missing_message()) from exc
    if completed.returncode != 0:
        raise DocumentImportError("ocr_failed", _UNREADABLE)
    return completed.stdout


def _missing_message() -> str:
    return (
        "ไฟล์ PDF นี้เป็นภาพสแกน และระบบนี้ยังอ่านภาพสแกนไม่ได้ (ไม่พบโปรแกรม tesseract) กรุณาใช้ไฟล์ DOCX ต้นฉบับ"
    )


def render_page(data: bytes, page: int, *, dpi: int = OCR_DPI, timeout: float) -> bytes:
    """PNG of one page (0-based), in grey."""
    number = str(page + 1)
    return _run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            number,
            "-l",
            number,
            "-",
        ],
        data,
        timeout,
    )


def ocr_image(png: bytes, *, timeout: float = PAGE_TIMEOUT_SECONDS) -> str:
    """The text Tesseract reads on one image."""
    out = _run(["tesseract", "-", "-", "-l", LANGUAGES, "--psm", "4"], png, timeout)
    return out.decode("utf-8", "replace")


def ocr_pages(
    data: bytes,
    pages: list[int],
    *,
    page_timeout: float = PAGE_TIMEOUT_SECONDS,
    total_timeout: float = TOTAL_TIMEOUT_SECONDS,
) -> dict[int, list[str]]:
    """The OCR lines of each page in `pages` (0-based), tables read cell by cell and written
    as tab-separated rows. Raises DocumentImportError when Tesseract is missing, times out or
    reads nothing at all."""
    out: dict[int, list[str]] = {}
    for page, blocks in ocr_page_blocks(
        data, pages, page_timeout=page_timeout, total_timeout=total_timeout
    ).items():
        out[page] = []
        for block in blocks:
            if isinstance(block, TableBlock):
                out[page].extend("\t".join(row) for row in block.rows)
            else:
                out[page].append(block.text)
    return out


def ocr_page_blocks(
    data: bytes,
    pages: list[int],
    *,
    page_timeout: float = PAGE_TIMEOUT_SECONDS,
    total_timeout: float = TOTAL_TIMEOUT_SECONDS,
) -> dict[int, list[TableBlock | TextBlock]]:
    """The blocks of each page in `pages` (0-based): the ruled tables found in the page image
    read cell by cell (docimport/ocr_tables.py), the other text as lines; a page without a
    ruled table is read whole, as lines. Raises DocumentImportError when Tesseract is missing,
    times out or reads nothing at all."""
    from . import ocr_fix, ocr_tables

    if not available():
        raise DocumentImportError("ocr_unavailable", _missing_message())
    if len(pages) > MAX_OCR_PAGES:
        raise DocumentImportError(
            "ocr_too_many_pages",
            f"ไฟล์ PDF นี้มีหน้าที่เป็นภาพสแกน {len(pages)} หน้า (อ่านได้ไม่เกิน {MAX_OCR_PAGES} หน้า) "
            "กรุณาใช้ไฟล์ DOCX ต้นฉบับ",
        )
    deadline = time.monotonic() + total_timeout
    out: dict[int, list[TableBlock | TextBlock]] = {}
    for page in pages:
        left = deadline - time.monotonic()
        if left <= 0:
            raise DocumentImportError(
                "ocr_timeout", "อ่านภาพสแกนในไฟล์ PDF นานเกินกำหนด จึงหยุดอ่าน กรุณาใช้ไฟล์ DOCX ต้นฉบับ"
            )
        png = render_page(data, page, timeout=min(page_timeout, left))
        timeout = min(page_timeout, max(deadline - time.monotonic(), 1.0))
        read = ocr_tables.read_with_tesseract(_run, LANGUAGES, timeout)
        blocks = ocr_tables.page_blocks(png, OCR_DPI, read)
        if blocks is None:
            text = ocr_image(png, timeout=timeout)
            lines = [normalise_thai(" ".join(line.split())) for line in text.splitlines()]
            blocks = [TextBlock(float(index), line) for index, line in enumerate(lines)]
        out[page] = blocks
    if sum(_visible(block) for blocks in out.values() for block in blocks) < 20:
        raise DocumentImportError("ocr_unreadable", _UNREADABLE)
    return ocr_fix.correct_document(out)


def _visible(block: TableBlock | TextBlock) -> int:
    if isinstance(block, TextBlock):
        return len("".join(block.text.split()))
    return sum(len("".join(cell.split())) for row in block.rows for cell in row)
