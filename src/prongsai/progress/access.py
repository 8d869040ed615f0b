"""Reaching progress objects: always through the plan, and so through the agency's access check.

Unlike the plan editor, progress is recorded on approved (locked) plans too, so these helpers use
`get_plan_for_user` with the needed level rather than the plan's editable check."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from prongsai.orgs.access import AgencyAccess, Need, get_or_404
from prongsai.plans.access import get_plan_for_user
from prongsai.plans.models import Measure, Plan
from prongsai.progress.models import Action, Evidence, Period, ProgressReport, ReportEvent
from prongsai.progress.selectors import report_for


def get_progress_plan_for_user(
    user: Any, slug: str, year: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Plan]:
    return get_plan_for_user(user, slug, year, need)


def get_measure_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Measure]:
    access, plan = get_plan_for_user(user, slug, year, need)
    measure = get_or_404(
        Measure.objects.select_related("issue__plan__agency"),
        "ไม่พบมาตรการนี้",
        issue__plan=plan,
        pk=pk,
    )
    return access, measure


def get_action_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Action]:
    access, plan = get_plan_for_user(user, slug, year, need)
    action = get_or_404(
        Action.objects.select_related("measure__issue__plan__agency"),
        "ไม่พบการดำเนินการนี้",
        measure__issue__plan=plan,
        pk=pk,
    )
    return access, action


def get_evidence_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Evidence]:
    access, plan = get_plan_for_user(user, slug, year, need)
    evidence = get_or_404(
        Evidence.objects.select_related("action__measure__issue__plan__agency"),
        "ไม่พบหลักฐานนี้",
        action__measure__issue__plan=plan,
        pk=pk,
    )
    return access, evidence


def get_report_for_user(
    user: Any, slug: str, year: int, period: str, need: Need = Need.READ
) -> tuple[AgencyAccess, ProgressReport]:
    access, plan = get_plan_for_user(user, slug, year, need)
    if period not in Period.values:
        raise Http404("ไม่มีรอบรายงานนี้")
    report = report_for(plan, period)
    report.plan = plan
    return access, report


def get_report_event_for_user(
    user: Any, slug: str, year: int, pk: int
) -> tuple[AgencyAccess, ReportEvent]:
    """An entry of a report's history (finalised, reopened), read access."""
    access, plan = get_plan_for_user(user, slug, year)
    events = ReportEvent.objects.select_related("report__plan__agency")
    return access, get_or_404(events, "ไม่พบรายการนี้ในประวัติ", report__plan=plan, pk=pk)
