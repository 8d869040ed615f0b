"""`prongsai prune sessions|audit|history`: old things go, what official acts need stays."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from prongsai.audit.models import AuditEntry
from prongsai.plans.models import PlanRevision

pytestmark = pytest.mark.django_db
OLD = timezone.now() - dt.timedelta(days=1000)


def test_expired_sessions_go_and_live_ones_stay(capsys: Any) -> None:
    live, dead = SessionStore(), SessionStore()
    live.create()
    dead.create()
    Session.objects.filter(session_key=dead.session_key).update(expire_date=OLD)
    call_command("prune", "sessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert "sessions: 1 expired removed" in capsys.readouterr().out


def test_audit_entries_older_than_the_age_go(world: Any, capsys: Any) -> None:
    entries = AuditEntry.objects.count()
    assert entries > 2  # building the world wrote some
    old = list(AuditEntry.objects.values_list("pk", flat=True)[:2])
    AuditEntry.objects.filter(pk__in=old).update(at=OLD)
    call_command("prune", "audit", "--days", "365", "--dry-run")
    assert AuditEntry.objects.count() == entries
    call_command("prune", "audit", "--days", "365")
    assert AuditEntry.objects.count() == entries - 2
    assert not AuditEntry.objects.filter(pk__in=old).exists()
    assert "audit: 2 audit entries older than 365 days removed" in capsys.readouterr().out


def test_old_history_snapshots_are_emptied_but_approvals_copies_and_the_latest_stay(
    world: Any,
) -> None:
    plan = world.objects["plan"]
    revisions = list(PlanRevision.objects.filter(plan=plan).order_by("pk"))
    assert len(revisions) >= 3
    first, second, *_rest, latest = revisions
    PlanRevision.objects.filter(pk=first.pk).update(action="approve")
    PlanRevision.objects.filter(pk=second.pk).update(copy_path="plans/x.pdf")
    PlanRevision.objects.filter(plan=plan).update(at=OLD)
    PlanRevision.objects.create(plan=plan, action="update", summary="old", snapshot={"a": 1})
    PlanRevision.objects.filter(plan=plan, summary="old").update(at=OLD)
    call_command("prune", "history")
    kept = dict(PlanRevision.objects.filter(plan=plan).values_list("pk", "snapshot"))
    assert kept[first.pk] and kept[second.pk]  # an approval, an official copy
    newest = PlanRevision.objects.filter(plan=plan).order_by("-pk").first()
    assert newest is not None and kept[newest.pk] == {"a": 1}  # the plan's latest entry
    emptied = [pk for pk, snap in kept.items() if snap == {}]
    assert latest.pk in emptied and len(emptied) == len(revisions) - 2
    assert PlanRevision.objects.filter(plan=plan).count() == len(revisions) + 1  # rows stay
