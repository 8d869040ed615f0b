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
from functools import lru_cache

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


_LINE_BOX = re.compile(
    r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S
)
_WORD_TEXT = re.compile(r"<word[^>]*>(.*?)</word>")


@lru_cache(maxsize=64)
def bbox_layout(pdf: bytes) -> str:
    """`pdftotext -bbox-layout` of the PDF (blocks, lines and words with their boxes), read
    once per PDF for the several checks of a test module."""
    return subprocess.run(
        [poppler("pdftotext"), "-bbox-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")


def overlapping_words(pdf: bytes) -> list[tuple[int, str, str]]:
    """(page, word, word) for two words whose boxes overlap on a page: text that ran over its
    table cell into the next one (or was drawn over other text). Overlaps of less than half a
    point, or of less than a third of the lower word's height, are not counted."""
    found: list[tuple[int, str, str]] = []
    for page, match in enumerate(_PAGE.finditer(bbox_layout(pdf)), start=1):
        words = sorted(
            (tuple(float(w.group(i)) for i in range(1, 5)), html.unescape(w.group(5)))
            for w in _WORD.finditer(match.group(3))
        )
        for i, ((_ax0, ay0, ax1, ay1), a) in enumerate(words):
            for (bx0, by0, bx1, by1), b in words[i + 1 :]:
                if bx0 >= ax1 - 0.5:
                    break
                height = min(ay1 - ay0, by1 - by0)
                if min(ay1, by1) - max(ay0, by0) > height / 3 and min(ax1, bx1) - bx0 > 0.5:
                    found.append((page, a, b))
    return found


def line_ends(pdf: bytes) -> list[tuple[int, str, str]]:
    """(page, end of a line, start of the next) for every line that continues on the line just
    below it in the same paragraph or table cell. poppler's blocks split centred lines apart,
    so the continuation is found from the line boxes (pdftotext -bbox-layout): the next line
    overlaps it horizontally and starts within a third of a line's height below it (lines of
    one paragraph are ~0.25 lines apart; paragraphs, list items and table rows further)."""
    out: list[tuple[int, str, str]] = []
    for page, match in enumerate(_PAGE.finditer(bbox_layout(pdf)), start=1):
        lines = []
        for line in _LINE_BOX.finditer(match.group(3)):
            x0, y0, x1, y1 = (float(line.group(i)) for i in range(1, 5))
            text = " ".join(html.unescape(w) for w in _WORD_TEXT.findall(line.group(5)))
            lines.append((y0, x0, x1, y1, text))
        lines.sort()
        for y0, x0, x1, y1, text in lines:
            below = [
                (ny0, ntext)
                for ny0, nx0, nx1, _ny1, ntext in lines
                if 0 <= ny0 - y1 < (y1 - y0) / 3 and nx0 < x1 and x0 < nx1
            ]
            if below and text:
                out.append((page, text, min(below)[1]))
    return out


def breaks_inside(pdf: bytes, terms: set[str]) -> list[str]:
    """Every line break that falls inside one of `terms` (compared without spaces): the
    term with "/" where the line broke, e.g. "หนองคัน/ทรอง"."""
    found: list[str] = []
    wanted = {squash(t) for t in terms if len(squash(t)) > 1}
    for _page, end, start in line_ends(pdf):
        left, right = squash(end)[-30:], squash(start)[:30]
        joined = left + right
        for term in wanted:
            at = joined.find(term)
            while at != -1:
                if at < len(left) < at + len(term):
                    cut = len(left) - at
                    found.append(term[:cut] + "/" + term[cut:])
                at = joined.find(term, at + 1)
    return found
