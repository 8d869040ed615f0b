"""PDF → text through its text layer (poppler's `pdftotext -layout`, or pypdf if installed).

`-layout` keeps a table's columns at fixed character positions; they are turned back into
tab-separated lines by finding, on each page, where the columns start. A cell that wraps over
several lines gives several lines, with empty cells where other columns have nothing; the
parser merges such lines back into their row.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from bisect import bisect_right

from .errors import DocumentImportError

DEFAULT_TIMEOUT_SECONDS = 60
MAX_PAGES = 500
MIN_TEXT_CHARS = 20
_GAP = re.compile(r" {2,}")
_MAX_LAYOUT_LINE = 3_000


def pdf_to_text(data: bytes, *, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> str:
    if shutil.which("pdftotext"):
        raw = _pdftotext(data, timeout)
        text = layout_to_tsv(raw)
    else:
        text = _pypdf(data)
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        raise DocumentImportError(
            "pdf_no_text",
            "ไฟล์ PDF นี้ไม่มีชั้นข้อความ (อาจเป็นภาพสแกน) กรุณาใช้ไฟล์ DOCX ต้นฉบับ หรือทำ OCR ก่อน",
        )
    return text


def _pdftotext(data: bytes, timeout: float) -> str:
    return run_pdftotext(data, ["-layout", "-eol", "unix"], timeout).decode("utf-8", "replace")


def run_pdftotext(data: bytes, options: list[str], timeout: float) -> bytes:
    """poppler's pdftotext over `data` (stdin to stdout) with `options`, at most MAX_PAGES
    pages; its failures as DocumentImportError."""
    command = ["pdftotext", "-enc", "UTF-8", "-l", str(MAX_PAGES), *options, "-", "-"]
    try:
        completed = subprocess.run(  # noqa: S603 - fixed command, data on stdin
            command, input=data, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentImportError("pdf_timeout", "อ่านไฟล์ PDF นานเกินกำหนด จึงหยุดอ่าน") from exc
    except OSError as exc:
        raise DocumentImportError(
            "pdf_unsupported", "ระบบนี้ยังอ่านไฟล์ PDF ไม่ได้ (ไม่พบโปรแกรม pdftotext)"
        ) from exc
    stderr = completed.stderr.decode("utf-8", "replace").lower()
    if completed.returncode != 0:
        if "password" in stderr or "encrypt" in stderr:
            raise DocumentImportError("pdf_encrypted", "ไฟล์ PDF นี้ถูกตั้งรหัสผ่าน กรุณาเอารหัสผ่านออกก่อน")
        raise DocumentImportError("pdf_broken", "ไฟล์ PDF เสียหาย เปิดอ่านไม่ได้")
    return completed.stdout


def _pypdf(data: bytes) -> str:  # pragma: no cover - used only where poppler is absent
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:
        raise DocumentImportError(
            "pdf_unsupported", "ระบบนี้ยังอ่านไฟล์ PDF ไม่ได้ (ไม่พบ pdftotext หรือ pypdf)"
        ) from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentImportError("pdf_encrypted", "ไฟล์ PDF นี้ถูกตั้งรหัสผ่าน กรุณาเอารหัสผ่านออกก่อน")
        pages = [
            page.extract_text(extraction_mode="layout") or "" for page in reader.pages[:MAX_PAGES]
        ]
    except DocumentImportError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise DocumentImportError("pdf_broken", "ไฟล์ PDF เสียหาย เปิดอ่านไม่ได้") from exc
    return layout_to_tsv("\f".join(pages))


def _segments(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each run of text separated by two or more spaces."""
    found: list[tuple[int, str]] = []
    position = 0
    for gap in _GAP.finditer(line):
        if gap.start() > position:
            found.append((position, line[position : gap.start()]))
        position = gap.end()
    if position < len(line):
        found.append((position, line[position:]))
    return found


def _column_starts(rows: list[list[tuple[int, str]]]) -> list[int]:
    """Column start positions on a page: where segments of multi-column lines begin."""
    starts = sorted({start for segments in rows if len(segments) >= 3 for start, _ in segments})
    merged: list[int] = []
    for start in starts:
        if merged and start - merged[-1] <= 2:
            continue
        merged.append(start)
    return merged


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) index ranges of runs of non-blank lines."""
    blocks: list[tuple[int, int]] = []
    first: int | None = None
    for index, line in enumerate([*lines, ""]):
        if line.strip() and first is None:
            first = index
        elif not line.strip() and first is not None:
            blocks.append((first, index))
            first = None
    return blocks


def _aligned(segments: list[tuple[int, str]], columns: list[int]) -> bool:
    hits = sum(1 for start, _ in segments if any(abs(start - column) <= 1 for column in columns))
    return len(segments) >= 3 or (len(segments) >= 2 and hits >= 2)


def _fits(segments: list[tuple[int, str]], columns: list[int]) -> bool:
    """A lone run of text belongs to the table only when it stays inside one column; running
    text right under a table crosses the column borders."""
    if len(segments) != 1:
        return True
    start, text = segments[0]
    later = [column for column in columns if column > start + 1]
    return not later or start + len(text) < later[0] - 1


def layout_to_tsv(layout: str) -> str:
    """`pdftotext -layout` output → lines with tab-separated table cells.

    Runs of lines with at least one multi-column line are tables: each of their lines becomes a
    row whose cells sit in the page's columns (a line with only a first-column fragment keeps a
    trailing tab so it stays a row). Other lines are plain text, stripped.
    """
    out: list[str] = []
    for page in layout.split("\f"):
        lines = [line[:_MAX_LAYOUT_LINE].rstrip() for line in page.split("\n")]
        segmented = [_segments(line) for line in lines]
        columns = _column_starts(segmented)
        table_lines: set[int] = set()
        for first, end in _blocks(lines):
            if columns and any(_aligned(segmented[i], columns) for i in range(first, end)):
                table_lines.update(i for i in range(first, end) if _fits(segmented[i], columns))
        for index, (line, segments) in enumerate(zip(lines, segmented, strict=True)):
            if index not in table_lines:
                out.append(line.strip())
                continue
            cells: dict[int, list[str]] = {}
            for start, text in segments:
                column = max(bisect_right(columns, start + 1) - 1, 0)
                cells.setdefault(column, []).append(text.strip())
            width = max(cells) + 1
            row = [" ".join(cells.get(column, [])) for column in range(width)]
            out.append("\t".join(row) + ("\t" if width == 1 else ""))
    return "\n".join(out)
