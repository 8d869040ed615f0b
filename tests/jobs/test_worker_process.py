"""Real `prongsai worker` processes: one killed with SIGKILL in the middle of a batch, then a
second one takes the batch over (after the lease expires) and completes it from the documents the
first one made; a SIGTERM lets a worker finish its document in hand and exit cleanly. Runs on
the database of the suite (SQLite, or PostgreSQL under scripts/with-postgres.sh)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.jobs.test_jobs import _fresh_database_env

KINDS = ["plan", "analysis", "progress", "status", "annual", "memo"]


def _query(env: dict[str, str], tmp_path: Path, sql: str) -> list[tuple[Any, ...]]:
    url = env.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url) as conn:
            return list(conn.execute(sql).fetchall())
    with sqlite3.connect(tmp_path / "prongsai.sqlite3", timeout=20) as conn:
        return list(conn.execute(sql).fetchall())


def _job(env: dict[str, str], tmp_path: Path) -> dict[str, Any]:
    rows = _query(
        env,
        tmp_path,
        "SELECT status, done, total, attempts, worker_id, parts, result_path FROM jobs_documentjob",
    )
    status, done, total, attempts, worker, parts, result = rows[0]
    parts = json.loads(parts) if isinstance(parts, str) else parts
    return {"status": status, "done": done, "total": total, "attempts": attempts,
            "worker": worker, "parts": parts, "result": result}  # fmt: skip


def _until(predicate: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    pytest.fail(f"waited {seconds} s for {what}")


@pytest.mark.django_db(transaction=True)
def test_a_batch_killed_with_its_worker_is_completed_by_another_from_where_it_stopped(
    tmp_path: Path,
) -> None:
    env = _fresh_database_env(tmp_path)
    env.update({"PRONGSAI_JOB_LEASE_SECONDS": "5", "PRONGSAI_WORKER_BEAT_SECONDS": "1"})
    cli = [sys.executable, "-m", "prongsai"]
    subprocess.run([*cli, "demo"], env=env, check=True, capture_output=True, timeout=300)
    queue = (
        "from prongsai.jobs.services import job_start\n"
        "from prongsai.orgs.models import Agency\n"
        f"job_start(agency=Agency.objects.get(slug='demo'), user=None, fiscal_year=2567, "
        f"kinds={KINDS!r}, formats=['pdf', 'docx'])\n"
    )
    subprocess.run(
        [*cli, "shell", "-c", queue], env=env, check=True, capture_output=True, timeout=120
    )
    first = subprocess.Popen([*cli, "worker", "--interval", "0.2"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        _until(lambda: _job(env, tmp_path)["done"] >= 2, 180, "the first documents")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        first.kill()
    before = _job(env, tmp_path)
    assert before["status"] == "running" and 2 <= before["done"] < before["total"] == 12, before
    made = {k: v for k, v in before["parts"].items() if v}
    second = subprocess.Popen([*cli, "worker", "--interval", "0.2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        _until(lambda: _job(env, tmp_path)["status"] in ("done", "failed"), 240, "the batch")
        second.send_signal(signal.SIGTERM)  # idle now: a clean stop
        output = second.communicate(timeout=60)[0].decode()
    finally:
        second.kill()
    assert second.returncode == 0, output
    after = _job(env, tmp_path)
    assert (after["status"], after["done"], after["attempts"]) == ("done", 12, 2), output
    assert after["worker"] != before["worker"]
    # the documents made before the kill were kept, not made again
    assert {k: after["parts"][k] for k in made} == made
    # the second worker took its heartbeat row with it; the killed one's stays, no longer alive
    beats = _query(env, tmp_path, "SELECT worker_id FROM jobs_workerbeat")
    assert beats == [(before["worker"],)]
    tasks = sorted(
        r[0] for r in _query(env, tmp_path, "SELECT status FROM django_tasks_database_dbtaskresult")
    )
    assert tasks == ["FAILED", "SUCCESSFUL"]  # the dead worker's task row is closed, not "running"
    media = Path(tmp_path) / "uploads"
    assert (media / after["result"]).is_file()
    assert not any((media / p).exists() for p in after["parts"].values() if p)  # parts cleaned
