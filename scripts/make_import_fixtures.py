"""Rebuild the DOCX fixture corpus in tests/docimport/fixtures/corpus/ from text documents.

Each seed (../shared/seeds/NNN_*.txt → seedNNN) and each text fixture of ours
(tests/docimport/fixtures/*.txt) is written as a real DOCX the way Word writes it: the
tab-separated rows as Word tables, a row whose first cell is empty merged into the cell above
(w:vMerge), numbered or bulleted items inside a cell as paragraphs with Word's automatic
numbering (w:numPr), checkboxes and ticks as Wingdings symbols. Our own text fixtures are
copied beside their DOCX (NAME.txt); the seeds are not (they stay in ../shared/seeds, which
scripts/import_accuracy.py reads too).

NAME.expected.json is written only when it does not exist yet (from the text import, to be
read and corrected by hand: the committed ones are the checked records); --expected rewrites
them.

    .venv/bin/python scripts/make_import_fixtures.py [--expected]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from prongsai.docimport import import_document  # noqa: E402
from prongsai.docimport.measures import split_items  # noqa: E402
from tests.docimport.docx_build import (  # noqa: E402
    BULLET,
    DECIMAL,
    THAI,
    merge_down,
    new_document,
    numbered,
    symbol,
    to_bytes,
)

CORPUS = ROOT / "tests/docimport/fixtures/corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
OWN = ("plan_clean", "plan_damaged", "progress_report_6m", "annual_report", "status_report_memo")
_GLYPHS = {"☑": "F0FE", "☐": "F0A8", "✓": "F0FC", "☒": "F078"}
_NUMBERED = re.compile(r"^\s*\(?[0-9๐-๙]{1,2}\s*[.)]")
_BULLETED = re.compile(r"^\s*[-•]")


def _write(paragraph: Any, text: str) -> None:
    """Text with its checkbox characters as Wingdings symbols."""
    buffer = ""
    for char in text:
        if char in _GLYPHS:
            if buffer:
                paragraph.add_run(buffer)
                buffer = ""
            symbol(paragraph, _GLYPHS[char])
        else:
            buffer += char
    if buffer:
        paragraph.add_run(buffer)


def _fill(cell: Any, text: str, *, key: bool) -> None:
    items = split_items(text) if text and not key else []
    if len(items) > 1 and (_NUMBERED.match(text) or _BULLETED.match(text)):
        if _NUMBERED.match(text):  # Word shows Thai digits when the list is set to them
            numbering = THAI if re.match(r"^\s*\(?[๐-๙]", text) else DECIMAL
        else:
            numbering = BULLET
        for index, item in enumerate(items):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            numbered(paragraph, numbering)
            _write(paragraph, item)
    elif text:
        _write(cell.paragraphs[0], text)


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """("text", [line]) and ("table", [rows]) in order; blank lines inside a table are skipped."""
    blocks: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if "\t" in line:
            rows = []
            while index < len(lines):
                if "\t" in lines[index]:
                    rows.append(lines[index])
                elif lines[index].strip():
                    break
                index += 1
            blocks.append(("table", rows))
            continue
        blocks.append(("text", [line]))
        index += 1
    return blocks


def text_to_docx(text: str) -> bytes:
    document = new_document()
    for kind, lines in _blocks(text.splitlines()):
        if kind == "text":
            if lines[0].strip():
                _write(document.add_paragraph(), lines[0].strip())
            continue
        rows = [line.split("\t") for line in lines]
        width = max(len(row) for row in rows)
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        merge_from: int | None = None
        merges: list[tuple[int, int]] = []
        for r, row in enumerate(rows):
            for c in range(width):
                value = row[c].strip() if c < len(row) else ""
                _fill(table.cell(r, c), value, key=c == 0)
            first = row[0].strip()
            if first:
                if merge_from is not None and r - 1 > merge_from:
                    merges.append((merge_from, r - 1))
                merge_from = r
        if merge_from is not None and len(rows) - 1 > merge_from:
            merges.append((merge_from, len(rows) - 1))
        for first, last in merges:
            merge_down(table, 0, first, last)
    return to_bytes(document)


def _expected(data: bytes) -> dict[str, Any]:
    parsed = import_document(data)
    keys = ("issue", "question_codes", "steps", "timeline", "responsible", "status", "actions")
    return {
        "kind": parsed["kind"],
        "fiscal_year": parsed["fiscal_year"],
        "organization": parsed["organization"],
        "period": parsed["period"],
        "measures": [{key: m[key] for key in keys} for m in parsed["measures"]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expected", action="store_true", help="rewrite NAME.expected.json")
    args = parser.parse_args()
    CORPUS.mkdir(parents=True, exist_ok=True)
    sources: list[tuple[str, Path, bool]] = [
        (f"seed{path.name[:3]}", path, False)
        for path in sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt"))
    ]
    sources += [(name, ROOT / f"tests/docimport/fixtures/{name}.txt", True) for name in OWN]
    for name, path, copy in sources:
        text = path.read_text(encoding="utf-8")
        (CORPUS / f"{name}.docx").write_bytes(text_to_docx(text))
        if copy:
            shutil.copyfile(path, CORPUS / f"{name}.txt")
        expected = CORPUS / f"{name}.expected.json"
        if args.expected or not expected.exists():
            record = _expected(path.read_bytes())
            expected.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        print(f"{name}: {name}.docx", "(+ .txt)" if copy else "")


if __name__ == "__main__":
    main()
