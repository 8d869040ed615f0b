"""A bulk import in the worker: checked whole, written in chunks that a new worker resumes, one
audit summary, a clear account when a chunk cannot be written, a graceful stop between chunks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.utils import timezone

from prongsai.audit.models import AuditEntry
from prongsai.core import queued
from prongsai.jobs.services import jobs_recover
from prongsai.oversight import bulk
from prongsai.oversight.bulk import bulk_import, bulk_import_queue, bulk_import_run
from prongsai.oversight.models import BulkImport
from prongsai.results.models import Result
from tests.oversight.test_bulk import as_csv, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _one_row_chunks(monkeypatch: Any) -> Iterator[None]:
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 1)
    queued._stop.clear()
    yield
    queued._stop.clear()


def _three_rows(area: Any) -> bytes:
    return as_csv([row(a.code, 2567) for a in area.agencies[:3]])


def test_a_national_import_writes_one_audit_summary_not_a_row_per_record(area: Any) -> None:
    before = AuditEntry.objects.count()
    # these agencies have results: each save replaces ten indicator rows (deletes, before)
    report = bulk_import(as_csv([row(a.code, 2566) for a in area.agencies[:3]]), "r.csv")
    assert report.rows == 3
    new = AuditEntry.objects.order_by("pk")[before:]
    assert [(e.model, e.action) for e in new] == [("oversight.bulkimport", "update")]
    assert new[0].changes["written"] == 3 and new[0].changes["years"] == [2566]


def test_the_upload_only_keeps_the_file_and_the_worker_reads_it(
    area: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    read: list[str] = []
    real_parse = bulk.parse
    monkeypatch.setattr(bulk, "parse", lambda c, n: read.append(n) or real_parse(c, n))
    upload = SimpleUploadedFile("r.csv", _three_rows(area))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = area.client("staff").post("/oversight/import/", {"file": upload})
    assert response.status_code == 302 and read == []  # the request parsed nothing
    for callback in callbacks:
        callback()
    job = BulkImport.objects.get()
    assert read == ["r.csv"] and (job.status, job.written, job.rows) == ("done", 3, 3)


def test_an_import_whose_worker_died_resumes_after_its_written_chunks(area: Any) -> None:
    job = bulk_import_queue(_three_rows(area), "r.csv")
    # the dead worker had written the first chunk (row 1) when it stopped answering
    BulkImport.objects.filter(pk=job.pk).update(
        status="running", worker_id="dead", attempts=1, rows=3, written=1,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=10),
    )  # fmt: skip
    assert jobs_recover().requeued == [f"oversight.bulkimport:{job.pk}"]  # runs inline here
    job.refresh_from_db()
    assert (job.status, job.written, job.attempts) == ("done", 3, 2)
    first, *rest = area.agencies[:3]
    assert not Result.objects.filter(agency=first, year=2567).exists()  # not written again
    assert all(Result.objects.filter(agency=a, year=2567).exists() for a in rest)


def test_a_chunk_that_keeps_meeting_locked_rows_stops_with_what_was_written(
    area: Any, monkeypatch: Any
) -> None:
    real = bulk._write_chunk
    calls: list[int] = []

    def second_chunk_locked(rows: Any, **kwargs: Any) -> int:
        calls.append(1)
        if len(calls) > 1:
            raise OperationalError("canceling statement due to lock timeout")
        return real(rows, **kwargs)

    monkeypatch.setattr(bulk, "_write_chunk", second_chunk_locked)
    monkeypatch.setattr(bulk.time, "sleep", lambda s: None)
    job = bulk_import_queue(_three_rows(area), "r.csv")
    assert bulk_import_run.call(job.pk) == "failed"
    job.refresh_from_db()
    assert (job.status, job.written) == ("failed", 1)
    assert len(calls) == 1 + bulk.CHUNK_TRIES  # the locked chunk was tried again, then given up
    assert "บันทึกแล้ว 1 จาก 3 แถว (ถึงแถวที่ 2 ของไฟล์)" in job.messages[0]
    assert Result.objects.filter(agency=area.agencies[0], year=2567).exists()
    assert not Result.objects.filter(agency=area.agencies[1], year=2567).exists()
    summary = AuditEntry.objects.get(model="oversight.bulkimport")
    assert (summary.changes["written"], summary.changes["rows"]) == (1, 3)


def test_a_stopping_worker_hands_the_import_back_between_chunks(
    area: Any, monkeypatch: Any
) -> None:
    requeued: list[int] = []
    monkeypatch.setattr(BulkImport, "task_enqueue", lambda self: requeued.append(self.pk))
    job = bulk_import_queue(_three_rows(area), "r.csv")
    queued.stop_request()
    assert bulk_import_run.call(job.pk) == "released"
    job.refresh_from_db()
    assert (job.status, job.written, job.attempts) == ("queued", 1, 0) and requeued == [job.pk]
    queued._stop.clear()
    assert bulk_import_run.call(job.pk) == "done"
    job.refresh_from_db()
    assert (job.written, job.rows) == (3, 3)


def test_a_file_with_a_bad_row_still_writes_nothing_in_the_worker(area: Any) -> None:
    content = as_csv([row(area.agencies[0].code, 2567), row("nope nope", 2567)])
    job = bulk_import_queue(content, "r.csv")
    assert bulk_import_run.call(job.pk) == "failed"
    job.refresh_from_db()
    assert job.written == 0 and job.messages[0] == "ไม่ได้บันทึกอะไร แก้ไฟล์แล้วส่งใหม่"
    assert not Result.objects.filter(agency=area.agencies[0], year=2567).exists()
