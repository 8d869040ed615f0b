"""Pruning a plan's history: every edit keeps a snapshot of the whole plan (a few KB to a few
hundred KB each); after a configurable age only the entry itself (who, what, when) stays, while
the snapshots of official acts (an approval, an entry that has an official copy) and each plan's
latest entry are kept for good."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Q
from django.utils import timezone

from prongsai.plans.models import PlanRevision

KEPT_ACTIONS = ("approve",)


def history_prune(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Empty the snapshots older than `older_than` that no official act needs; how many."""
    cutoff = (now or timezone.now()) - older_than
    latest = PlanRevision.objects.values("plan_id").annotate(last=Max("pk")).values("last")
    old = (
        PlanRevision.objects.filter(at__lt=cutoff)
        .exclude(snapshot={})
        .exclude(Q(action__in=KEPT_ACTIONS) | ~Q(copy_path=""))
        .exclude(pk__in=latest)
    )
    return old.update(snapshot={})
