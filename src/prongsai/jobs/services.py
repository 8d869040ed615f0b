"""Document batches, and what keeps every kind of background work alive: worker heartbeats,
the sweep that requeues the jobs of dead workers, the retry button."""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from prongsai.core import queued
from prongsai.core.documents import document_kinds
from prongsai.core.queued import QueuedWork
from prongsai.core.thai import is_fiscal_year, to_thai_digits
from prongsai.jobs.models import DocumentJob, WorkerBeat
from prongsai.orgs.models import Agency


def job_start(
    *, agency: Agency, user: Any, fiscal_year: int, kinds: list[str], formats: list[str]
) -> DocumentJob:
    """Queue a batch of documents; a worker renders them (inline with the immediate backend)."""
    from prongsai.jobs.tasks import render_documents

    kinds, formats = list(dict.fromkeys(kinds)), list(dict.fromkeys(formats))  # each once
    if not is_fiscal_year(fiscal_year):
        raise ValidationError(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๗"))
    unknown = [k for k in kinds if k not in document_kinds()]
    if unknown or not kinds:
        raise ValidationError(_("เลือกเอกสารที่จะสร้างอย่างน้อยหนึ่งชนิด"))
    if not formats or any(f not in ("pdf", "docx") for f in formats):
        raise ValidationError(_("เลือกรูปแบบไฟล์ PDF หรือ DOCX"))
    largest = settings.PRONGSAI_BATCH_MAX_DOCUMENTS
    if len(kinds) * len(formats) > largest:
        raise ValidationError(
            to_thai_digits(
                _("งานหนึ่งสร้างเอกสารได้ไม่เกิน %(n)d ไฟล์ เลือกเอกสารให้น้อยลง") % {"n": largest}
            )
        )
    with transaction.atomic():
        # one agency's batches at a time: two posts at once cannot both pass the count
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        active = DocumentJob.objects.filter(
            agency=agency, status__in=[DocumentJob.Status.QUEUED, DocumentJob.Status.RUNNING]
        ).count()
        if active >= settings.PRONGSAI_BATCH_MAX_ACTIVE:
            raise ValidationError(
                to_thai_digits(
                    _(
                        "หน่วยงานมีงานสร้างเอกสารที่รอคิวหรือกำลังทำอยู่ %(n)d งานแล้ว "
                        "โปรดรอให้งานที่ค้างอยู่เสร็จ หรือให้ผู้ดูแลของหน่วยงานยกเลิกงานที่ไม่ต้องการ"
                    )
                    % {"n": active}
                )
            )
        job = _job_create(agency, user, fiscal_year, kinds, formats)
    transaction.on_commit(lambda: render_documents.enqueue(job.pk))
    return job


def _job_create(
    agency: Agency, user: Any, fiscal_year: int, kinds: list[str], formats: list[str]
) -> DocumentJob:
    return DocumentJob.objects.create(
        agency=agency,
        requested_by=user,
        fiscal_year=fiscal_year,
        kinds=kinds,
        formats=formats,
        total=len(kinds) * len(formats),
    )


def job_cancel(job: DocumentJob) -> bool:
    """Cancel a queued or running batch (the worker stops before its next document); False when
    it had already finished."""
    cancelled = bool(
        DocumentJob.objects.filter(
            pk=job.pk, status__in=[DocumentJob.Status.QUEUED, DocumentJob.Status.RUNNING]
        ).update(status=DocumentJob.Status.CANCELLED, finished_at=timezone.now())
    )
    if cancelled:  # the documents made so far go (a running worker drops the one in hand)
        job.refresh_from_db()
        job.partial_discard()
    return cancelled


def queued_models() -> list[type[Any]]:
    """Every model of background work (document batches, bulk imports, ...)."""
    return [m for m in apps.get_models() if issubclass(m, QueuedWork)]


@dataclass
class Recovery:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    tasks_closed: int = 0


def jobs_recover(*, now: dt.datetime | None = None) -> Recovery:
    """The sweep every worker runs: each running job whose lease expired goes back to the queue
    (its next run resumes from its last finished chunk), or, after JOB_MAX_ATTEMPTS runs, fails
    with a Thai message and its partial files removed. Safe to run in many workers at once: each
    change is a conditional update, done by one of them."""
    now = now or timezone.now()
    report = Recovery()
    for model in queued_models():
        for pk in model.objects.filter(queued.lease_expired_q(now)).values_list("pk", flat=True):
            label = f"{model._meta.label_lower}:{pk}"
            expired = model.objects.filter(queued.lease_expired_q(now), pk=pk)
            job = expired.first()
            if job is None:
                continue
            if job.attempts >= settings.JOB_MAX_ATTEMPTS:
                if expired.update(
                    status="failed",
                    messages=[*job.messages, *job.gave_up_messages()],
                    finished_at=now,
                    worker_id="",
                ):
                    job.refresh_from_db()
                    job.partial_discard()
                    report.failed.append(label)
            elif expired.update(status="queued", worker_id="", heartbeat_at=None):
                job.task_enqueue()
                report.requeued.append(label)
    report.tasks_closed = _close_tasks_of_dead_workers(now)
    return report


def _close_tasks_of_dead_workers(now: dt.datetime) -> int:
    """The task rows (django-tasks) a dead worker left "running" are marked failed, so the
    admin's list of tasks tells the truth; the job itself was requeued above."""
    cutoff = now - queued.lease()
    alive = set(
        WorkerBeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True)
    )
    closed = 0
    for row in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        if row.worker_ids and row.worker_ids[-1] not in alive:
            closed += DBTaskResult.objects.filter(pk=row.pk, status=row.status).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path="prongsai.core.queued.JobLost",
                traceback="the worker running this task stopped answering (lease expired)",
            )
    WorkerBeat.objects.filter(last_seen__lt=now - dt.timedelta(days=1)).delete()
    return closed


def job_retry(job: QueuedWork) -> bool:
    """The retry button of a stalled job: a job whose worker died goes back to the queue now
    (with its attempts counted afresh); one waiting too long in the queue is queued once more
    (the claim makes sure it runs once). False when the job is not stalled (any more)."""
    model: Any = type(job)
    if job.lease_expired:
        if not model.objects.filter(queued.lease_expired_q(), pk=job.pk).update(
            status="queued", worker_id="", heartbeat_at=None, attempts=0
        ):
            return False
    elif not job.stalled:
        return False
    transaction.on_commit(job.task_enqueue)
    return True


def worker_beat(worker: str, *, now: dt.datetime | None = None, renew_jobs: bool = True) -> None:
    """The worker is alive: its heartbeat row, and (unless its chunk in hand looks hung) the
    lease of every job it is running."""
    now = now or timezone.now()
    if not WorkerBeat.objects.filter(worker_id=worker).update(last_seen=now):
        WorkerBeat.objects.update_or_create(
            worker_id=worker,
            defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "last_seen": now},
        )
    if renew_jobs:
        for model in queued_models():
            model.objects.filter(status="running", worker_id=worker).update(heartbeat_at=now)


def worker_gone(worker: str) -> None:
    """A worker stopping cleanly takes its heartbeat row with it."""
    WorkerBeat.objects.filter(worker_id=worker).delete()
