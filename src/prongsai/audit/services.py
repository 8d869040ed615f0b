"""Writes of the audit trail besides the per-record signals: one summary entry for a bulk change,
and pruning of old entries."""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone

from prongsai.audit.models import AuditEntry

_quiet: contextvars.ContextVar[bool] = contextvars.ContextVar("prongsai_audit_quiet", default=False)


def audit_is_quiet() -> bool:
    return _quiet.get()


@contextmanager
def audit_quiet() -> Iterator[None]:
    """Inside a bulk change (a national import replaces ~650,000 score rows): no entry per
    record; the caller writes one `audit_summary` instead."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def audit_summary(
    *, user: Any, model: str, object_pk: Any, object_repr: str, changes: dict[str, Any]
) -> AuditEntry:
    """One entry standing for a whole bulk change (not tied to one agency)."""
    real = user if getattr(user, "pk", None) else None
    return AuditEntry.objects.create(
        user=real,
        username=getattr(real, "username", "") if real is not None else "",
        model=model,
        object_pk=str(object_pk)[:64],
        object_repr=object_repr[:300],
        action=AuditEntry.Action.UPDATE,
        changes=changes,
    )


def audit_prune(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the entries older than `older_than`; how many went. In batches of plain DELETEs
    (nothing refers to an entry, and the audit's own signals have nothing to say about it)."""
    cutoff = (now or timezone.now()) - older_than
    total = 0
    while True:
        batch = list(AuditEntry.objects.filter(at__lt=cutoff).values_list("pk", flat=True)[:5000])
        if not batch:
            return total
        query = AuditEntry.objects.filter(pk__in=batch)
        total += query._raw_delete(query.db)
