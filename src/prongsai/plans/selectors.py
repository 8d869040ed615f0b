"""Reads about plans."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from prongsai.orgs.models import Agency
from prongsai.plans.models import Measure, Plan, PlanIssue


def agency_plans(agency: Agency) -> QuerySet[Plan]:
    return Plan.objects.filter(agency=agency).order_by("-fiscal_year")


def plan_issues(plan: Plan) -> list[PlanIssue]:
    """The plan's issues in order, each with its measures and their responsible units/people."""
    measures = Measure.objects.prefetch_related("responsible_units", "responsible_people")
    return list(plan.issues.prefetch_related(Prefetch("measures", queryset=measures)))


def measure_responsible(measure: Measure) -> list[str]:
    names = [u.name for u in measure.responsible_units.all()]
    names += [f"{p.name} ({p.position})" for p in measure.responsible_people.all()]
    if measure.responsible_note:
        names.append(measure.responsible_note)
    return names


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """The plan's content as plain data, for its history."""
    return {
        "fiscal_year": plan.fiscal_year,
        "based_on_year": plan.based_on_year,
        "title": plan.title,
        "status": plan.status,
        "constraints_text": plan.constraints_text,
        "issues": [
            {
                "title": issue.title,
                "standard_number": issue.standard_number,
                "measures": [
                    {
                        "title": m.title,
                        "question_codes": m.question_codes,
                        "finding": m.finding,
                        "steps": m.steps,
                        "monitoring": m.monitoring,
                        "start_month": m.start_month,
                        "end_month": m.end_month,
                        "responsible": measure_responsible(m),
                        "expected_outcome": m.expected_outcome,
                    }
                    for m in issue.measures.all()
                ],
            }
            for issue in plan_issues(plan)
        ],
    }


def plan_measure_count(plan: Plan) -> int:
    return Measure.objects.filter(issue__plan=plan).count()


def plan_last_change(plan: Plan) -> tuple[Any, Any]:
    """Who changed the plan (or any of its issues and measures) last, and when: its history."""
    revision = plan.revisions.select_related("user").order_by("-at", "-pk").first()
    return (revision.user, revision.at) if revision is not None else (None, None)
