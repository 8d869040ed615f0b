"""`prongsai bench batch`: document batches through 1 and then 2 real `prongsai worker` processes.

In its own database (var/bench-batch, see bench.common.in_private_database) it builds the demo and
PRONGSAI_BENCH_AGENCIES agencies of the national generator (bench.national), each with a plan and
reports for its plan year; queues one batch per agency (the plan, the 6-month and the annual
report, as PDF unless PRONGSAI_BENCH_FORMATS says "pdf,docx"), starts the workers with `--batch`
(they stop when the queue is empty) and measures, from the tasks' own start and finish times,
documents rendered per second. PRONGSAI_BENCH_RUNS runs per worker count, the median kept.

Prints each run (with the CPU time the workers got: on a machine shared with other work, two
workers cannot scale when neither gets a whole core), documents per second per worker, the
projection for the national deadline (~16,000 documents: ~7,850 agencies' plan and report),
and last the line
`batch: 1 worker X docs/s; 2 workers Y docs/s; ratio Zx`.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.common import median

AGENCIES = int(os.environ.get("PRONGSAI_BENCH_AGENCIES", "8"))
RUNS = int(os.environ.get("PRONGSAI_BENCH_RUNS", "3"))
FORMATS = os.environ.get("PRONGSAI_BENCH_FORMATS", "pdf").split(",")
KINDS = ["plan", "progress", "annual"]
NATIONAL_DOCUMENTS = 16_000


def _setup(out: Callable[[str], Any]) -> list[Any]:
    from django.core.management import call_command

    from bench import national
    from prongsai.orgs.models import Agency

    call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    if national.build_national(lambda s: None, total=max(AGENCIES, 80)) is not None:
        out("built the agencies of the benchmark (bench.national)")
    agencies = list(
        Agency.objects.filter(
            slug__startswith=national.SLUG_PREFIX, plans__fiscal_year=national.PLAN_YEAR
        ).order_by("pk")[:AGENCIES]
    )
    if len(agencies) < AGENCIES:
        raise SystemExit(f"only {len(agencies)} agencies with a plan; asked for {AGENCIES}")
    return agencies


def _one_run(agencies: list[Any], workers: int, year: int) -> tuple[int, float, float]:
    """Queue one batch per agency, run `workers` worker processes until the queue is empty;
    (documents rendered, seconds from the first task's start to the last one's end, CPU seconds
    the workers used, start-up included)."""
    from django.db.models import Max, Min
    from django_tasks_db.models import DBTaskResult

    from prongsai.jobs.models import DocumentJob
    from prongsai.jobs.services import job_start

    DocumentJob.objects.all().delete()
    DBTaskResult.objects.all().delete()
    for agency in agencies:
        job_start(agency=agency, user=None, fiscal_year=year, kinds=KINDS, formats=FORMATS)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "prongsai", "worker", "--batch", "--no-startup-delay"]
    procs = [
        subprocess.Popen(
            [*command, "--interval", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        for _ in range(workers)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=3600)
        if proc.returncode:
            raise SystemExit(f"a worker failed (exit {proc.returncode}): {err.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    not_done = DocumentJob.objects.exclude(status="done").count()
    if not_done:
        raise SystemExit(f"{not_done} batches did not finish")
    made = sum(
        sum(1 for path in parts.values() if path)
        for parts in DocumentJob.objects.values_list("parts", flat=True)
    )
    span = DBTaskResult.objects.aggregate(first=Min("started_at"), last=Max("finished_at"))
    return made, (span["last"] - span["first"]).total_seconds(), cpu


def _startup_cpu() -> float:
    """CPU seconds of a worker that starts, finds the queue empty and stops."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "prongsai", "worker", "--batch", "--no-startup-delay"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _hours(rate: float) -> str:
    return f"{NATIONAL_DOCUMENTS / rate / 3600:.1f} h" if rate else "n/a"


def run(write: object = print) -> None:
    from bench import national

    out: Callable[[str], Any] = write  # type: ignore[assignment]
    agencies = _setup(out)
    out(
        f"batch: {len(agencies)} agencies x {', '.join(KINDS)} as {', '.join(FORMATS)}; "
        f"{RUNS} runs per worker count; {os.cpu_count()} cores on this machine"
    )
    startup = _startup_cpu()
    rates: dict[int, float] = {}
    cpu_per_doc: list[float] = []
    for workers in (1, 2):
        per_run = []
        for n in range(RUNS):
            started = time.perf_counter()
            made, seconds, cpu = _one_run(agencies, workers, national.PLAN_YEAR)
            rate = made / seconds if seconds else 0.0
            per_run.append(rate)
            if made:
                cpu_per_doc.append(max(cpu - workers * startup, 0.0) / made)
            whole = time.perf_counter() - started
            out(
                f"  {workers} worker{'s' if workers > 1 else ''}, run {n + 1}: {made} documents in "
                f"{seconds:.1f} s ({rate:.2f} docs/s; {whole:.1f} s with start-up); workers' CPU "
                f"{cpu:.1f} s ({cpu / whole / workers:.0%} of {workers} core"
                f"{'s' if workers > 1 else ''}); load average {os.getloadavg()[0]:.1f}"
            )
        rates[workers] = median(per_run)
        out(
            f"{workers} worker{'s' if workers > 1 else ''}: median {rates[workers]:.2f} docs/s, "
            f"{rates[workers] / workers:.2f} docs/s per worker; {NATIONAL_DOCUMENTS:,} documents "
            f"(the national deadline) in {_hours(rates[workers])}"
        )
    per_doc = median(cpu_per_doc)
    core_rate = 1 / per_doc if per_doc else 0.0
    out(
        f"CPU per document {per_doc:.2f} s (worker start-up, {startup:.1f} s, left out): "
        f"one worker "
        f"on a core of its own makes {core_rate:.2f} docs/s, {NATIONAL_DOCUMENTS:,} documents in "
        f"{_hours(core_rate)}; the ratio below can reach the number of idle cores"
    )
    ratio = rates[2] / rates[1] if rates[1] else 0.0
    one, two = rates[1], rates[2]
    out(f"batch: 1 worker {one:.2f} docs/s; 2 workers {two:.2f} docs/s; ratio {ratio:.2f}x")
