"""Tables on scanned pages: the ruling lines found in the page image, each cell read on its own.

Tesseract reads a page as lines, so a table's cells run into each other. Here the page image
(docimport/ocr.py renders it) is searched for its ruling lines with numpy: dark runs at least
`MIN_H_LINE_POINTS` long across a row are horizontal rules, at least `MIN_V_LINE_POINTS` down a
column vertical ones (one pixel of slack either side, so that a slightly skewed scan keeps its
lines). They become edges in PDF points and go through the very grid code the text-layer PDFs
use (`pdf_tables._grids`: edges snapped and joined, intersections, cells with their spans), so a
scanned table comes out as `pdf_tables.TableBlock`s and meets the same page-break, header and
parser logic. Every non-empty cell is cropped inside its borders and read with `--psm 4` (a
column of lines: `--psm 6` takes the vowels and tone marks above a tight line for a line of their
own and invents letters there); the text between tables is cropped as full-width bands and read
the same way.
All crops of a page go to one Tesseract run (a list of images: the Thai model is loaded once per
page), bounded in time like the rest of OCR.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

from prongsai.core.thai import ALL_MONTHS

from .pdf_tables import Cell, TableBlock, TextBlock, _edge, _grids, _table_block
from .text import normalise_thai

MIN_H_LINE_POINTS = 14.0  # a horizontal rule: a dark run at least this long (a glyph is shorter)
MIN_V_LINE_POINTS = 20.0  # a vertical rule: longer than any glyph with its marks
DARK = 128  # grey level below which a pixel is ink
CELL_INSET_POINTS = 1.5  # cropped inside the borders
MIN_INK_PIXELS = 12  # fewer dark pixels than this: an empty cell or band
PAD_PIXELS = 12  # white margin around each crop (Tesseract reads a glyph at the edge badly)
MAX_CROPS = 400  # per page: beyond this the page is a drawing, read whole

# (image PNGs) -> their texts, one per image, in order
Reader = Callable[[list[bytes]], list[str]]


@dataclass
class Crop:
    top: float  # points
    png: bytes
    cell: Cell | None = None  # None: a band of text between tables


def _runs(mask: np.ndarray, min_length: int) -> np.ndarray:
    """(row, start, end) of the runs of True along each row at least `min_length` long."""
    rows, width = mask.shape
    padded = np.zeros((rows, width + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)
    starts = np.argwhere(diff == 1)
    ends = np.argwhere(diff == -1)
    lengths = ends[:, 1] - starts[:, 1]
    keep = lengths >= min_length
    return np.column_stack((starts[keep, 0], starts[keep, 1], ends[keep, 1]))


def ruling_edges(grey: np.ndarray, dpi: float) -> list[dict[str, Any]]:
    """The page's ruling lines as edges in points (pdfplumber's form, top-left origin)."""
    ink = grey < DARK
    scale = 72.0 / dpi
    # one pixel of slack across the line: a skewed rule steps by a pixel every so often
    across_rows = ink.copy()
    across_rows[1:] |= ink[:-1]
    across_rows[:-1] |= ink[1:]
    across_cols = ink.copy()
    across_cols[:, 1:] |= ink[:, :-1]
    across_cols[:, :-1] |= ink[:, 1:]
    edges: list[dict[str, Any]] = []
    for row, start, end in _runs(across_rows, round(MIN_H_LINE_POINTS / scale)):
        edges.extend(_edge(start * scale, row * scale, end * scale, row * scale))
    for col, start, end in _runs(across_cols.T, round(MIN_V_LINE_POINTS / scale)):
        edges.extend(_edge(col * scale, start * scale, col * scale, end * scale))
    return edges


def _png(grey: np.ndarray) -> bytes:
    """A crop as PNG, with a white margin."""
    height, width = grey.shape
    canvas = np.full((height + 2 * PAD_PIXELS, width + 2 * PAD_PIXELS), 255, dtype=np.uint8)
    canvas[PAD_PIXELS : PAD_PIXELS + height, PAD_PIXELS : PAD_PIXELS + width] = grey
    out = io.BytesIO()
    Image.fromarray(canvas).save(out, "PNG")
    return out.getvalue()


def _clear_borders(crop: np.ndarray) -> np.ndarray:
    """A cell crop without what is left of its borders: rows and columns at its edges that
    are mostly ink."""
    crop = crop.copy()
    ink = crop < DARK
    height, width = crop.shape
    edge = 4
    for row in [*range(min(edge, height)), *range(max(height - edge, 0), height)]:
        if ink[row].mean() > 0.5:
            crop[row] = 255
    for col in [*range(min(edge, width)), *range(max(width - edge, 0), width)]:
        if ink[:, col].mean() > 0.5:
            crop[:, col] = 255
    return crop


def _has_ink(crop: np.ndarray) -> bool:
    return int((crop < DARK).sum()) >= MIN_INK_PIXELS


def page_crops(grey: np.ndarray, dpi: float) -> tuple[list[list[Cell]], list[Crop]] | None:
    """The page's tables (cells) and the crops to read: each non-empty cell, each band of
    text between them. None when the page has no ruled table (or too many pieces)."""
    grids = _grids(ruling_edges(grey, dpi))
    if not grids:
        return None
    px = dpi / 72.0
    inset = CELL_INSET_POINTS * px
    height = grey.shape[0]
    crops: list[Crop] = []
    spans: list[tuple[int, int]] = []
    for cells in grids:
        top = min(c.bbox[1] for c in cells)
        bottom = max(c.bbox[3] for c in cells)
        spans.append((int(top * px - inset), int(bottom * px + inset) + 1))  # rules included
        for cell in cells:
            x0, y0, x1, y1 = cell.bbox
            left, right = int(x0 * px + inset), int(x1 * px - inset)
            upper, lower = int(y0 * px + inset), int(y1 * px - inset)
            if right - left < 4 or lower - upper < 4:
                continue
            crop = _clear_borders(grey[upper:lower, left:right])
            if _has_ink(crop):
                crops.append(Crop(y0, _png(crop), cell))
    # bands of text above, between and below the tables, full width
    cursor = 0
    for start, end in [*sorted(spans), (height, height)]:
        if start - cursor > 4:
            band = grey[cursor:start]
            if _has_ink(band):
                crops.append(Crop(cursor / px, _png(band)))
        cursor = max(cursor, end)
    if len(crops) > MAX_CROPS:
        return None
    return grids, crops


def page_blocks(png: bytes, dpi: float, read: Reader) -> list[TableBlock | TextBlock] | None:
    """The blocks of a scanned page (tables cell by cell, text between them), top to bottom;
    None when it has no ruled table (the caller reads it as lines)."""
    with Image.open(io.BytesIO(png)) as image:
        grey = np.asarray(image.convert("L"))
    found = page_crops(grey, dpi)
    if found is None:
        return None
    grids, crops = found
    texts = read([crop.png for crop in crops]) if crops else []
    blocks: list[TableBlock | TextBlock] = []
    for crop, text in zip(crops, texts, strict=False):
        lines = [clean_ocr_line(line) for line in text.splitlines()]
        lines = [line for line in lines if line]
        if crop.cell is not None:
            crop.cell.lines = lines
        else:
            blocks.extend(
                TextBlock(crop.top + index / 1000, line) for index, line in enumerate(lines)
            )
    for cells in grids:
        table, _outside = _table_block(cells, [])
        if any(any(cell for cell in row) for row in table.rows):
            blocks.append(table)
    blocks.sort(key=lambda block: block.top)
    return blocks


# What Tesseract's Thai model makes of things that are not letters. The marks above a tight
# line, read as a line or words of their own: single Latin letters or pairs ("a", "ee", "oe")
# and stray signs between two Thai words, a line of lone digits ("๕ ๕"). A bullet at the start
# of a line: "๑", "+", "»", "«", "*" followed by a gap and a Thai word.
_THAI_WORD = re.compile(r"[\u0e01-\u0e4e]")
_NOISE_TOKEN = re.compile(r"^(?:[a-z]{1,3}|[,.~=»«“”\"'|\\_^`°]+|[A-Z][a-z]?)$")
_EDGE_SIGNS = re.compile(r"^[,.~=»«“”\"'|\\_^`°/]+$")
_OCR_TAG = re.compile(r"<[«<]*\s?/?\s?[^\s<>]{1,3}\s?/?>")
_LONE_DIGITS = re.compile(r"^(?:[0-9๐-๙]\s+)+[0-9๐-๙]$")
_BULLET = re.compile(
    r"^(?:[๑+»«*°•●]|\.)\s+(?=[\u0e01-\u0e2e\u0e40-\u0e44])"
    rf"(?!{'|'.join(sorted(map(re.escape, ALL_MONTHS), key=len, reverse=True))})"
)  # "๑ ตุลาคม ๒๕๖๖" is a date


def drop_noise(text: str) -> str:
    """`text` without the runs of noise tokens (above) that stand between two Thai words."""
    words = text.split()
    kept: list[str] = []
    index = 0
    while index < len(words):
        end = index
        while end < len(words) and _NOISE_TOKEN.match(words[end]):
            end += 1
        if end == index:
            kept.append(words[index])
            index += 1
            continue
        before = kept[-1] if kept else ""
        after = words[end] if end < len(words) else ""
        if not (_THAI_WORD.search(before[-1:]) and _THAI_WORD.search(after[:1])):
            kept.extend(words[index:end])
        index = end
    # stray signs at either end of a Thai text (", ดำเนินการ…", "…บริการ ,", "…ทุกกอง /.")
    while len(kept) > 1 and _EDGE_SIGNS.match(kept[0]) and _THAI_WORD.search(kept[1][:1]):
        kept.pop(0)
    while len(kept) > 1 and _EDGE_SIGNS.match(kept[-1]) and _THAI_WORD.search(kept[-2][-1:]):
        kept.pop()
    return " ".join(kept)


def clean_ocr_line(line: str) -> str:
    """One line as Tesseract read it, without the noise it reads into Thai text (above) and
    without the short HTML tags a document pasted from a web page prints ("<p>", which OCR
    reads as "<0>", "</๒>", "<บ0>"; `text.clean_line` drops them from a text layer)."""
    text = drop_noise(_OCR_TAG.sub(" ", line))
    if _LONE_DIGITS.match(text):
        return ""
    text = normalise_thai(_BULLET.sub("• ", text))
    if not _THAI_WORD.search(text):
        return text
    return text


def read_with_tesseract(
    run: Callable[[list[str], bytes, float], bytes], languages: str, timeout: float
) -> Reader:
    """A Reader running one Tesseract over a list of images (`run(command, stdin, timeout)`)."""

    def read(pngs: list[bytes]) -> list[str]:
        with tempfile.TemporaryDirectory(prefix="prongsai-ocr-") as folder:
            paths = []
            for number, png in enumerate(pngs):
                path = os.path.join(folder, f"{number:04d}.png")
                with open(path, "wb") as handle:
                    handle.write(png)
                paths.append(path)
            listing = os.path.join(folder, "images.txt")
            with open(listing, "w", encoding="utf-8") as handle:
                handle.write("\n".join(paths) + "\n")
            command = ["tesseract", listing, "-", "-l", languages, "--psm", "4"]
            out = run(command, b"", timeout).decode("utf-8", "replace")
        texts = out.split("\f")
        return [*texts, *[""] * (len(pngs) - len(texts))][: len(pngs)]

    return read
