"""Reaching a plan and its parts: always through the agency's access check."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user, get_or_404
from prongsai.plans.models import Measure, Plan, PlanIssue, PlanRevision


def get_plan_for_user(
    user: Any, slug: str, year: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Plan]:
    access = get_agency_for_user(user, slug, need)
    plan = get_or_404(
        Plan.objects.select_related("approved_by"),
        "ไม่พบมาตรการของปีงบประมาณนี้",
        agency=access.agency,
        fiscal_year=year,
    )
    plan.agency = access.agency  # read once, with its district and province, by the access check
    return access, plan


class PlanIsApproved(PermissionDenied):
    """Raised for a change to an approved plan; the plan's edit views answer it with the plan page
    (a Thai message and what was typed), other callers with 403."""


def get_editable_plan_for_user(user: Any, slug: str, year: int) -> tuple[AgencyAccess, Plan]:
    """A plan the user may change now: write access, and not locked by approval."""
    access, plan = get_plan_for_user(user, slug, year, Need.WRITE)
    if plan.is_locked:
        raise PlanIsApproved("มาตรการนี้อนุมัติแล้ว ต้องเปิดแก้ไขก่อนจึงจะแก้ได้")
    return access, plan


def get_issue_for_user(user: Any, slug: str, year: int, pk: int) -> tuple[AgencyAccess, PlanIssue]:
    access, plan = get_editable_plan_for_user(user, slug, year)
    issues = PlanIssue.objects.select_related("plan")
    return access, get_or_404(issues, "ไม่พบประเด็นนี้", plan=plan, pk=pk)


def get_measure_for_user(user: Any, slug: str, year: int, pk: int) -> tuple[AgencyAccess, Measure]:
    access, plan = get_editable_plan_for_user(user, slug, year)
    measures = Measure.objects.select_related("issue__plan")
    return access, get_or_404(measures, "ไม่พบมาตรการนี้", issue__plan=plan, pk=pk)


def get_revision_for_user(
    user: Any, slug: str, year: int, pk: int
) -> tuple[AgencyAccess, PlanRevision]:
    """An entry of the plan's history (read access)."""
    access, plan = get_plan_for_user(user, slug, year)
    revisions = PlanRevision.objects.select_related("plan__agency")
    return access, get_or_404(revisions, "ไม่พบรายการนี้ในประวัติ", plan=plan, pk=pk)
