"""`prongsai bench render`: the demo plan as PDF (typst) and DOCX (python-docx) in a warm
process, against LibreOffice converting the same DOCX to PDF in the same run.

Prints the median of several runs, the peak memory, and last the line
`plan pdf median X s; libreoffice median Y s; ratio Zx`.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import tracemalloc
from pathlib import Path

from bench.common import median, peak_rss_mb, timed

RUNS = 9
LO_RUNS = 3


def run(write: object = print) -> None:
    from django.core.management import call_command

    from prongsai.documents import render
    from prongsai.orgs.models import Agency
    from prongsai.plans.documents import plan_document
    from prongsai.plans.models import Plan

    call_command("demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    agency = Agency.objects.get(slug="demo")
    plan = Plan.objects.get(agency=agency, fiscal_year=2567)
    out = print if write is print else write

    def pdf() -> bytes:
        return render(plan_document(plan), "pdf")

    def docx() -> bytes:
        return render(plan_document(plan), "docx")

    pdf(), docx()  # warm: fonts, template, imports
    tracemalloc.start()
    pages = pdf()
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pdf_times, docx_times = timed(pdf, RUNS), timed(docx, RUNS)
    measures = sum(i.measures.count() for i in plan.issues.all())
    out(f"plan: {plan.issues.count()} issues, {measures} measures, pdf {len(pages):,} bytes")  # type: ignore[operator]
    out(
        f"plan pdf  (typst, in process): median {median(pdf_times):.3f} s over {RUNS} runs "
        f"(min {min(pdf_times):.3f}, max {max(pdf_times):.3f})"
    )  # type: ignore[operator]
    out(f"plan docx (python-docx):       median {median(docx_times):.3f} s over {RUNS} runs")  # type: ignore[operator]
    out(
        f"peak memory: process RSS {peak_rss_mb():.0f} MB; Python allocations during one PDF "
        f"{traced_peak / 1e6:.1f} MB"
    )  # type: ignore[operator]

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        out("libreoffice: not installed (apt-get install libreoffice-writer-nogui) — no comparison")  # type: ignore[operator]
        out(f"plan pdf median {median(pdf_times):.3f} s; libreoffice median n/a; ratio n/a")  # type: ignore[operator]
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "plan.docx"
        source.write_bytes(docx())
        profile = Path(tmp) / "lo-profile"

        def convert() -> None:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )

        convert()  # first start creates the profile; not counted
        lo_times = timed(convert, LO_RUNS)
    lo = median(lo_times)
    p = median(pdf_times)
    out(f"libreoffice --convert-to pdf: median {lo:.3f} s over {LO_RUNS} runs")  # type: ignore[operator]
    out(f"plan pdf median {p:.3f} s; libreoffice median {lo:.3f} s; ratio {lo / p:.1f}x")  # type: ignore[operator]
