"""`prongsai bench web`: the main pages under load, on the national dataset, on loopback.

In its own database (var/bench-web, see bench.common.in_private_database) it builds the national
dataset when missing (`prongsai demo --scale national`), starts gunicorn — the production WSGI
server of the README — with the production settings on 127.0.0.1, logs in once per user through
the login form, warms every worker up, then drives the server with CLIENTS threads (http.client,
keep-alive, each its own connection and session cookie, no pause between requests unless
PRONGSAI_BENCH_THINK_MS says so) for DURATION seconds or MAX_REQUESTS requests, whichever comes
first.

Before the load, every page is viewed alone, warm and then right after a real save that changes
what it shows (bench.web_changes). With wrk (the default, bench.web_wrk) each page then gets its
own run, then one run rotates over all pages, and again while a result is saved every second.

Prints the one-client medians, then per page `page NAME: median X ms, p95 Y ms, errors N` (with
the rate and p99 on the line before), then `web p95 X ms; errors N` over all of them (the worse
mixed run). With wrk, the bare login page (Django's floor: middleware, session, a template) is
measured in the same run and server first, and the last line gives each page's throughput as a
share of it: `web ratio to bare page: agency X, plan X, analysis X, province X, country X`.

On PostgreSQL and Redis: PRONGSAI_BENCH_DATABASE_URL=postgres://… PRONGSAI_CACHE_URL=redis://…
(the server processes inherit the environment; PRONGSAI_BENCH_WORKERS sets their number).
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.web_changes import CHANGE_SECONDS, PROVINCE, Saves, record_a_change

CLIENTS = int(os.environ.get("PRONGSAI_BENCH_CLIENTS", "50"))
DURATION = float(os.environ.get("PRONGSAI_BENCH_SECONDS", "30"))
THINK = float(os.environ.get("PRONGSAI_BENCH_THINK_MS", "0")) / 1000  # pause between requests
MAX_REQUESTS = 50_000
WARMUP_ROUNDS = 6
SOLO_RUNS = 15
HOST = "127.0.0.1"
PASSWORD = "prongsai-demo"  # noqa: S105 — the demo logins' published password


@dataclass(frozen=True)
class Page:
    name: str
    user: str
    path: str
    shows: str  # whose data: "agency" (cached under the agency's stamp) or "oversight"


PAGES = [
    Page("agency", "demo-admin", "/a/demo/", "agency"),
    Page("plan", "demo-admin", "/a/demo/plans/2567/", "agency"),
    Page("analysis", "demo-admin", "/a/demo/analysis/2566/", "agency"),
    Page("province", "national-province", f"/oversight/province/{PROVINCE}/", "oversight"),
    Page("country", "national-country", "/oversight/country/", "oversight"),
    Page("oit-register", "demo-admin", "/a/demo/oit/2569/", "agency"),
    Page("oit-public", "demo-admin", "/p/demo/", "agency"),
]


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float | None) -> None:
        with self.lock:
            if seconds is None:
                self.errors += 1
            else:
                self.times.append(seconds)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _server_env(data_dir: str) -> dict[str, str]:
    env = {**os.environ}
    env.update(
        {
            "PRONGSAI_DATA_DIR": data_dir,
            "PRONGSAI_PRODUCTION": "1",
            "PRONGSAI_SECRET_KEY": secrets.token_urlsafe(50),
            "PRONGSAI_ALLOWED_HOSTS": HOST,
            "PRONGSAI_SSL_REDIRECT": "0",  # plain HTTP on loopback; TLS is the proxy's job
            "PRONGSAI_LOG_LEVEL": "WARNING",
        }
    )
    env.pop("PRONGSAI_BENCH_CHILD", None)
    return env


def _workers() -> int:
    """One process per core: the pages are CPU work (SQLite in process). The usual 2×cores+1
    with 4 threads each measured a worse p95 here (keep-alive connections stick to a process
    and pile up unevenly); with PostgreSQL over a network, more threads hide the waits."""
    return int(os.environ.get("PRONGSAI_BENCH_WORKERS", os.cpu_count() or 1))


THREADS = int(os.environ.get("PRONGSAI_BENCH_THREADS", "2"))
# With wrk (C) as the load generator: sync workers, one per core, each connection served to
# the end (no keep-alive, as behind an nginx proxy). Measured fairer than gthread here: every
# request waits in one queue, so the tail stays close to the median.
WRK = shutil.which("wrk") is not None and os.environ.get("PRONGSAI_BENCH_DRIVER", "wrk") == "wrk"


def start_server(data_dir: str, port: int) -> subprocess.Popen[bytes]:
    worker = ["--worker-class", "sync"] if WRK else [
        "--worker-class", "gthread", "--threads", str(THREADS), "--keep-alive", "30",
    ]  # fmt: skip
    cmd = [
        sys.executable, "-m", "gunicorn", "prongsai.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(_workers()), *worker,
        "--backlog", "512", "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(cmd, env=_server_env(data_dir), stdout=subprocess.DEVNULL)


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the web server did not start")


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    out = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        out[name.strip()] = rest.split(";", 1)[0]
    return out


def login(port: int, username: str) -> str:
    """The session cookie of a real login through the login form."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    body = response.read().decode()
    cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert token, "no CSRF token on the login page"
    form = urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    conn.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
            "Referer": f"http://{HOST}:{port}/accounts/login/",
        },
    )
    response = conn.getresponse()
    response.read()
    session = _cookies(response).get("sessionid")
    assert response.status == 302 and session, f"login of {username} failed ({response.status})"
    return f"sessionid={session}"


class Client:
    """One keep-alive connection with its session cookies."""

    def __init__(self, port: int, cookies: dict[str, str]) -> None:
        self.port, self.cookies = port, cookies
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def get(self, page: Page) -> float | None:
        started = time.perf_counter()
        try:
            self.conn.request("GET", page.path, headers={"Cookie": self.cookies[page.user]})
            response = self.conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            ok = False
        return time.perf_counter() - started if ok else None


def drive(port: int, cookies: dict[str, str], tallies: dict[str, Tally]) -> tuple[int, float]:
    stop = time.monotonic() + DURATION
    count = [0]
    lock = threading.Lock()

    def worker(offset: int) -> None:
        client = Client(port, cookies)
        i = offset
        while time.monotonic() < stop:
            with lock:
                if count[0] >= MAX_REQUESTS:
                    return
                count[0] += 1
            page = PAGES[i % len(PAGES)]
            tallies[page.name].add(client.get(page))
            i += 1
            if THINK:
                time.sleep(THINK)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0], time.perf_counter() - started


def run(write: Callable[[str], object] = print) -> None:
    from django.conf import settings
    from django.core.management import call_command

    from bench.national import national_exists

    data_dir = str(Path(settings.DATA_DIR))
    call_command("migrate", verbosity=0)
    if not national_exists():
        write("building the national dataset (prongsai demo --scale national) …")
        call_command("demo", scale="national", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # the production settings serve hashed static files: collect them with those settings
    subprocess.run(
        [sys.executable, "-m", "prongsai", "collectstatic", "--noinput", "-v", "0"],
        env=_server_env(data_dir),
        check=True,
    )
    port = _free_port()
    server = start_server(data_dir, port)
    try:
        wait_ready(port)
        cookies = {u: login(port, u) for u in sorted({p.user for p in PAGES})}
        warm = {p.name: Tally() for p in PAGES}
        for _round in range(WARMUP_ROUNDS):  # every worker process fills its caches
            drive_once(port, cookies, warm)
        solo = {p.name: Tally() for p in PAGES}
        fresh = {p.name: Tally() for p in PAGES}
        client = Client(port, cookies)
        for _ in range(SOLO_RUNS):
            for p in PAGES:
                solo[p.name].add(client.get(p))
        for _ in range(SOLO_RUNS):
            for p in PAGES:
                record_a_change(p.shows)
                fresh[p.name].add(client.get(p))
        for _round in range(2):  # every worker process catches up with the last changes
            drive_once(port, cookies, warm)
        write(
            "one client alone, median: "
            + "; ".join(
                f"{p.name} {_median_ms(solo[p.name])} ms "
                f"(first view after a change {_median_ms(fresh[p.name])} ms)"
                for p in PAGES
            )
        )
        write(
            "  (the country's figures are kept for up to "
            f"{settings.OVERSIGHT_COUNTRY_MAX_AGE} s after a change, then recomputed beside the "
            "requests: its first view after a change shows the figures computed before it)"
        )
        for p in PAGES:
            solo[p.name].errors += fresh[p.name].errors
        if WRK:
            _report_wrk(write, port, cookies, solo, warm)
            return
        tallies = {p.name: Tally() for p in PAGES}
        total, seconds = drive(port, cookies, tallies)
    finally:
        server.terminate()
        server.wait(timeout=30)
    think = f", {THINK * 1000:.0f} ms pause between requests" if THINK else ", no pause"
    write(
        f"gunicorn {_workers()} workers × {THREADS} threads on {HOST}; {CLIENTS} clients{think}; "
        f"{seconds:.1f} s: {total} requests ({total / seconds:.0f}/s)"
    )
    everything: list[float] = []
    errors = 0
    for p in PAGES:
        t = tallies[p.name]
        everything += t.times
        errors += t.errors + warm[p.name].errors + solo[p.name].errors
        write(f"  {p.name}: {len(t.times)} ok; p99 {_pct(t.times, 0.99):.0f} ms")
        write(
            f"page {p.name}: median {_pct(t.times, 0.5):.0f} ms, p95 {_pct(t.times, 0.95):.0f} ms, "
            f"errors {t.errors}"
        )
    write(f"web p95 {_pct(everything, 0.95):.0f} ms; errors {errors}")


def _median_ms(tally: Tally) -> str:
    return f"{statistics.median(tally.times) * 1000:.0f}" if tally.times else "failed"


def drive_once(port: int, cookies: dict[str, str], tallies: dict[str, Tally]) -> None:
    """One round of every page from CLIENTS // 5 parallel clients (warm-up)."""

    def worker() -> None:
        client = Client(port, cookies)
        for p in PAGES:
            tallies[p.name].add(client.get(p))

    threads = [threading.Thread(target=worker) for _ in range(max(1, CLIENTS // 5))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _report_wrk(
    write: Callable[[str], object],
    port: int,
    cookies: dict[str, str],
    solo: dict[str, Tally],
    warm: dict[str, Tally],
) -> None:
    from bench.web_wrk import MIXED_SECONDS, PAGE_SECONDS, mixed_run, page_run

    write(
        f"gunicorn {_workers()} sync workers on {HOST}; wrk, {CLIENTS} connections, no pause; "
        f"{PAGE_SECONDS:.0f} s per page, then {MIXED_SECONDS:.0f} s over all pages, then again "
        f"while a result is saved every {CHANGE_SECONDS:g} s (the demo agency's, then one in "
        f"province {PROVINCE}, in turn)"
    )
    from django.conf import settings

    write(
        f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
        f"cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
    )
    errors = sum(t.errors for t in [*solo.values(), *warm.values()])
    bare = page_run(HOST, port, "/accounts/login/", "", CLIENTS)
    bare_rate = bare["requests"] / bare["seconds"]
    errors += int(bare["errors"])
    write(f"  bare login page: {bare_rate:.0f}/s; p95 {bare['p95']:.0f} ms (the floor)")
    ratios = []
    for p in PAGES:
        r = page_run(HOST, port, p.path, cookies[p.user], CLIENTS)
        ratios.append(f"{p.name} {r['requests'] / r['seconds'] / bare_rate:.2f}")
        errors += int(r["errors"])
        write(
            f"  {p.name}: {r['requests']:.0f} requests ({r['requests'] / r['seconds']:.0f}/s); "
            f"p99 {r['p99']:.0f} ms"
        )
        write(
            f"page {p.name}: median {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, "
            f"errors {r['errors']:.0f}"
        )
    every = [(p.path, cookies[p.user]) for p in PAGES]
    mixed = mixed_run(HOST, port, every, CLIENTS)
    with Saves() as saves:
        busy = mixed_run(HOST, port, every, CLIENTS)
    for label, r in (("all pages", mixed), (f"all pages, {saves.count} saves meanwhile", busy)):
        errors += int(r["errors"])
        write(
            f"  {label}: {r['requests']:.0f} requests ({r['requests'] / r['seconds']:.0f}/s), "
            f"median {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, p99 {r['p99']:.0f} ms"
        )
    write(f"web p95 {max(mixed['p95'], busy['p95']):.0f} ms; errors {errors}")
    write("web ratio to bare page: " + ", ".join(ratios))
