"""OCR text put right as a whole document, after every page is read (docimport/ocr.py).

Per cell and per line of text (a cell's wrapped lines joined first, so that a word broken at
the end of a line is whole): the Thai words Tesseract misread (docimport/ocr_words.py). Then,
over the whole document, the fields whose values are few and known (docimport/ocr_fields.py):
month names, years checked against the document's own fiscal year, quarter numbers.
Only OCR output comes here; a text layer, DOCX or plain text is never changed.
"""

from __future__ import annotations

from .ocr_words import correct_words
from .pdf_tables import TableBlock, TextBlock

Blocks = dict[int, list[TableBlock | TextBlock]]


def correct_document(pages: Blocks) -> Blocks:
    """The pages' blocks with their text corrected (in place; returned for convenience)."""
    for blocks in pages.values():
        for block in blocks:
            if isinstance(block, TextBlock):
                block.text = correct_words(block.text)
            else:
                block.rows = [[correct_words(cell) for cell in row] for row in block.rows]
    return pages
