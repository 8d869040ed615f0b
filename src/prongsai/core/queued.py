"""Background work that waits too long: a job still queued after a couple of minutes most likely
has no `prongsai worker` to run it, and its page says so."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

STALLED_AFTER = dt.timedelta(minutes=2)


def is_stalled(status: str, created_at: dt.datetime) -> bool:
    return status == "queued" and timezone.now() - created_at > STALLED_AFTER
