"""The document engine alone (no Django, no database): the sample document with a 40-row and
a ~120-row landscape plan table, rendered to PDF and DOCX in one warm process.

    .venv/bin/python -m bench.documents_engine

Prints the first (cold) render, then the median/min of warm renders, and for the PDF how the
time splits between typst and the text-layer repair (pdf_text.fix_split_clusters).
"""

from __future__ import annotations

import json
import subprocess
import time

import typst

from bench.common import median, timed

RUNS = 7


def pages(pdf: bytes) -> int:
    try:
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return -1
    line = next(x for x in out.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def run(write: object = print) -> None:
    out = print if write is print else write
    started = time.perf_counter()
    from prongsai.documents import render
    from prongsai.documents.pdf_text import fix_split_clusters
    from prongsai.documents.render_pdf import fonts, template_source, to_json
    from prongsai.documents.sample import sample_document

    out(f"imports: {time.perf_counter() - started:.3f} s")  # type: ignore[operator]
    for rows in (40, 120):
        doc = sample_document(rows=rows, chart=False)
        started = time.perf_counter()
        pdf = render(doc, "pdf")
        cold = time.perf_counter() - started
        pdf_times = timed(lambda doc=doc: render(doc, "pdf"), RUNS)  # type: ignore[misc]
        docx_times = timed(lambda doc=doc: render(doc, "docx"), RUNS)  # type: ignore[misc]
        data = json.dumps(to_json(doc), ensure_ascii=False)
        typst_times = timed(
            lambda data=data: typst.compile(  # type: ignore[misc]
                template_source(), font_paths=fonts(), sys_inputs={"doc": data}
            ),
            RUNS,
        )
        raw = typst.compile(template_source(), font_paths=fonts(), sys_inputs={"doc": data})
        fix_times = timed(lambda raw=raw: fix_split_clusters(raw), RUNS)  # type: ignore[misc]
        out(  # type: ignore[operator]
            f"{rows} rows, {pages(pdf)} pages: pdf first {cold:.3f} s, warm median "
            f"{median(pdf_times):.3f} s (min {min(pdf_times):.3f}) = typst "
            f"{median(typst_times):.3f} + repair {median(fix_times):.3f}; docx warm median "
            f"{median(docx_times):.3f} s (min {min(docx_times):.3f})"
        )


if __name__ == "__main__":
    run()
