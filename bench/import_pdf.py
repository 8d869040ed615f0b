"""`prongsai bench import`: importing PDFs in a warm process.

- a 10-page PDF with a text layer (tests/docimport/fixtures/plan_10pages.pdf, a plan of 21
  measures in Word tables exported by LibreOffice): median of several runs of
  `docimport.import_document`, target under 1 s;
- the same PDF through the previous reader (`pdftotext -layout` heuristics), for comparison;
- OCR: time per page of a scanned page (plan_word_table.scan.pdf, 150 dpi), excluded from
  the target.

Prints last the line `import pdf 10 pages median X s (target < 1 s); ocr Y s per page`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.common import median, timed

RUNS = 7
OCR_RUNS = 2
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "docimport" / "fixtures"


def run(write: object = print) -> None:
    from prongsai.docimport import extract, import_document
    from prongsai.docimport.parse import parse_text
    from prongsai.docimport.pdf_text import pdf_to_text

    out = print if write is print else write
    data = (FIXTURES / "plan_10pages.pdf").read_bytes()
    parsed = import_document(data)  # warm: imports, PDFium, regular expressions
    pages = extract(data).pages
    times = timed(lambda: import_document(data), RUNS)
    old = parse_text(pdf_to_text(data))
    old_times = timed(lambda: parse_text(pdf_to_text(data)), RUNS)
    out(  # type: ignore[operator]
        f"pdf, {pages} pages, {len(data):,} bytes: {len(parsed['measures'])} measures "
        f"(pdftotext -layout heuristics: {len(old['measures'])})"
    )
    out(  # type: ignore[operator]
        f"import (geometry): median {median(times):.3f} s over {RUNS} runs "
        f"(min {min(times):.3f}, max {max(times):.3f}); "
        f"{median(times) / pages * 1000:.0f} ms per page"
    )
    out(f"import (pdftotext -layout heuristics): median {median(old_times):.3f} s")  # type: ignore[operator]

    per_page = float("nan")
    if shutil.which("tesseract"):
        scan = (FIXTURES / "plan_word_table.scan.pdf").read_bytes()
        scan_pages = extract(scan).pages
        ocr_times = timed(lambda: extract(scan), OCR_RUNS)
        per_page = median(ocr_times) / scan_pages
        out(f"ocr: {scan_pages} scanned page(s), median {per_page:.2f} s per page")  # type: ignore[operator]
    else:
        out("ocr: tesseract missing (scripts/system-deps.sh installs it)")  # type: ignore[operator]
    out(  # type: ignore[operator]
        f"import pdf {pages} pages median {median(times):.3f} s (target < 1 s); "
        f"ocr {per_page:.2f} s per page"
    )
