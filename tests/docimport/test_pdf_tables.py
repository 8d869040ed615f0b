"""PDF tables from the page's geometry, Thai normalisation and OCR of scanned pages, on the
fixtures scripts/make_pdf_fixtures.py writes (LibreOffice exports of Word tables, and scans)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from prongsai.docimport import DocumentImportError, extract, import_document
from prongsai.docimport.pdf_tables import join_wrapped
from prongsai.docimport.text import CELL_BREAK, MERGED_ABOVE, normalise_thai

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def needs(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: run `make test` (scripts/system-deps.sh installs it)")


# --- Thai normalisation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("ประจําปี", "ประจำปี"),  # decomposed sara am (nikhahit + sara aa)
        ("น\u0e49\u0e4d\u0e32", "น้ำ"),  # tone mark then the decomposed sara am
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),  # nikhahit before the tone mark
        ("ท\u0e48\u0e35", "ที่"),  # tone mark before the vowel above
        ("ก\u0e48\u0e48า", "ก่า"),  # a mark typed twice
        ("เเม่", "แม่"),  # sara e twice for sara ae
        ("ขั้ขั้นตอน", "ขั้นตอน"),  # a stacked cluster written twice
        ("ขั้ขึ้นตอน", "ขั้นตอน"),
        ("E-Service 2567", "E-Service 2567"),
    ],
)
def test_thai_text_from_pdfs_is_normalised(raw: str, clean: str) -> None:
    assert normalise_thai(raw) == clean


def test_wrapped_lines_join_and_items_start_paragraphs() -> None:
    lines = ["๑. จัดทำคู่มือการ", "ปฏิบัติงาน และเผยแพร่", "บนเว็บไซต์ E-", "Service", "2) ติดตามผล"]
    assert join_wrapped(lines) == (
        f"๑. จัดทำคู่มือการปฏิบัติงาน และเผยแพร่บนเว็บไซต์ E-Service{CELL_BREAK}2) ติดตามผล"
    )
    assert join_wrapped(["ตลอด", "ปีงบประมาณ", "พ.ศ. ๒๕๖๗"]) == "ตลอดปีงบประมาณพ.ศ. ๒๕๖๗"
    assert CELL_BREAK in join_wrapped(["ดำเนินการแล้ว", "๑๐ ธันวาคม ๒๕๖๖ ติดประกาศ"])


# --- tables from geometry --------------------------------------------------------------------


def test_word_table_exported_by_libreoffice_reads_as_its_cells() -> None:
    extracted = extract(read("plan_word_table.pdf"))
    assert extracted.source == "pdf-table-geometry"
    assert extracted.pages == 2 and extracted.table_pages == 2 and not extracted.ocr_pages
    rows = [line.split("\t") for line in extracted.text.splitlines() if "\t" in line]
    assert rows[0][:2] == ["ประเด็น", "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ"]
    assert rows[1][0] == f"{MERGED_ABOVE}ประเด็น"  # merged down over the two header rows
    first = next(row for row in rows if row[0].startswith("๑."))
    assert first[1].startswith("i1 ท่านทราบแนวปฏิบัติ")
    assert first[3].count(CELL_BREAK) == 2  # three numbered steps, apart
    parsed = import_document(read("plan_word_table.pdf"))
    assert parsed["kind"] == "plan" and parsed["fiscal_year"] == 2567
    assert parsed["organization"]["name"] == "โคกสำราญใต้"
    assert [m["question_codes"] for m in parsed["measures"]] == [["i1"], ["i7"], ["i13"], ["i19"]]
    assert all(len(m["steps"]) == 3 for m in parsed["measures"])
    assert parsed["measures"][0]["responsible"] == "กองคลัง"


def test_ten_page_table_keeps_every_row_across_page_breaks() -> None:
    parsed = import_document(read("plan_10pages.pdf"))
    assert len(parsed["measures"]) == 21
    assert all(len(m["steps"]) == 3 for m in parsed["measures"])
    assert [m["question_codes"][0] for m in parsed["measures"]][:12] == [
        "i1", "i7", "i13", "i19", "i25", "e4", "e8", "e13", "o1", "o10", "o33", "o36"
    ]  # fmt: skip


# --- scanned pages ---------------------------------------------------------------------------


def test_scanned_page_is_read_by_ocr_and_marked() -> None:
    needs("tesseract")
    needs("pdftoppm")
    extracted = extract(read("plan_header.scan.pdf"))
    assert extracted.source == "ocr" and extracted.ocr_pages == [1] and extracted.ocr
    assert any("OCR" in warning for warning in extracted.warnings)
    # Tesseract writes sara am decomposed; the normaliser composes it, so the name matches.
    assert "องค์การบริหารส่วนตำบลโคกสำราญใต้" in extracted.text
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส" in extracted.text


def test_a_scanned_page_among_text_pages_is_the_only_one_ocr_reads() -> None:
    needs("tesseract")
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(read("plan_word_table.pdf")), [0])
    mixed.import_pages(pdfium.PdfDocument(read("plan_header.scan.pdf")), [0])
    out = io.BytesIO()
    mixed.save(out)
    extracted = extract(out.getvalue())
    assert extracted.pages == 2 and extracted.ocr_pages == [2]
    assert extracted.source == "pdf-table-geometry"


def test_a_scan_with_nothing_readable_gets_a_thai_message() -> None:
    needs("tesseract")
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (600, 800), 255).save(out, "PDF", resolution=100)
    with pytest.raises(DocumentImportError) as caught:
        extract(out.getvalue())
    assert caught.value.code == "ocr_unreadable"
    assert "อ่านภาพสแกน" in caught.value.message


def test_ocr_that_runs_too_long_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    run = subprocess.run

    def hang(command: list[str], *args: object, **kwargs: object) -> object:
        if command[0] == "tesseract":
            raise subprocess.TimeoutExpired(cmd="tesseract", timeout=1)
        return run(command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("prongsai.docimport.ocr.subprocess.run", hang)
    monkeypatch.setattr("prongsai.docimport.ocr.available", lambda: True)
    with pytest.raises(DocumentImportError) as caught:
        extract(read("plan_header.scan.pdf"))
    assert caught.value.code == "ocr_timeout"
    assert "นานเกินกำหนด" in caught.value.message
