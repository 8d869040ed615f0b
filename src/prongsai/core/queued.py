"""What background work shares (document batches, bulk imports): the job's lease, who runs it,
whether it is finished or stalled, and the status the page's script polls
(`static/prongsai/job.js`, with the markup of `core/_job_progress.html`).

A job is *claimed* by one worker at a time (`job_claim`, a conditional update: two deliveries of
one task, or two workers, never run it twice at once) and holds a *lease*: `heartbeat_at`,
renewed after every chunk of work (`job_beat`) and every few seconds by the worker's heartbeat
thread (`prongsai.jobs.worker`). A lease older than `JOB_LEASE_SECONDS` means the worker died;
the sweep (`prongsai.jobs.services.jobs_recover`) puts such a job back in the queue, where the
next worker resumes it from its last finished chunk, or gives up after `JOB_MAX_ATTEMPTS`."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.thai import local_digits

logger = logging.getLogger(__name__)

STALLED_AFTER = dt.timedelta(minutes=2)

_stop = threading.Event()
_worker = {"id": f"inline-{socket.gethostname()}-{os.getpid()}"[:64]}
_progress = {"at": time.monotonic()}
# A chunk running longer than this is taken for hung: the heartbeat thread stops renewing its
# job's lease (the stop limit of the worker unit is the same 300 s).
HUNG_AFTER_SECONDS = 300


class JobLost(Exception):
    """This worker no longer holds the job (its lease expired and another worker took it)."""


def worker_id() -> str:
    """The id of this process as a worker (`prongsai worker` sets it; inline runs have one too)."""
    return _worker["id"]


def worker_id_set(value: str) -> None:
    _worker["id"] = value[:64]


def stop_request() -> None:
    """Asked by the worker on SIGTERM: running jobs stop after their current chunk."""
    _stop.set()


def stop_requested() -> bool:
    return _stop.is_set()


def progress_age() -> float:
    """Seconds since this process last claimed a job or finished a chunk."""
    return time.monotonic() - _progress["at"]


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def lease_expired_q(now: dt.datetime | None = None) -> Q:
    cutoff = (now or timezone.now()) - lease()
    return Q(status="running") & (Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True))


class QueuedWork(models.Model):
    """Mixed into a job model with `status` ("queued", "running", "done", "failed", and
    "cancelled" where a job can be cancelled), `created_at`, `done`, `total`, `percent` and
    `messages`. A subclass says how to queue its task
    again (`task_enqueue`), what to remove when it gives up (`partial_discard`) and what to tell
    the user then (`gave_up_messages`)."""

    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker_id = models.CharField(max_length=64, blank=True)

    status: Any
    created_at: Any

    class Meta:
        abstract = True

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed", "cancelled")

    @property
    def lease_expired(self) -> bool:
        """Running, but its worker has not been heard of for longer than the lease."""
        if self.status != "running":
            return False
        return self.heartbeat_at is None or timezone.now() - self.heartbeat_at > lease()

    @property
    def stalled(self) -> bool:
        """Still queued two minutes on (most likely no `prongsai worker` runs), or running
        with an expired lease (its worker died): the page says ค้าง and offers to retry."""
        waiting = self.status == "queued" and timezone.now() - self.created_at > STALLED_AFTER
        return waiting or self.lease_expired

    def task_enqueue(self) -> None:
        raise NotImplementedError

    def partial_discard(self) -> None:
        """Remove what an unfinished run left behind (files); the default keeps everything."""

    def gave_up_messages(self) -> list[str]:
        raise NotImplementedError


def job_claim(model: type[Any], pk: int) -> Any:
    """Take the job for this worker when it is queued or its lease expired; None when another
    worker holds it or it is finished (a task delivered twice runs once)."""
    now = timezone.now()
    taken = (
        model.objects.filter(pk=pk)
        .filter(Q(status="queued") | lease_expired_q(now))
        .update(
            status="running", worker_id=worker_id(), heartbeat_at=now, attempts=F("attempts") + 1
        )
    )
    return model.objects.get(pk=pk) if taken else None


def job_beat(job: Any, **fields: Any) -> None:
    """Renew the lease (and save `fields`, e.g. progress); JobLost when another worker has taken
    the job over meanwhile (this one must stop: its work would be done twice)."""
    for name, value in fields.items():
        setattr(job, name, value)
    now = timezone.now()
    if (
        not type(job)
        .objects.filter(pk=job.pk, status="running", worker_id=worker_id())
        .update(heartbeat_at=now, **fields)
    ):
        raise JobLost(job.pk)
    job.heartbeat_at = now
    _progress["at"] = time.monotonic()


def job_release(job: Any) -> None:
    """Hand the job back to the queue after a finished chunk (the worker is stopping): the next
    worker resumes it, and this run does not count as a failed attempt."""
    if (
        type(job)
        .objects.filter(pk=job.pk, status="running", worker_id=worker_id())
        .update(status="queued", worker_id="", heartbeat_at=None, attempts=F("attempts") - 1)
    ):
        job.task_enqueue()


def job_status(job: Any) -> JsonResponse:
    """The status the page's script polls."""
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "done": job.done,
            "total": job.total,
            "count": local_digits(f"{job.done}/{job.total}"),  # in the page's digits
            "percent": job.percent,
            "messages": job.messages,
            "stalled": job.stalled,
        }
    )


def failure_message(what: str, pk: int) -> str:
    """Log the exception being handled, with its traceback, for the site's administrators, and
    return what the job's page shows instead: the exception's own text can hold paths, SQL or
    another agency's data, and means nothing to an officer."""
    logger.exception("%s %s failed", what, pk)
    return _(
        "เกิดข้อผิดพลาดในระบบระหว่างทำงานนี้ ผู้ดูแลระบบได้รับรายละเอียดแล้ว โปรดลองใหม่ภายหลังหรือแจ้งผู้ดูแลระบบ"
    )
