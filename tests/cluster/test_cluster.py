"""The documented deployment in miniature (`make test-cluster`): PostgreSQL, Redis, an
S3-compatible store, two web machines with separate data folders (A with Django's connection pool,
B in pgbouncer mode) and two workers. Whatever one machine writes, the other serves.

Deselected from the normal run (marker `cluster`); run with
`PRONGSAI_PG_PORT=54339 bash scripts/with-postgres.sh .venv/bin/pytest tests/cluster -m cluster`.
Each step prints its time; the last test prints them all.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cluster.machines import Browser, Cluster, Machine, form_fields

pytestmark = pytest.mark.cluster

PASSWORD = "prongsai-demo"
FIGURES: list[tuple[str, float]] = []
STATE: dict[str, Any] = {}


class Step:
    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> Step:
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc: Any) -> None:
        took = time.monotonic() - self.started
        FIGURES.append((self.name, took))
        print(f"cluster: {self.name}: {took:.1f} s", flush=True)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: Any) -> Iterator[dict[str, Any]]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.fail("the cluster test needs PostgreSQL: run it through make test-cluster")
    c = Cluster(tmp_path_factory.mktemp("cluster"), url)
    try:
        with Step("services up (Redis, SeaweedFS S3)"):
            c.start_services()
        db = c.database("prongsai_cluster")
        a = c.machine("a", db, PRONGSAI_DB_POOL="1")
        b = c.machine("b", db, PRONGSAI_DB_PGBOUNCER="1")
        with Step("migrate + demo data on A"):
            a.run("demo", timeout=400)
        with Step("two web machines, two workers started"):
            a.serve()
            b.serve()
            a.worker()
            b.worker()
        yield {"cluster": c, "a": a, "b": b, "db": db}
    except BaseException:
        print(c.logs())
        raise
    finally:
        c.stop()
        left = [name for name, p in c.procs if p.poll() is None]
        assert not left, f"still running: {left}"


def _browser(m: Machine, username: str = "demo-editor") -> Browser:
    b = Browser()
    b.login(m.url, username, PASSWORD)
    return b


def test_both_machines_are_ready(cluster: dict[str, Any]) -> None:
    with Step("readiness of A and B"):
        for m in (cluster["a"], cluster["b"]):
            r = Browser().request(f"{m.url}/readyz")
            body = json.loads(r.body)
            assert r.status == 200, body
            assert {k: v["status"] for k, v in body["checks"].items()} == dict.fromkeys(
                ("database", "storage", "cache", "workers"), "ok"
            )
            assert re.fullmatch(r"[0-9a-f]{32}", r.headers["X-Request-ID"])


def test_evidence_uploaded_on_a_downloads_on_b(cluster: dict[str, Any]) -> None:
    a, b = cluster["a"], cluster["b"]
    action = a.python(
        "from prongsai.progress.models import Action\n"
        "x = Action.objects.filter(measure__issue__plan__agency__slug='demo', "
        "measure__issue__plan__fiscal_year=2567).order_by('date').first()\n"
        "print(x.pk)"
    )
    content = b"%PDF-1.4\n" + os.urandom(40_000)
    with Step("evidence upload on A, download on B"):
        on_a = _browser(a)
        page = f"/a/demo/progress/2567/actions/{action}/evidence/add/"
        on_a.request(f"{a.url}/a/demo/progress/2567/")
        r = on_a.post(
            a.url + page, {"evidence_title": "ภาพถ่าย"}, files={"file": ("รูป.pdf", content)}
        )
        assert r.status == 302, r.text[:300]
        evidence = a.python(
            "from prongsai.progress.models import Evidence\n"
            "print(Evidence.objects.exclude(file_path='').latest('pk').pk)"
        )
        # the same person's session works on B (sessions are in the database)
        got = on_a.request(f"{b.url}/a/demo/progress/2567/evidence/{evidence}/file/")
        assert got.status == 200, got.status
        assert got.body == content
        assert got.headers["Content-Disposition"].startswith("attachment")
        assert got.headers["Cache-Control"] == "private, no-store"
        # someone from another agency, on B: refused before anything is read
        other = _browser(b, "other-editor")
        assert (
            other.request(f"{b.url}/a/demo/progress/2567/evidence/{evidence}/file/").status == 404
        )
    # nothing under either machine's data folder: the file is in the object store
    for m in (a, b):
        assert not list((Path(m.env["PRONGSAI_DATA_DIR"]) / "uploads").rglob("*.pdf"))


def test_a_report_finalised_on_a_gives_its_official_copy_on_b(cluster: dict[str, Any]) -> None:
    a, b = cluster["a"], cluster["b"]
    with Step("report finalised on A, official copy downloaded on B"):
        on_a = _browser(a)
        on_a.request(f"{a.url}/a/demo/progress/2567/reports/")
        r = on_a.post(f"{a.url}/a/demo/progress/2567/reports/half/finalise/", {})
        assert r.status == 302
        event = a.python(
            "from prongsai.progress.models import ReportEvent\n"
            "e = ReportEvent.objects.filter(action='finalise').latest('pk')\n"
            "print(e.pk if e.copy_path else 'no copy')"
        )
        assert event != "no copy"
        got = _browser(b).request(f"{b.url}/a/demo/progress/2567/reports/history/{event}/copy.pdf")
        assert got.status == 200 and got.body.startswith(b"%PDF-")
        assert got.headers["Cache-Control"] == "private, no-store"


def test_a_batch_started_on_a_is_made_by_a_worker_and_downloads_on_b(
    cluster: dict[str, Any],
) -> None:
    a, b = cluster["a"], cluster["b"]
    with Step("document batch from A (worker renders), zip downloaded on B"):
        on_a = _browser(a)
        on_a.request(f"{a.url}/a/demo/jobs/")
        r = on_a.post(
            f"{a.url}/a/demo/jobs/",
            {"fiscal_year": "2567", "kind": ["plan", "progress"], "format": ["pdf", "docx"]},
        )
        assert r.status == 302, r.text[:300]
        job = r.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
        on_b = _browser(b)
        deadline = time.monotonic() + 120
        status: dict[str, Any] = {}
        while time.monotonic() < deadline:
            status = json.loads(
                on_b.request(
                    f"{b.url}/a/demo/jobs/{job}/", headers={"Accept": "application/json"}
                ).body
            )
            if status["status"] in ("done", "failed"):
                break
            time.sleep(0.5)
        assert status["status"] == "done", status
        got = on_b.request(f"{b.url}/a/demo/jobs/{job}/download/")
        assert got.status == 200, got.status
        names = sorted(zipfile.ZipFile(io.BytesIO(got.body)).namelist())
    assert names == [
        "plan-demo-2567.docx",
        "plan-demo-2567.pdf",
        "progress-demo-2567.docx",
        "progress-demo-2567.pdf",
        "อ่านก่อน.txt",  # what the cycle's set holds
    ]


def test_a_backup_on_b_restores_on_another_machine_with_every_file(
    cluster: dict[str, Any],
) -> None:
    b, c = cluster["b"], cluster["cluster"]
    archive = Path(b.env["PRONGSAI_DATA_DIR"]) / "backup.zip"
    with Step("backup on B"):
        out = b.run("backup", str(archive))
    assert "สำรองข้อมูลแล้ว" in out.stdout
    count = b.python(
        "from prongsai.core.files import referenced_names\nprint(len(set(n for _l, n in referenced_names())))"
    )
    assert int(count) >= 3  # the evidence, the report's copy, the batch (and the demo's own)
    elsewhere = c.machine("c", c.database("prongsai_restored"), prefix="restored")
    with Step("restore on C (its own database and store)"):
        out = elsewhere.run("restore", str(archive), timeout=400)
    assert "กู้คืนข้อมูลแล้ว" in out.stdout
    check = (
        "import hashlib\n"
        "from prongsai.core import files\n"
        "from prongsai.progress.models import Evidence\n"
        "names = set(n for _l, n in files.referenced_names())\n"
        "missing = [n for n in names if not files.exists(n)]\n"
        "bad = [e.pk for e in Evidence.objects.exclude(file_path='') "
        "if hashlib.sha256(files.read_bytes(e.file_path)).hexdigest() != e.sha256]\n"
        "print(len(names), len(missing), len(bad))"
    )
    assert elsewhere.python(check) == f"{count} 0 0"


# --- The other parts of issue #19: job survival and concurrency.


def test_a_batch_still_completes_when_its_worker_is_killed(cluster: dict[str, Any]) -> None:
    a, c = cluster["a"], cluster["cluster"]
    with Step("kill -9 a worker mid-batch (bounded at 120 s)"):
        on_a = _browser(a)
        on_a.request(f"{a.url}/a/demo/jobs/")
        r = on_a.post(
            f"{a.url}/a/demo/jobs/",
            {"fiscal_year": "2567", "kind": ["plan", "progress", "status", "annual"], "format": ["pdf", "docx"]},
        )  # fmt: skip
        job = r.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            s = json.loads(
                on_a.request(
                    f"{a.url}/a/demo/jobs/{job}/", headers={"Accept": "application/json"}
                ).body
            )
            if s["status"] == "running" and s["done"] > 0:
                break
            time.sleep(0.2)
        for name, proc in c.procs:  # every worker: the one running it dies with the others
            if name.startswith("worker-") and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        a.worker("-2")  # a new worker comes up
        while time.monotonic() < deadline:
            s = json.loads(
                on_a.request(
                    f"{a.url}/a/demo/jobs/{job}/", headers={"Accept": "application/json"}
                ).body
            )
            if s["status"] in ("done", "failed"):
                break
            time.sleep(0.5)
    assert s["status"] == "done", s
    assert s["done"] == s["total"] == 8


def test_two_editors_on_one_measure_the_second_is_told(cluster: dict[str, Any]) -> None:
    a, b = cluster["a"], cluster["b"]
    measure = a.python(
        "from prongsai.plans.models import Measure\n"
        "print(Measure.objects.filter(issue__plan__agency__slug='demo', issue__plan__fiscal_year=2567).first().pk)"
    )
    with Step("two editors on one measure (A and B)"):
        page = f"/a/demo/plans/2567/measures/{measure}/edit/"
        first, second = _browser(a), _browser(b, "demo-admin")
        form_a = form_fields(first.request(a.url + page).text, page)
        form_b = form_fields(second.request(b.url + page).text, page)
        assert "title" in form_a, form_a
        r1 = first.post(a.url + page, {**form_a, "title": "แก้โดยคนแรก"})
        r2 = second.post(b.url + page, {**form_b, "title": "แก้โดยคนที่สอง"})
    assert r1.status == 302
    assert r2.status == 409  # not "saved": told what changed, the text kept
    assert "แก้โดยคนที่สอง" in r2.text


def test_two_approvals_at_once_make_one_official_copy(cluster: dict[str, Any]) -> None:
    a, b = cluster["a"], cluster["b"]
    with Step("two approvals at once (A and B)"):
        page = "/a/demo/plans/2567/approve/"
        people = [_browser(a, "demo-admin"), _browser(b, "demo-admin")]
        for p, m in zip(people, (a, b), strict=True):
            p.request(f"{m.url}/a/demo/plans/2567/")
        results: list[int] = []

        def approve(p: Browser, m: Machine) -> None:
            results.append(p.post(m.url + page, {}).status)

        threads = [
            threading.Thread(target=approve, args=(p, m))
            for p, m in zip(people, (a, b), strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    approvals = a.python(
        "from prongsai.plans.models import PlanRevision\n"
        "print(PlanRevision.objects.filter(plan__agency__slug='demo', plan__fiscal_year=2567, action='approve').count())"
    )
    assert approvals == "1", (results, approvals)


def test_print_the_figures() -> None:
    assert FIGURES, "no step ran"
    total = sum(t for _n, t in FIGURES)
    print("\ncluster figures:")
    for name, took in FIGURES:
        print(f"  {took:6.1f} s  {name}")
    print(f"  {total:6.1f} s  in all")
