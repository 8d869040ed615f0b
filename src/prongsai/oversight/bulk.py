"""Bulk import of ITA results for many agencies at once (site staff only).

One CSV or XLSX sheet, one row per agency and year, a header row naming the columns:

    รหัสหน่วยงาน | ปีงบประมาณ | จังหวัด | อำเภอ | ประเภท | ชื่อหน่วยงาน | ind1 … ind10 | total | IIT …

The agency is matched by its code; an unknown code creates the agency, which then needs the
province, district, type and name columns (province and district by code or name; they must
exist). When a known agency's row also gives its place or name, they must agree with the record,
which catches the wrong code copied from a neighbour's file. Every other column is a code of the
single-agency results importer (`prongsai.results.importing`), parsed and checked by the same
functions, and every result is saved by `prongsai.results.services.result_save`. A row replaces
the agency's result of that year; its question scores and OIT items only when the row gives
some (a row of indicator scores keeps the saved ones).

All or nothing for the checks: every row is checked first and every problem is reported in Thai
with its row and column; only a file with no problem is written. The writing goes in chunks of
CHUNK_ROWS rows, each its own short transaction (docs/decisions.md, "Bulk imports checked
whole, written in chunks", says why not one): a write that fails part-way says exactly how many
rows were written, and sending the same file again finishes it (a row replaces the agency's
result of that year).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from prongsai.audit.services import audit_quiet, audit_summary
from prongsai.core import queued
from prongsai.core.files import bytes_store, delete, read_bytes
from prongsai.core.queued import failure_message
from prongsai.core.transactions import lock_timeout
from prongsai.orgs.models import Agency
from prongsai.orgs.services import agency_create
from prongsai.orgs.stamps import touches_after_commit
from prongsai.oversight.bulk_rows import MAX_BYTES, BulkImportFailed, _Row, parse
from prongsai.oversight.models import BulkImport
from prongsai.oversight.versioning import bump
from prongsai.results.models import Result
from prongsai.results.services import result_save

__all__ = ["BulkImportFailed", "BulkReport", "bulk_import", "bulk_import_queue", "bulk_import_run"]

logger = logging.getLogger(__name__)

CHUNK_ROWS = 200  # ~2-4 s of writing on PostgreSQL: the longest an officer's save waits behind it
CHUNK_TRIES = 3


@dataclass
class BulkReport:
    rows: int
    agencies: int
    created: int
    years: list[int]

    @property
    def message(self) -> str:
        years = ", ".join(str(y) for y in self.years)
        return _(
            "นำเข้าผลการประเมิน %(rows)s แถว ของ %(agencies)s หน่วยงาน (ปีงบประมาณ %(years)s) "
            "สร้างหน่วยงานใหม่ %(created)s แห่ง"
        ) % {"rows": self.rows, "agencies": self.agencies, "years": years, "created": self.created}


def _write_chunk(rows: list[_Row], *, user: Any, inside: Callable[[int], None]) -> int:
    """Save one chunk of checked rows in its own transaction (waiting at most
    IMPORT_LOCK_TIMEOUT_SECONDS for a row an officer holds); `inside(created)` runs in the same
    transaction (the job's progress, so a resumed import starts exactly after it). No audit row
    per record: the import writes one summary."""
    created = 0
    with transaction.atomic(), touches_after_commit(), audit_quiet():
        lock_timeout(settings.IMPORT_LOCK_TIMEOUT_SECONDS)
        bump()  # once for the chunk (the saves below would each ask for one)
        codes = {r.code for r in rows}
        agencies = {a.code: a for a in Agency.objects.filter(code__in=codes) if a.code}
        for row in rows:
            if row.code not in agencies:
                assert row.new is not None
                agencies[row.code] = agency_create(slug=_free_slug(row.code), code=row.code,
                                                   **row.new)  # fmt: skip
                created += 1
            result_save(agencies[row.code], row.data, source=Result.Source.IMPORT, user=user)
        inside(created)
    return created


def _chunks(rows: list[_Row], start: int) -> Iterator[tuple[int, list[_Row]]]:
    for first in range(start, len(rows), CHUNK_ROWS):
        yield first, rows[first : first + CHUNK_ROWS]


def _summary(
    filename: str, rows: list[_Row], written: int, created: int, user: Any, pk: Any
) -> None:
    audit_summary(
        user=user,
        model="oversight.bulkimport",
        object_pk=pk,
        object_repr=filename,
        changes={
            "rows": len(rows),
            "written": written,
            "agencies": len({r.code for r in rows[:written]}),
            "created": created,
            "years": sorted({r.data.year for r in rows[:written]}),
        },
    )


def bulk_import(content: bytes, filename: str, *, user: Any = None) -> BulkReport:
    """Check the whole file, then create the new agencies and save every result, chunk by chunk
    (inline: the command line and tests; the web goes through `bulk_import_queue`). On any
    problem in the file raise BulkImportFailed with every problem and write nothing."""
    rows, errors = parse(content, filename)
    if errors:
        raise BulkImportFailed(errors)
    created = 0
    for _first, chunk in _chunks(rows, 0):
        created += _write_chunk(chunk, user=user, inside=lambda _c: None)
    _summary(filename, rows, len(rows), created, user, "-")
    return BulkReport(
        len(rows), len({r.code for r in rows}), created, sorted({r.data.year for r in rows})
    )


def bulk_import_queue(content: bytes, filename: str, *, user: Any = None) -> BulkImport:
    """Keep the uploaded file and queue its import; a background worker checks and writes it
    (`bulk_import_run`). Only what needs no reading is checked here: its size and kind."""
    if len(content) > MAX_BYTES:
        raise BulkImportFailed(
            [_("ไฟล์ใหญ่เกินไป (ไม่เกิน %(mb)s MB)") % {"mb": MAX_BYTES // (1024 * 1024)}]
        )
    extension = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if extension not in ("csv", "txt", "xlsx"):
        raise BulkImportFailed([_("ไฟล์ต้องเป็น .csv หรือ .xlsx")])
    if not content:
        raise BulkImportFailed([_("ไฟล์ว่าง ไม่มีหัวคอลัมน์")])
    stored = bytes_store(content, folder="imports", extension=extension)
    job = BulkImport.objects.create(
        created_by=user if getattr(user, "pk", None) else None,
        filename=filename[:200],
        file_path=stored.path,
        language=(translation.get_language() or "th")[:10],
    )
    transaction.on_commit(job.task_enqueue)
    return job


def _finish(job: BulkImport, status: str, notes: list[str]) -> None:
    BulkImport.objects.filter(pk=job.pk, worker_id=queued.worker_id()).update(
        status=status, messages=notes, finished_at=timezone.now(), heartbeat_at=timezone.now()
    )
    delete(job.file_path)


@task()
def bulk_import_run(job_id: int) -> str:
    """Check the queued file as a whole (nothing is written when any row is wrong), then write it
    chunk by chunk, from the first chunk not yet written (a job taken over from a dead worker
    resumes there; rows replace the agency's result of the year, so writing one twice is
    harmless). A chunk that keeps meeting locked rows stops the import with what was written."""
    job = queued.job_claim(BulkImport, job_id)
    if job is None:
        return "taken"  # finished, or run by another worker
    with translation.override(job.language):
        return _run(job)


def _run(job: BulkImport) -> str:
    user = job.created_by
    rows: list[_Row] = []
    try:
        try:
            content = read_bytes(job.file_path)
        except FileNotFoundError:
            _finish(job, BulkImport.Status.FAILED, [_("ไม่พบไฟล์ที่ส่งมา ส่งไฟล์อีกครั้ง")])
            return "failed"
        rows, errors = parse(content, job.filename)
        if errors:
            _finish(job, BulkImport.Status.FAILED, [_("ไม่ได้บันทึกอะไร แก้ไฟล์แล้วส่งใหม่"), *errors])
            return "failed"
        queued.job_beat(job, rows=len(rows))
        for first, chunk in _chunks(rows, job.written):
            _write_with_retries(job, first, chunk, user)
            if queued.stop_requested() and job.written < len(rows):
                queued.job_release(job)
                return "released"
    except queued.JobLost:
        return "lost"
    except _ChunkFailed as e:
        _summary(job.filename, rows, job.written, job.created, user, job.pk)
        _finish(job, BulkImport.Status.FAILED, [e.message])
        return "failed"
    except Exception:
        notice = failure_message("bulk import", job.pk)  # logged with its traceback, not shown
        job.refresh_from_db(fields=["written", "created"])  # what really committed
        _finish(job, BulkImport.Status.FAILED, [_written_so_far(job), notice])
        return "failed"
    _summary(job.filename, rows, job.written, job.created, user, job.pk)
    years = sorted({r.data.year for r in rows})
    report = BulkReport(len(rows), len({r.code for r in rows}), job.created, years)
    _finish(job, BulkImport.Status.DONE, [report.message])
    return "done"


class _ChunkFailed(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _written_so_far(job: BulkImport) -> str:
    if not job.written:
        return _("ยังไม่ได้บันทึกแถวใด")
    return _(
        "บันทึกแล้ว %(written)s จาก %(rows)s แถว (ถึงแถวที่ %(line)s ของไฟล์) ส่วนที่เหลือยังไม่ได้บันทึก: "
        "ส่งไฟล์เดิมอีกครั้งได้ แถวที่บันทึกแล้วจะได้ค่าเดิม"
    ) % {"written": job.written, "rows": job.rows, "line": job.written + 1}


def _write_with_retries(job: BulkImport, first: int, chunk: list[_Row], user: Any) -> None:
    def progress(created: int) -> None:
        queued.job_beat(job, written=first + len(chunk), created=job.created + created)

    for attempt in range(CHUNK_TRIES):
        try:
            _write_chunk(chunk, user=user, inside=progress)
            return
        except OperationalError:  # an officer holds a row (lock timeout), or SQLite is busy
            job.refresh_from_db(fields=["written", "created"])  # what really committed
            if attempt == CHUNK_TRIES - 1:
                logger.exception("bulk import %s: chunk at row %s kept waiting", job.pk, first)
                break
            time.sleep(2**attempt)
            queued.job_beat(job)
    raise _ChunkFailed(
        _written_so_far(job) + " " + _("(บางแถวกำลังถูกแก้ไขโดยผู้ใช้คนอื่นนานเกินไป ลองนำเข้าใหม่ภายหลัง)")
    )


def _free_slug(code: str) -> str:
    base = f"lao-{code}".lower()
    slug, n = base, 1
    while Agency.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
