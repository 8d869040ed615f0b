"""Scanned tables: ruling lines found in the page image, cells read one by one (decision 45)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from prongsai.docimport.ocr_tables import clean_ocr_line, page_blocks, page_crops, ruling_edges
from prongsai.docimport.pdf_tables import TableBlock, TextBlock
from prongsai.docimport.text import CELL_BREAK

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
DPI = 200


def ruled_page(skew_every: int = 0) -> np.ndarray:
    """A white page with a 3-column, 3-row ruled table and ink in some cells; `skew_every`:
    the horizontal rules step down a pixel every so many pixels (a skewed scan)."""
    page = np.full((1000, 800), 255, dtype=np.uint8)
    xs, ys = [100, 300, 500, 700], [200, 300, 400, 500]
    for y in ys:
        for x in range(xs[0], xs[-1] + 1):
            step = x // skew_every if skew_every else 0
            page[y + step : y + step + 2, x] = 0
    for x in xs:
        page[ys[0] : ys[-1] + 2, x : x + 2] = 0
    page[240:260, 150:250] = 0  # "text" in row 0, column 0
    page[440:460, 550:650] = 0  # and in row 2, column 2
    page[80:100, 100:400] = 60  # a line of text above the table (grey, short strokes below)
    page[80:100, 100:400:6] = 255
    return page


def test_ruling_lines_in_a_page_image_give_the_table_grid() -> None:
    found = page_crops(ruled_page(), DPI)
    assert found is not None
    grids, crops = found
    assert len(grids) == 1
    cells = grids[0]
    assert {(c.row, c.col) for c in cells} == {(r, c) for r in range(3) for c in range(3)}
    # two inked cells and the band of text above the table: nothing else is read
    assert sorted((c.cell.row, c.cell.col) for c in crops if c.cell) == [(0, 0), (2, 2)]
    assert sum(1 for c in crops if c.cell is None) == 1


def test_a_slightly_skewed_scan_keeps_its_ruling_lines() -> None:
    edges = ruling_edges(ruled_page(skew_every=200), DPI)
    long_rules = [e for e in edges if e["orientation"] == "h" and e["width"] > 150]
    assert long_rules  # a rule that drops a pixel every 200 px is still one long line


def test_a_page_without_rules_has_no_table() -> None:
    page = np.full((1000, 800), 255, dtype=np.uint8)
    page[80:100, 100:400] = 0
    assert page_crops(page, DPI) is None


def test_cells_read_by_ocr_become_table_rows_in_their_grid_positions() -> None:
    out = io.BytesIO()
    Image.fromarray(ruled_page()).save(out, "PNG")
    texts = iter(["1. ประเด็น\nการกำกับ\n2) ขั้นตอน", "กองคลัง", "มาตรการส่งเสริมคุณธรรม"])

    def read(pngs: list[bytes]) -> list[str]:
        return [next(texts) for _ in pngs]

    blocks = page_blocks(out.getvalue(), DPI, read)
    assert blocks is not None
    assert isinstance(blocks[0], TextBlock) and blocks[0].text == "มาตรการส่งเสริมคุณธรรม"
    table = blocks[1]
    assert isinstance(table, TableBlock)
    # the cell's lines joined as a text-layer cell's: wrapped line on, an item apart
    assert table.rows[0][0] == f"1. ประเด็นการกำกับ{CELL_BREAK}2) ขั้นตอน"
    assert table.rows[2][2] == "กองคลัง" and table.rows[1] == ["", "", ""]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("การเปิดเผยข้อมูลบน ๕ ๕", "การเปิดเผยข้อมูลบน ๕ ๕"),  # digits inside a line stay
        ("๕ ๕", ""),  # a line of lone digits: the marks of the line below
        ("ลง a ซ่เว็บไซต์", "ลง ซ่เว็บไซต์"),
        ("Integrity and Transparency", "Integrity and Transparency"),
        ("๑          ทำคู่มือ", "• ทำคู่มือ"),  # a bullet read as the digit one
        ("+ เผยแพร่", "• เผยแพร่"),
        ("๑ ตุลาคม ๒๕๖๖", "๑ ตุลาคม ๒๕๖๖"),  # a date, not a bullet
        ("๑. ตุลาคม", "๑. ตุลาคม"),
        ("<๒0>3.ช่องทางและรูปแบบ</0>", "3.ช่องทางและรูปแบบ"),  # a pasted "<p>" as OCR reads it
        ("</0><«<0>กองคลัง</0>", "กองคลัง"),
        ("ประจําปี", "ประจำปี"),
        # (misread words are put right on the joined cell: tests/docimport/test_ocr_words.py)
    ],
)
def test_ocr_noise_is_dropped_from_a_line(raw: str, clean: str) -> None:
    assert clean_ocr_line(raw) == clean


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract")
def test_a_scanned_plan_reads_its_measures_table_cell_by_cell() -> None:
    from prongsai.docimport import extract, import_document

    data = (CORPUS / "plan_clean.scan.pdf").read_bytes()
    extracted = extract(data)
    assert extracted.source == "ocr" and extracted.table_pages >= 1 and extracted.structured
    parsed = import_document(data, "plan_clean.scan.pdf")
    measures = parsed["measures"]
    assert len(measures) == 3  # one per row, not one per OCR line
    assert [m["responsible"] for m in measures] == ["กองคลัง", "กองคลัง/สำนักปลัด", "สำนักปลัด"]
