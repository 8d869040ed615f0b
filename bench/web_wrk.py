"""The load driver of `prongsai bench web` when Debian's `wrk` is installed: a C load generator
leaves the two cores to the server, where 50 Python client threads took a large share of them.

Each page gets its own run of CLIENTS connections for PAGE_SECONDS (its median, p95 and errors),
then one mixed run rotates through every page (the overall p95). wrk's Lua `done` hook prints the
percentiles, since its built-in report has no p95."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

PAGE_SECONDS = float(os.environ.get("PRONGSAI_BENCH_PAGE_SECONDS", "10"))
MIXED_SECONDS = float(os.environ.get("PRONGSAI_BENCH_SECONDS", "15"))
# wrk threads: one drives 50 connections at these rates and leaves more of the cores to the server.
THREADS = int(os.environ.get("PRONGSAI_BENCH_WRK_THREADS", "1"))

REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, '
    .. '"errors": %d}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status))
end
"""

ROTATE = """
local pages = %s
local i = 0
setup = function(thread) thread:set("offset", i); i = i + 1 end
init = function(args) n = tonumber(offset) or 0 end
request = function()
  n = n + 1
  local p = pages[(n %% #pages) + 1]
  return wrk.format("GET", p[1], {["Cookie"] = p[2]})
end
"""


def _run(
    url: str, clients: int, seconds: float, script: str, headers: list[str]
) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script + REPORT)
        path = f.name
    try:
        cmd = [
            "wrk",
            f"-t{THREADS}",
            f"-c{clients}",
            f"-d{seconds:.0f}s",
            "--timeout",
            "10s",
            "-s",
            path,
        ]
        for header in headers:
            cmd += ["-H", header]
        out = subprocess.run(
            [*cmd, url], capture_output=True, text=True, check=True, timeout=seconds + 60
        )
    finally:
        Path(path).unlink(missing_ok=True)
    line = next(line for line in out.stdout.splitlines() if line.startswith("{"))
    return json.loads(line)


def page_run(host: str, port: int, path: str, cookie: str, clients: int) -> dict[str, float]:
    headers = [f"Cookie: {cookie}"] if cookie else []
    return _run(f"http://{host}:{port}{path}", clients, PAGE_SECONDS, "", headers)


def mixed_run(host: str, port: int, pages: list[tuple[str, str]], clients: int) -> dict[str, float]:
    table = "{" + ", ".join(f'{{"{p}", "{c}"}}' for p, c in pages) + "}"
    return _run(f"http://{host}:{port}/", clients, MIXED_SECONDS, ROTATE % table, [])
