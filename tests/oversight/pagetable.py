"""Read the agencies table of an oversight page: {code: {column: text}} in page order, with the
page's Thai digits read as Arabic ones (to compare with exports and figures)."""

from __future__ import annotations

from html.parser import HTMLParser

from prongsai.core.thai import to_arabic_digits


class _Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict[str, str]] = {}
        self.stats: dict[str, str] = {}
        self._row: dict[str, str] | None = None
        self._col: str | None = None
        self._stat: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and a.get("data-code"):
            self._row = self.rows.setdefault(str(a["data-code"]), {})
        elif tag == "td" and self._row is not None and a.get("data-col"):
            self._col, self._text = str(a["data-col"]), []
        elif a.get("data-stat"):
            self._stat, self._text = str(a["data-stat"]), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._col is not None and self._row is not None:
            self._row[self._col] = to_arabic_digits(" ".join("".join(self._text).split()))
            self._col = None
        elif tag == "tr":
            self._row = None
        elif tag == "span" and self._stat is not None:
            self.stats[self._stat] = to_arabic_digits("".join(self._text).strip())
            self._stat = None

    def handle_data(self, data: str) -> None:
        if self._col is not None or self._stat is not None:
            self._text.append(data)


def read_page(html: str) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    parser = _Table()
    parser.feed(html)
    return parser.rows, parser.stats
