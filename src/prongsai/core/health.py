"""Readiness: whether this process can serve — the database answers, the file store takes a
write, a read and a delete, the cache keeps a value, and the background workers take work.

`/healthz` stays liveness (the process and its database answer); `/readyz` (this) is for the load
balancer and monitoring. It names the failing checks and the error's type only: no host names,
no messages that could carry secrets.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from prongsai.core import files

logger = logging.getLogger(__name__)

# A task waiting this long with no worker taking it: no worker is alive (or all are stuck).
WORKER_QUEUE_LIMIT = dt.timedelta(minutes=2)


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def check_storage() -> str:
    token = secrets.token_hex(8).encode()
    stored = files.bytes_store(token, folder=".health", extension="txt")
    try:
        if files.read_bytes(stored.path) != token:
            raise OSError("the store gave back other bytes")
    finally:
        files.delete(stored.path)
    return "ok"


def check_cache() -> str:
    cache = caches["default"]
    key, token = f"health:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, token, 30)
    try:
        if cache.get(key) != token:
            # the local-memory cache of another process or a dummy never fails this; Redis can
            raise OSError("the cache did not keep the value")
    finally:
        cache.delete(key)
    return "ok"


def check_workers() -> str:
    """Work is waiting and no worker has sent a heartbeat within the lease, or a task ready to run
    has waited two minutes (every worker is stuck): the queue drains for nobody."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return "not used"  # tasks run inline
    from django_tasks_db.models import DBTaskResult

    from prongsai.jobs.selectors import workers_alive

    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    if oldest is None:
        return "ok"
    if not workers_alive():
        raise RuntimeError("work is queued and no worker is alive")
    if timezone.now() - oldest > WORKER_QUEUE_LIMIT:
        raise RuntimeError("a task has waited more than two minutes for a worker")
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "storage": check_storage,
    "cache": check_cache,
    "workers": check_workers,
}


def readiness() -> tuple[bool, dict[str, Any]]:
    """(all well, each check's outcome and milliseconds)."""
    out: dict[str, Any] = {}
    ready = True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            status = check()
        except Exception as e:
            logger.warning("readiness check %s failed", name, exc_info=True)
            status, ready = f"fail: {type(e).__name__}", False
        out[name] = {"status": status, "ms": round(1000 * (time.perf_counter() - started), 1)}
    return ready, out
