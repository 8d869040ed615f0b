"""Shared helpers of the benchmarks: timing, medians, peak memory, a private database."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def in_private_database(name: str) -> int | None:
    """Re-run this benchmark in a child process on its own database under var/bench-<name>,
    so a benchmark never touches the user's data. Returns the child's exit code in the parent,
    None in the child."""
    if os.environ.get("PRONGSAI_BENCH_CHILD") == name:
        return None
    data_dir = REPO / "var" / f"bench-{name}"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PRONGSAI_DATA_DIR": str(data_dir), "PRONGSAI_BENCH_CHILD": name}
    env.pop("DATABASE_URL", None)
    if os.environ.get("PRONGSAI_BENCH_DATABASE_URL"):  # e.g. a PostgreSQL kept for benchmarks
        env["DATABASE_URL"] = os.environ["PRONGSAI_BENCH_DATABASE_URL"]
    return subprocess.call([sys.executable, "-m", "prongsai", *sys.argv[1:]], env=env)


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
