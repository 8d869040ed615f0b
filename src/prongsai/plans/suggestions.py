"""Measures proposed for a plan: the weak questions and indicators of the results the plan is
based on, matched against the knowledge base (`knowledge.py`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.plans.models import Measure, Plan


def weak_points(plan: Plan) -> tuple[list[str], list[int]]:
    """The weak question codes and indicator numbers of the analysis of the plan's base year."""
    from prongsai.analysis.selectors import analysis_for

    analysis = analysis_for(plan.agency, plan.based_on_year)
    if analysis is None:
        return [], []
    return list(analysis.weak_codes), list(analysis.weak_indicators)


def plan_suggestions(plan: Plan) -> dict[str, Any]:
    from prongsai.plans.knowledge import suggest

    codes, indicators = weak_points(plan)
    groups, unknown = suggest(codes, plan.based_on_year, weak_indicators=indicators)
    codes_by_key = {m.key: c for g in groups for m, c in g.pairs()}
    taken = set(
        Measure.objects.filter(issue__plan=plan).exclude(kb_key="").values_list("kb_key", flat=True)
    )
    basis = thai.local_digits(
        _(
            "จากผลการประเมิน ITA ปีงบประมาณ %(year)s: "
            "ข้อคำถามที่ควรพัฒนา %(questions)s ข้อ ตัวชี้วัดที่ควรพัฒนา %(indicators)s ตัวชี้วัด"
        )
        % {"year": plan.based_on_year, "questions": len(codes), "indicators": len(indicators)}
    )
    return {
        "basis": basis,
        "groups": [
            {"issue": g.issue, "items": [{"measure": m, "codes": c} for m, c in g.pairs()]}
            for g in groups
        ],
        "codes_by_key": codes_by_key,
        "taken": taken,
        "unknown": unknown,
    }
