"""The figures of an area, kept in Django's cache for as long as the data they were computed from:
a province's or a district's until one of the province's agencies changes (the province's stamp,
orgs.stamps), the country's until its data version moves on (versioning.py) and, then, for at
most OVERSIGHT_COUNTRY_MAX_AGE seconds more while new ones are computed beside the requests.

With a cache shared by every process (PRONGSAI_CACHE_URL), each set of figures is computed once
for the whole cluster: the process that wins a lock in the cache (`cache.add`) computes them, the
others wait for its result (or, for the country, keep serving the last ones)."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from prongsai.oversight.aggregates import CACHE_SECONDS, Aggregates, compute
from prongsai.oversight.filters import Filters, as_of
from prongsai.oversight.scope import COUNTRY, Scope
from prongsai.oversight.versioning import data_version

logger = logging.getLogger(__name__)

# How long a lock on computing one set of figures lasts (a process that died holding it frees it
# then), and how long another process waits for the figures before computing them itself.
LOCK_SECONDS = 120
WAIT_SECONDS = 30
_POLL = 0.05


def area_version(scope: Scope) -> str:
    """What the area's figures were computed from: the province's stamp (replaced with every
    change to the records of its agencies, orgs.stamps) for a province or a district, the
    country's data version (versioning.py) for the country."""
    if scope.province is not None:
        return scope.province.stamp
    return str(data_version())


def area_aggregates(scope: Scope, f: Filters) -> Aggregates:
    """The area's figures for the filters' year, from the cache when the data has not changed."""
    version = area_version(scope)
    area = f"{f.cache_key(scope)}:{as_of(f.plan_year).isoformat()}"  # late measures: by the day
    key = f"oversight:agg:v{version}:{area}"
    found = cache.get(key)
    if isinstance(found, Aggregates):
        return found
    latest_key = f"oversight:agg:latest:{area}"
    max_age = settings.OVERSIGHT_COUNTRY_MAX_AGE
    if scope.kind == COUNTRY and max_age:
        # The country's figures change with every save anywhere and take about a second to
        # compute on the national dataset: serve the last ones (the page says when they were
        # computed) and, once they are older than the max age, compute the new ones beside the
        # requests instead of in one.
        latest = cache.get(latest_key)
        if isinstance(latest, Aggregates):
            if timezone.now() - latest.computed_at >= dt.timedelta(seconds=max_age):
                _refresh_beside(scope, f, version, key, latest_key)
            return latest
    return _computed_once(scope, f, version, key, latest_key)


# How long a page on the country's last figures is kept while their replacement is computed
# (they are older than the max age): the requests meanwhile get the same page, and the new
# figures show at most this much later.
PENDING_PAGE_SECONDS = 2


def page_seconds(version: str, agg: Aggregates) -> tuple[int, Any, float | None]:
    """How long a page showing `agg` may be kept: (seconds, when its figures were computed if they
    are not the area's current ones (`version`, from `area_version`), else None; until when
    it is kept while new ones are computed, else None). Current figures: as long as they are
    kept. The country's last ones, served while the data moved on (above): until they reach
    the max age; past it, while the new ones are computed beside the requests, for
    PENDING_PAGE_SECONDS."""
    if agg.key.startswith(f"oversight:agg:v{version}:"):
        return CACHE_SECONDS, None, None
    left = int(settings.OVERSIGHT_COUNTRY_MAX_AGE - _age(agg.computed_at))
    if left > 0:
        return left, agg.computed_at, None
    return PENDING_PAGE_SECONDS, agg.computed_at, timezone.now().timestamp() + PENDING_PAGE_SECONDS


def page_still_fresh(computed_at: Any, pending_until: float | None) -> bool:
    """Whether a kept page (`page_seconds`) may still be served: on current figures, on last
    figures younger than the max age, or in its short while after that."""
    if computed_at is None or _age(computed_at) < settings.OVERSIGHT_COUNTRY_MAX_AGE:
        return True
    return pending_until is not None and timezone.now().timestamp() < pending_until


def _age(moment: Any) -> float:
    return float((timezone.now() - moment).total_seconds())


def _lock(key: str) -> bool:
    return bool(cache.add(f"{key}:lock", os.getpid(), LOCK_SECONDS))


def _computed_once(scope: Scope, f: Filters, version: str, key: str, latest_key: str) -> Any:
    """The figures, computed here when this process wins the lock, else by the process that
    holds it (waited for; computed here after all if it gives up or takes too long)."""
    if _lock(key):
        return _compute_and_keep(scope, f, version, key, latest_key)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(_POLL)
        found = cache.get(key)
        if isinstance(found, Aggregates):
            return found
        if cache.get(f"{key}:lock") is None and _lock(key):  # it failed: our turn
            return _compute_and_keep(scope, f, version, key, latest_key)
    logger.warning(
        "figures %s: computed here after waiting %s s for another process", key, WAIT_SECONDS
    )
    return _compute_and_keep(scope, f, version, key, latest_key, locked=False)


def _compute_and_keep(
    scope: Scope, f: Filters, version: str, key: str, latest_key: str, *, locked: bool = True
) -> Any:
    try:
        agg = compute(scope, f, version)
        agg.key = key
        cache.set(key, agg, CACHE_SECONDS)
        cache.set(latest_key, agg, CACHE_SECONDS)
        return agg
    finally:
        if locked:
            cache.delete(f"{key}:lock")


_refreshing: dict[str, threading.Thread] = {}
_refreshing_lock = threading.Lock()


def _refresh_beside(scope: Scope, f: Filters, version: str, key: str, latest_key: str) -> None:
    """Compute the figures in a thread of this process, one at a time per area and filters. Most
    of the work is SQL, which leaves Python free to serve the requests meanwhile."""

    def run() -> None:
        try:
            _lower_priority()
            _compute_and_keep(scope, f, version, key, latest_key)
        except Exception:
            logger.exception("the country's figures could not be recomputed")
        finally:
            connection.close()  # this thread's own database connection
            with _refreshing_lock:
                _refreshing.pop(latest_key, None)

    with _refreshing_lock:
        if latest_key in _refreshing:
            return
        if not _lock(key):
            return  # another process of the cluster is computing them
        thread = threading.Thread(target=run, name="oversight-refresh", daemon=True)
        _refreshing[latest_key] = thread
    thread.start()


def _lower_priority() -> None:
    """Let the requests go first: on Linux a thread has its own scheduling priority."""
    # not Linux, or not allowed: run at the usual priority
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def wait_for_refreshes(timeout: float = 60) -> None:
    """Until the figures being recomputed beside the requests are ready (for tests)."""
    with _refreshing_lock:
        threads = list(_refreshing.values())
    for thread in threads:
        thread.join(timeout)
