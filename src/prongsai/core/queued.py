"""What the pages of background work share (document batches, bulk imports): whether a job is
finished or waits too long (a job still queued after a couple of minutes most likely has no
`prongsai worker` to run it, and its page says so), and the status the page's script polls
(`static/prongsai/job.js`, with the markup of `core/_job_progress.html`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import JsonResponse
from django.utils import timezone

STALLED_AFTER = dt.timedelta(minutes=2)


class QueuedWork:
    """Mixed into a job model with `status` ("queued", "running", "done", "failed"),
    `created_at`, `done`, `total`, `percent` and `messages`."""

    status: Any
    created_at: Any

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

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
            "percent": job.percent,
            "messages": job.messages,
        }
    )
