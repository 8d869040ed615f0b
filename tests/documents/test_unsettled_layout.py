"""Long tables whose layout does not settle with the continued labels (render_pdf.py,
`render_typst_input`): two tables of the national batch (fixtures/unsettled_*.json, the template's
JSON of their landscape section) made typst stop after five passes, leaving a cell's label twice
on one page and the plan's closing line alone on the last page. They are rendered again without
the continued labels, and then settle."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from prongsai.documents.render_pdf import render_typst_input
from tests.documents.conftest import squash
from tests.documents.pdfwords import pdf_words

FIXTURES = Path(__file__).parent / "fixtures"
_INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\xa0"), None)


def _plain(text: str) -> str:
    return squash(text.translate(_INVISIBLE))


def _pages(pdf: bytes, first_column: float = 1.0) -> list[str]:
    """Each page's text, or only that of the table's first column (its share of the width)."""
    words, sizes = pdf_words(pdf)
    out = []
    for n, (width, _height) in enumerate(sizes, start=1):
        mine = [w for w in words if w.page == n]
        left = min((w.x0 for w in mine), default=0.0)
        edge = left + (width - 2 * left) * first_column
        out.append("".join(w.text for w in mine if w.x1 <= edge + 1))
    return out


@pytest.mark.parametrize("name", ["unsettled_plan_table", "unsettled_annual_table"])
def test_a_table_that_does_not_settle_is_rendered_again_without_continued_labels(
    name: str, caplog: Any
) -> None:
    data = (FIXTURES / f"{name}.json").read_text(encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="prongsai.documents.render_pdf"):
        pdf = render_typst_input(data, {}, name)
    messages = [r.getMessage() for r in caplog.records]
    assert any("rendered again" in m for m in messages), "typst settled these at first now"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], messages
    pages = [_plain(text) for text in _pages(pdf)]
    blocks = json.loads(data)["sections"][0]["blocks"]
    table = max((b for b in blocks if b["k"] == "table"), key=lambda b: len(b["rows"]))
    # the first column's labels (the issues); a status such as "อยู่ระหว่างดำเนินการ" recurs
    labels = {
        _plain(c["lab"]) for c in table["rows"] if len(c.get("lab") or "") > 20 and c["x"] == 0
    }
    assert labels
    share = table["cols"][0] / sum(table["cols"])
    for number, text in enumerate(_pages(pdf, share), start=1):
        for label in labels:
            assert _plain(text).count(label) <= 1, (number, label)
    # the last page holds the end of the table's last row, not only what follows the table
    bottom = max(cell["y"] for cell in table["rows"])
    ends = [_plain(" ".join(_texts(c["c"])))[-6:] for c in table["rows"] if c["y"] == bottom]
    assert any(end and end in pages[-1] for end in ends), ends


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            if key in ("t", "c", "runs", "items", "text")
            for text in _texts(item)
        ]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []
