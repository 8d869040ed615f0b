"""PDF rendering with typst: the document model goes in as JSON data, never as markup.

One template (`templates/document.typ`) reads the JSON from `sys.inputs` and lays it out.
The font set (Sarabun from `fontpkg-sarabun`, plus typst's embedded DejaVu Sans Mono for
☐ ☑ ✓) is loaded once per process and reused. After compiling, `fix_split_clusters` repairs
the text layer (see `pdf_text.py`): typst 0.15 doubles Thai clusters with stacked marks in
extracted text ("ขั้ขั้นตอน").
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import tempfile
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import typst

from prongsai.core.fonts import font_dir
from prongsai.documents import model as m
from prongsai.documents.pdf_text import fix_split_clusters

_lock = threading.Lock()
log = logging.getLogger(__name__)


@cache
def template_source() -> bytes:
    return (resources.files("prongsai.documents") / "templates" / "document.typ").read_bytes()


def fonts() -> typst.Fonts:
    """The typst font book, built once per process (typst.Fonts is immutable and shareable)."""
    with _lock:
        return _fonts()


@cache
def _fonts() -> typst.Fonts:
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(font_dir())]
    )


def render_pdf(document: m.Document) -> bytes:
    """Render a document to PDF bytes.

    The labels that cells cut by a page break repeat with "(ต่อ)" are placed from the previous
    layout pass (document.typ, `continued-cell`); in a few long tables (about one document in
    twelve of the national batch) each pass moves a row the other way and typst stops after
    five, leaving a label twice in one cell or the signature alone on the last page. Such a
    document is rendered again without those labels: its layout then settles."""
    data, files = typst_input(document)
    return render_typst_input(data, files, document.title)


def render_typst_input(data: str, files: dict[str, bytes], title: str) -> bytes:
    """The PDF of the template's JSON (`typst_input`), rendered again without the continued
    labels when its layout does not settle."""
    with typst_root(files) as root:
        pdf, warnings = _compile(data, root)
        if any(_unsettled(warning) for warning in warnings):
            log.info("typst: rendered again without continued labels (%s)", title)
            settled = json.dumps({**json.loads(data), "settle": False}, ensure_ascii=False)
            pdf, warnings = _compile(settled, root)
    for warning in warnings:
        log.warning("typst: %s (%s)", warning, title)
    return fix_split_clusters(pdf)


def _compile(data: str, root: str | None) -> tuple[bytes, list[Any]]:
    # (typst's stubs tie root's type to the input's, bytes here; a str path is what it takes)
    pdf, warnings = typst.compile_with_warnings(
        template_source(),
        root=root,  # type: ignore[type-var]
        font_paths=fonts(),
        sys_inputs={"doc": data},
    )
    return pdf, list(warnings)


def _unsettled(warning: Any) -> bool:
    """typst's "document did not converge within five attempts" (and its companions)."""
    text = str(getattr(warning, "message", warning))
    return "converge" in text or "stabilize" in text


# --- serialisation -------------------------------------------------------------------------

# Images go to typst as files, not in the JSON: an array of byte values (typst has no base64
# decoder) made the JSON ~1 MB for the plan's four charts, and typst spent ~75 ms reading it
# back into bytes. `typst_input` collects them here while `to_json` runs.
_FILES: ContextVar[dict[str, bytes] | None] = ContextVar("typst_files", default=None)


def typst_input(document: m.Document) -> tuple[str, dict[str, bytes]]:
    """The template's JSON and the files it reads (images), by their path under the root."""
    files: dict[str, bytes] = {}
    token = _FILES.set(files)
    try:
        data = json.dumps(to_json(document), ensure_ascii=False, separators=(",", ":"))
    finally:
        _FILES.reset(token)
    return data, files


@contextlib.contextmanager
def typst_root(files: dict[str, bytes]) -> Iterator[str | None]:
    """A folder holding `files`, for typst's root (None when there are none)."""
    if not files:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="prongsai-typst-") as root:
        for name, content in files.items():
            (Path(root) / name.lstrip("/")).write_bytes(content)
        yield root


def to_json(document: m.Document) -> dict[str, Any]:
    """The JSON the template reads, with user text already in the document's digit style."""
    doc = m.mark_breaks(m.localise(document, document.digits), glue="all")
    prefix, _, suffix = doc.page_number_format.partition("{n}")
    return {
        "title": doc.title,
        "author": doc.author or doc.agency,
        "keywords": [k for k in (doc.agency, doc.subject) if k],
        "digits": doc.digits,
        "tracking": m.JUSTIFY_TRACKING_EM,
        "pn": {"prefix": prefix, "suffix": suffix, "first": doc.number_first_page},
        "sizes": {
            "body": m.BODY_PT,
            "headings": {str(k): v for k, v in m.HEADING_PT.items()},
            "memo_title": m.MEMO_TITLE_PT,
            "memo_label": m.MEMO_LABEL_PT,
        },
        "sections": [
            {
                "orientation": section.orientation,
                "numbers": section.page_numbers and not section.cover,
                "cover": section.cover,
                "corner": section.corner,
                "blocks": _keep_signatures(
                    [_block(b, doc.digits, _page_bottom(section)) for b in section.blocks]
                ),
            }
            for section in doc.sections
        ],
    }


_A4 = (595.276, 841.89)  # points
_BOTTOM_MARGIN = 2 / 2.54 * 72  # 2 cm, as in the template


def _page_bottom(section: m.Section) -> float:
    """Where the text area of the section's pages ends, in points from the top."""
    height = _A4[0] if section.orientation == "landscape" else _A4[1]
    return height - _BOTTOM_MARGIN


_SIGNATURES = ("sig", "sigrow")


def _keep_signatures(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A signature never stands alone on a page: a run of signatures (with the spacers between
    them) goes in one unbreakable block with the paragraph, list or image before it, or, after
    a table, becomes the table's `tail`: a last row kept with the row before it."""
    out: list[dict[str, Any]] = []
    for block in blocks:
        if block["k"] in _SIGNATURES or (block["k"] == "spacer" and out and out[-1]["k"] == "keep"):
            if out and out[-1]["k"] == "keep":
                out[-1]["blocks"].append(block)
                continue
            group = [block]
            while out and out[-1]["k"] == "spacer":
                group.insert(0, out.pop())
            if out and out[-1]["k"] in ("par", "list", "image"):
                group.insert(0, out.pop())
            elif out and out[-1]["k"] == "table" and out[-1]["rows"]:
                # After a table, the signature is the table's last row, laid out with the
                # table's last row and never apart from it (see `tail` in the template).
                out[-1]["tail"] = {"k": "keep", "blocks": group, "in_table": True}
                out.append(out[-1]["tail"])  # later signatures and spacers join it
                continue
            out.append({"k": "keep", "blocks": group})
        else:
            out.append(block)
    return [b for b in out if not b.get("in_table")]


def _run(run: m.Run) -> dict[str, Any]:
    return {"t": run.text, "b": run.bold, "i": run.italic, "u": run.underline, "url": run.url}


def _par(p: m.Paragraph) -> dict[str, Any]:
    return {
        "k": "par",
        "runs": [_run(r) for r in p.runs],
        "align": p.align,
        "indent": p.indent_first_line,
        "bold": p.bold,
        "size": p.size,
        "after": p.space_after,
        "keep": p.keep_with_next,
    }


def _list(lst: m.NumberedList, digits: m.Digits) -> dict[str, Any]:
    return {
        "k": "list",
        "items": [
            {"label": m.numbered_label(lst, i, digits), "par": _par(p)}
            for i, p in enumerate(lst.paragraphs())
        ],
    }


def _flow(items: list[m.Paragraph | m.NumberedList], digits: m.Digits) -> list[dict[str, Any]]:
    return [_par(i) if isinstance(i, m.Paragraph) else _list(i, digits) for i in items]


def _cell(c: m.Cell, digits: m.Digits) -> dict[str, Any]:
    return {
        "c": _flow(c.content, digits),
        "cs": c.colspan,
        "rs": c.rowspan,
        "align": c.align,
        "valign": c.valign,
        "bold": c.bold,
        "fill": c.fill,
    }


def _image(im: m.Image) -> dict[str, Any]:
    files = _FILES.get()
    if files is not None:  # a file the template reads (typst_input)
        name = f"/{hashlib.sha256(im.data).hexdigest()[:24]}.{im.format}"
        files[name] = im.data
        return {"file": name, "fmt": im.format}
    # Without typst_input: an array of byte values becomes bytes(...) in the template.
    return {"data": list(im.data), "fmt": im.format}


def _sig(s: m.SignatureBlock) -> dict[str, Any]:
    return {
        "k": "sig",
        "name": s.name,
        "positions": s.positions,
        "label": s.sign_label,
        "align": s.align,
        "before": s.before,
    }


def _label(c: m.Cell) -> tuple[str, bool] | None:
    """The text a cell repeats with "(ต่อ)" when its row goes on over a page break: its first
    paragraph (the measure, the issue, the indicator)."""
    first = c.content[0] if c.content else None
    if not isinstance(first, m.Paragraph) or not first.text.strip():
        return None
    bold = c.bold or first.bold or all(r.bold for r in first.runs)
    return first.text.strip(), bold


def _nest_groups(rows: list[dict[str, Any]]) -> None:
    """Group rows become typst sub-headers, which must each be followed by a row: in a run of
    group rows (a tool, then its indicator) each is nested in the one before (typst 0.15
    panics on a sub-header replaced before any row), and a run at the end of the table, with
    no row to head, stays an ordinary row."""
    run: list[dict[str, Any]] = []
    for cell in rows:
        if cell["grp"] is None:
            run = []
            continue
        if run:
            cell["grp"] = max(cell["grp"], run[-1]["grp"] + 1)
        run.append(cell)
    for cell in run:
        cell["grp"] = None


def _table(b: m.Table, digits: m.Digits, page_bottom: float) -> dict[str, Any]:
    # Explicit positions: typst would otherwise flow a short row's cells into the next row.
    first = 1 if b.title is not None else 0  # the title is row 0 of the typst table
    nhead = len(b.header_rows)
    ncols = len(b.columns)
    cells: list[dict[str, Any]] = []
    started: set[int] = set()
    for (row, col), c in sorted(b.positions().items()):
        y = row + first
        cell = {
            **_cell(c, digits),
            "x": col,
            "y": y,
            "grp": None,
            "lab": None,
            "labb": False,
            "rs0": False,
        }
        if row >= nhead:
            if c.colspan == ncols:
                cell["grp"] = max(1, c.group_level)
            else:
                cell["rs0"] = y not in started  # the row's first cell marks where it starts
                started.add(y)
                label = _label(c) if col == 0 else None
                if label is not None:
                    cell["lab"], cell["labb"] = label
        cells.append(cell)
    _nest_groups([c for c in cells if c["y"] >= nhead + first])
    return {
        "k": "table",
        "cols": b.fractions,
        "header": [c for c in cells if c["y"] < nhead + first],
        "rows": [c for c in cells if c["y"] >= nhead + first],
        "repeat": b.repeat_header,
        "title": b.title,
        "cont": b.continued_label,
        "size": b.font_size,
        "hfill": b.header_fill,
        "bottom": page_bottom,
    }


def _block(b: m.Block, digits: m.Digits, page_bottom: float = 0.0) -> dict[str, Any]:
    if isinstance(b, m.Heading):
        return {"k": "heading", "text": b.text, "level": b.level, "align": b.align}
    if isinstance(b, m.Paragraph):
        return _par(b)
    if isinstance(b, m.NumberedList):
        return _list(b, digits)
    if isinstance(b, m.Table):
        return _table(b, digits, page_bottom)
    if isinstance(b, m.Image):
        return {
            "k": "image",
            **_image(b),
            "width": b.width_cm,
            "caption": b.caption,
            "align": b.align,
        }
    if isinstance(b, m.SignatureBlock):
        return _sig(b)
    if isinstance(b, m.SignatureRow):
        return {"k": "sigrow", "blocks": [_sig(s) for s in b.blocks]}
    if isinstance(b, m.Memo):
        return {
            "k": "memo",
            "title": b.title,
            "unit": b.unit,
            "ref": b.ref,
            "date": b.date,
            "subject": b.subject,
            "to": b.to,
            "emblem": _image(m.Image(b.emblem)) if b.emblem else None,
        }
    if isinstance(b, m.PageBreak):
        return {"k": "pagebreak"}
    if isinstance(b, m.Spacer):
        return {"k": "spacer", "h": b.height_cm}
    raise TypeError(f"not a document block: {b!r}")
