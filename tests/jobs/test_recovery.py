"""A job whose worker died: requeued and resumed from what it made, or failed after its tries;
the heartbeat of workers; the retry button; the graceful stop."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from prongsai.core import queued
from prongsai.core.files import bytes_store, read_bytes
from prongsai.jobs.models import DocumentJob, WorkerBeat
from prongsai.jobs.selectors import workers_alive
from prongsai.jobs.services import job_retry, jobs_recover, worker_beat, worker_gone
from prongsai.jobs.tasks import render_documents
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db

LONG_AGO = dt.timedelta(minutes=10)


@pytest.fixture(autouse=True)
def _no_stop_request() -> Iterator[None]:
    queued._stop.clear()
    yield
    queued._stop.clear()


def _job(world: Any, **fields: Any) -> DocumentJob:
    return DocumentJob.objects.create(
        agency=world.agency, fiscal_year=2567, kinds=["plan"], formats=["pdf", "docx"], total=2,
        **fields,
    )  # fmt: skip


def _dead_worker_made_the_pdf(job: DocumentJob) -> str:
    """As a worker that made the first document and then died: running, an old heartbeat."""
    made = bytes_store(b"%PDF-1.7 made before the crash", folder=f"jobs/{job.pk}", extension="pdf")
    DocumentJob.objects.filter(pk=job.pk).update(
        status="running",
        worker_id="dead-worker",
        attempts=1,
        heartbeat_at=timezone.now() - LONG_AGO,
        parts={"plan.pdf": made.path},
        done=1,
    )
    return made.path


def test_a_batch_whose_worker_died_resumes_from_the_documents_already_made(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    job = _job(world)
    made = _dead_worker_made_the_pdf(job)
    report = jobs_recover()  # the sweep of a live worker (the task runs inline here)
    assert report.requeued == [f"jobs.documentjob:{job.pk}"] and not report.failed
    job.refresh_from_db()
    assert job.attempts == 2 and job.parts["plan.pdf"] == made  # kept, not made again
    assert (job.status, job.done, job.total) == ("done", 2, 2)
    archive = zipfile.ZipFile(io.BytesIO(read_bytes(job.result_path)))
    assert sorted(archive.namelist()) == ["plan-ours-2567.docx", "plan-ours-2567.pdf", "อ่านก่อน.txt"]
    assert archive.read("plan-ours-2567.pdf") == b"%PDF-1.7 made before the crash"
    # the resumed run built the plan for its DOCX, so the read-me still names it
    assert "plan-ours-2567" in archive.read("อ่านก่อน.txt").decode()


def test_a_batch_past_its_tries_fails_in_thai_and_its_partial_files_go(
    world: Any, settings: Any
) -> None:
    job = _job(world)
    made = _dead_worker_made_the_pdf(job)
    DocumentJob.objects.filter(pk=job.pk).update(attempts=settings.JOB_MAX_ATTEMPTS)
    report = jobs_recover()
    assert report.failed == [f"jobs.documentjob:{job.pk}"] and not report.requeued
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at is not None
    assert "ระบบจึงหยุดลองใหม่" in job.messages[-1]
    with pytest.raises(FileNotFoundError):
        read_bytes(made)


def test_a_running_job_whose_worker_is_alive_is_left_alone(world: Any) -> None:
    job = _job(world)
    _dead_worker_made_the_pdf(job)
    DocumentJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
    assert jobs_recover().requeued == []
    job.refresh_from_db()
    assert (job.status, job.worker_id, job.attempts) == ("running", "dead-worker", 1)


def test_the_heartbeat_keeps_the_lease_of_the_workers_own_jobs_and_counts_it_alive(
    world: Any,
) -> None:
    job = _job(world)
    _dead_worker_made_the_pdf(job)
    assert workers_alive() == 0
    worker_beat("dead-worker")  # it was only slow: its next beat renews the lease
    job.refresh_from_db()
    assert not job.lease_expired and not job.stalled
    assert workers_alive() == 1
    WorkerBeat.objects.update(last_seen=timezone.now() - LONG_AGO)
    assert workers_alive() == 0
    worker_gone("dead-worker")
    assert not WorkerBeat.objects.exists()


def test_the_task_row_a_dead_worker_left_running_is_closed(world: Any) -> None:
    job = _job(world)
    _dead_worker_made_the_pdf(job)
    row = DBTaskResult.objects.create(
        task_path="prongsai.jobs.tasks.render_documents",
        args_kwargs={"args": [job.pk], "kwargs": {}},
        status="RUNNING",
        started_at=timezone.now() - LONG_AGO,
        worker_ids=["dead-worker"],
        backend_name="default",
    )
    assert jobs_recover().tasks_closed == 1
    row.refresh_from_db()
    assert row.status == "FAILED"


def test_a_job_taken_over_by_another_worker_stops_the_first(world: Any) -> None:
    job = _job(world)
    _dead_worker_made_the_pdf(job)
    taken = queued.job_claim(DocumentJob, job.pk)  # this process takes it over
    assert taken is not None and taken.worker_id == queued.worker_id()
    DocumentJob.objects.filter(pk=job.pk).update(worker_id="a-third-worker")
    with pytest.raises(queued.JobLost):
        queued.job_beat(taken, done=2)
    assert queued.job_claim(DocumentJob, job.pk) is None  # its lease is fresh: not claimable


def test_a_stopping_worker_finishes_the_document_in_hand_and_hands_the_batch_back(
    world: Any, monkeypatch: Any
) -> None:
    job = _job(world)
    requeued: list[int] = []
    monkeypatch.setattr(DocumentJob, "task_enqueue", lambda self: requeued.append(self.pk))
    queued.stop_request()  # SIGTERM arrived
    assert render_documents.call(job.pk) == "released"
    job.refresh_from_db()
    assert (job.status, job.done, job.attempts, job.worker_id) == ("queued", 1, 0, "")
    assert list(job.parts) == ["plan.pdf"] and requeued == [job.pk]
    queued._stop.clear()
    assert render_documents.call(job.pk) != "released"  # the next worker finishes it
    job.refresh_from_db()
    assert (job.status, job.done) == ("done", 2)


def _editor() -> Client:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    return client


def test_the_retry_button_puts_a_batch_whose_worker_died_back_in_the_queue(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    job = _job(world)
    _dead_worker_made_the_pdf(job)
    client = _editor()
    url = reverse("jobs:detail", args=["ours", job.pk])
    status = client.get(url, headers={"Accept": "application/json"}).json()
    assert status["stalled"] is True and status["status"] == "running"
    page = client.get(url).content.decode()
    assert "ค้าง" in page and reverse("jobs:retry", args=["ours", job.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:retry", args=["ours", job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 1  # counted afresh


def test_the_retry_of_a_job_that_is_not_stalled_changes_nothing(world: Any) -> None:
    job = _job(world)
    DocumentJob.objects.filter(pk=job.pk).update(
        status="running", worker_id="alive", heartbeat_at=timezone.now(), attempts=1
    )
    job.refresh_from_db()
    assert job_retry(job) is False
    response = _editor().post(reverse("jobs:retry", args=["ours", job.pk]), follow=True)
    assert "ไม่ได้ค้างแล้ว" in response.content.decode()
    job.refresh_from_db()
    assert (job.status, job.worker_id) == ("running", "alive")


def test_a_viewer_cannot_retry(world: Any) -> None:
    job = _job(world)
    _dead_worker_made_the_pdf(job)
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    assert client.post(reverse("jobs:retry", args=["ours", job.pk])).status_code == 403
    assert (
        "job-retry"
        not in client.get(reverse("jobs:detail", args=["ours", job.pk])).content.decode()
    )
    job.refresh_from_db()
    assert job.status == "running"


def test_the_recover_command_says_what_it_did(world: Any, capsys: Any, settings: Any) -> None:
    job = _job(world)
    _dead_worker_made_the_pdf(job)
    DocumentJob.objects.filter(pk=job.pk).update(attempts=settings.JOB_MAX_ATTEMPTS)
    call_command("jobs", "recover")
    out = capsys.readouterr().out
    assert f"failed 1: jobs.documentjob:{job.pk}" in out and "requeued 0" in out
    call_command("jobs", "workers")
    assert "alive: 0" in capsys.readouterr().out


def test_a_chunk_hung_past_the_stop_limit_lets_its_lease_run_out(
    world: Any, monkeypatch: Any
) -> None:
    import time

    from prongsai.jobs.worker import Heartbeat

    job = _job(world)
    _dead_worker_made_the_pdf(job)
    monkeypatch.setitem(queued._worker, "id", "dead-worker")  # this process is that worker
    monkeypatch.setitem(queued._progress, "at", time.monotonic() - queued.HUNG_AFTER_SECONDS - 1)
    Heartbeat("dead-worker").beat(sweep=False)
    job.refresh_from_db()
    assert job.lease_expired  # not renewed: another worker may take it over
    assert workers_alive() == 1  # the process itself is still alive
    monkeypatch.setitem(queued._progress, "at", time.monotonic())
    Heartbeat("dead-worker").beat(sweep=False)
    job.refresh_from_db()
    assert not job.lease_expired
