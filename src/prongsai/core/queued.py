"""What the pages of background work share (document batches, bulk imports): whether a job is
finished or waits too long (a job still queued after a couple of minutes most likely has no
`prongsai worker` to run it, and its page says so), and the status the page's script polls
(`static/prongsai/job.js`, with the markup of `core/_job_progress.html`)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.thai import local_digits

logger = logging.getLogger(__name__)

STALLED_AFTER = dt.timedelta(minutes=2)


class QueuedWork:
    """Mixed into a job model with `status` ("queued", "running", "done", "failed", and
    "cancelled" where a job can be cancelled),
    `created_at`, `done`, `total`, `percent` and `messages`."""

    status: Any
    created_at: Any

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed", "cancelled")

    @property
    def stalled(self) -> bool:
        """Still queued two minutes on: most likely no `prongsai worker` is running."""
        return self.status == "queued" and timezone.now() - self.created_at > STALLED_AFTER


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
