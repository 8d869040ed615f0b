"""The text a reader sees on a page: text nodes outside scripts, styles and typed form values
(textarea contents), option labels included; attributes (URLs, input values) left out.

`verbatim=False` also leaves out elements marked `data-verbatim`: text shown exactly as a data
file wrote it (the research notes and source citations of an ITA framework file)."""

from __future__ import annotations

from html.parser import HTMLParser

_HIDDEN = {"script", "style", "textarea", "template"}
_VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base"}


class _TextReader(HTMLParser):
    def __init__(self, verbatim: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._verbatim = verbatim
        self._stack: list[tuple[str, bool]] = []  # per open element: its tag, is it hidden?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        hidden = tag in _HIDDEN or (not self._verbatim and "data-verbatim" in dict(attrs))
        self._stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        # an end tag closes its element and any left open inside it (<li>, <p> without ends)
        if any(open_tag == tag for open_tag, _ in self._stack):
            while self._stack and self._stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if data.strip() and not any(hidden for _, hidden in self._stack):
            self.parts.append(" ".join(data.split()))


def visible_text(html: str, *, verbatim: bool = True) -> list[str]:
    """Each visible text node of `html`, whitespace collapsed."""
    reader = _TextReader(verbatim)
    reader.feed(html)
    return reader.parts
