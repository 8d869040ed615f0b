"""A web page (HTML) → lines of text: blocks on lines of their own, table rows as
tab-separated cells, scripts, styles and navigation left out. Standard library only."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "tr",
        "table",
        "title",
        "blockquote",
        "dd",
        "dt",
        "figcaption",
        "caption",
    ]
)
_SKIP = frozenset(
    ["script", "style", "noscript", "template", "svg", "nav", "head", "iframe", "select", "button"]
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_LOOKS_HTML = re.compile(rb"<(?:!doctype\s+html|html|body|head|meta|table|div)\b", re.I)
MAX_CHARS = 3_000_000


def looks_like_html(data: bytes) -> bool:
    return bool(_LOOKS_HTML.search(data[:4096]))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.skip = 0
        self.title = False
        self.size = 0

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "title":
            self.title = True
        if tag == "tr":
            self._flush()
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")
        elif tag in _BLOCKS and self.cell is None:
            self._flush()
        elif tag == "input" and dict(attrs).get("type") == "checkbox":
            box = "☑" if "checked" in dict(attrs) else "☐"
            (self.cell if self.cell is not None else self.current).append(f" {box} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.title = False
            self._flush()
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(_SPACES.sub(" ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(self.row):
                self.lines.append("\t".join(self.row) if len(self.row) > 1 else self.row[0])
            self.row = None
        elif tag in _BLOCKS and self.cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip or self.size > MAX_CHARS:
            return
        self.size += len(data)
        (self.cell if self.cell is not None else self.current).append(data.replace("\n", " "))


def html_to_text(text: str) -> str:
    reader = _Reader()
    reader.feed(text[:MAX_CHARS])
    reader.close()
    reader._flush()
    return "\n".join(html.unescape(line) if "&" in line else line for line in reader.lines)
