"""Words of a PDF with their positions (pdftotext -bbox), to read table columns exactly.

Plain pdftotext interleaves the lines of side-by-side table cells, so a cell's text cannot be
compared as a whole. With word boxes we rebuild each column top to bottom, page after page,
and can require every cell to come out whole, exactly once and in order.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass

from tests.documents.conftest import poppler, squash

_PAGE = re.compile(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def pdf_words(pdf: bytes) -> tuple[list[Word], list[tuple[float, float]]]:
    """All words, and the (width, height) of every page, in points."""
    result = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    words: list[Word] = []
    sizes: list[tuple[float, float]] = []
    for page, match in enumerate(_PAGE.finditer(result.stdout.decode("utf-8")), start=1):
        sizes.append((float(match.group(1)), float(match.group(2))))
        for w in _WORD.finditer(match.group(3)):
            x0, y0, x1, y1 = (float(w.group(i)) for i in range(1, 5))
            words.append(Word(page, x0, y0, x1, y1, html.unescape(w.group(5))))
    return words, sizes


def top_line(words: list[Word], page: int, band: float = 60.0) -> str:
    """The text in the top margin of a page (where page numbers go), left to right."""
    found = sorted((w for w in words if w.page == page and w.y1 < band), key=lambda w: w.x0)
    return " ".join(w.text for w in found)


def column_streams(
    words: list[Word], pages: range, edges: list[float], below: dict[int, float]
) -> list[str]:
    """Squashed text of each table column (between x edges), top to bottom across pages,
    leaving out what is above `below[page]` (the title and the repeated header rows)."""
    streams: list[list[Word]] = [[] for _ in range(len(edges) - 1)]
    for w in words:
        if w.page not in pages or w.y0 <= below.get(w.page, 0.0):
            continue
        for i in range(len(edges) - 1):
            if edges[i] <= w.x0 < edges[i + 1]:
                streams[i].append(w)
                break
    out = []
    for column in streams:
        column.sort(key=lambda w: (w.page, round(w.y0, 1), w.x0))
        out.append(squash("".join(w.text for w in column)))
    return out
