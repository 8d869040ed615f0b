"""Background work, through Django's tasks API: link checks and deadline reminders.

The database backend runs these in a worker (`prongsai db_worker`); tests use the immediate
backend. A scheduler (cron) calls the management commands `progress_check_links` and
`progress_remind`, which enqueue them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_tasks import task


@task()
def check_plan_links(plan_id: int) -> dict[str, int]:
    """Check every evidence link of a plan; returns how many links ended in each status."""
    from prongsai.plans.models import Plan
    from prongsai.progress import linkcheck, services
    from prongsai.progress.models import Evidence

    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        return {}
    links = list(
        Evidence.objects.filter(action__measure__issue__plan=plan, kind=Evidence.Kind.LINK)
    )
    results = linkcheck.check_urls(e.url for e in links)
    tally: dict[str, int] = {}
    for evidence in links:
        result = results[evidence.url]
        services.evidence_record_check(
            evidence, status=result.status, http_status=result.http_status, detail=result.detail
        )
        tally[result.status] = tally.get(result.status, 0) + 1
    return tally


@task()
def send_deadline_reminders(
    on: str | None = None, agency_slug: str | None = None
) -> dict[str, Any]:
    """E-mail each agency's editors what is overdue or due soon (once a day per agency)."""
    from prongsai.progress.reminders import send_reminders

    day = dt.date.fromisoformat(on) if on else None
    return send_reminders(on=day, agency_slug=agency_slug)
