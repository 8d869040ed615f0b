"""OCR text put right as a whole document, after every page is read (docimport/ocr.py).

Per cell and per line of text (a cell's wrapped lines joined first, so that a word broken at
the end of a line is whole): the noise tokens between Thai words (`ocr_tables.drop_noise`,
now across the joined lines), `text.normalise_thai` once more (a year split over two lines), the
Thai words Tesseract misread (docimport/ocr_words.py) and the quarter numbers. Then, over the
whole document, the years checked against its own fiscal year (docimport/ocr_fields.py).
Only OCR output comes here; a text layer, DOCX or plain text is never changed.
"""

from __future__ import annotations

import datetime as dt

from .ocr_fields import correct_quarters, correct_years
from .ocr_tables import drop_noise
from .ocr_words import correct_words
from .pdf_tables import TableBlock, TextBlock
from .text import CELL_BREAK, normalise_thai

Blocks = dict[int, list[TableBlock | TextBlock]]


def correct_text(text: str) -> str:
    """One cell or line of OCR text with its noise dropped, its words and quarter numbers put
    right (each paragraph of a cell on its own)."""
    return CELL_BREAK.join(
        correct_quarters(correct_words(normalise_thai(drop_noise(part))))
        for part in text.split(CELL_BREAK)
    )


def correct_document(pages: Blocks, today: dt.date | None = None) -> Blocks:
    """The pages' blocks with their text corrected (in place; returned for convenience)."""
    texts: list[str] = []
    for blocks in pages.values():
        for block in blocks:
            if isinstance(block, TextBlock):
                texts.append(correct_text(block.text))
            else:
                texts.extend(correct_text(cell) for row in block.rows for cell in row)
    fixed = iter(correct_years(texts, today))
    for blocks in pages.values():
        for block in blocks:
            if isinstance(block, TextBlock):
                block.text = next(fixed)
            else:
                block.rows = [[next(fixed) for _cell in row] for row in block.rows]
    return pages
