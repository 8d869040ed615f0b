"""The document checker's findings on a plan, shown in the editor before approval.

The plan is turned into the same record shape the importer produces (docs/import-schema.md), so
one checker serves imported files and Prongsai's own plans."""

from __future__ import annotations

from typing import Any

from prongsai.plans.codes import known_codes
from prongsai.plans.frameworks import framework_of
from prongsai.plans.models import Plan
from prongsai.plans.selectors import measure_responsible, plan_issues


def plan_record(plan: Plan) -> dict[str, Any]:
    fw = framework_of(plan.based_on_year)
    agency = plan.agency
    measures = []
    for issue in plan_issues(plan):
        for m in issue.measures.all():
            indicators = sorted({i for c in m.question_codes if (i := fw.indicator_of(c))})
            if not indicators and m.indicator:
                indicators = [m.indicator]
            measures.append(
                {
                    "issue": issue.title,
                    "title": m.title,
                    "indicators": indicators,
                    "tool": fw.tool_of(indicators[0]) if indicators else None,
                    "question_codes": list(m.question_codes),
                    "finding": m.finding,
                    "steps": list(m.steps),
                    "monitoring": [s["text"] for s in m.monitoring],
                    "timeline": m.timeline_label("arabic"),
                    "timeline_start": m.start_date.isoformat(),
                    "timeline_end": m.end_date.isoformat(),
                    "responsible": ", ".join(measure_responsible(m)),
                    "status": None,
                    "actions": [
                        {"date": s["deadline"], "text": s["text"]}
                        for s in m.monitoring
                        if s.get("deadline")
                    ],
                    "result": "",
                    "suggestion": "",
                    "outcome": m.expected_outcome,
                }
            )
    return {
        "kind": "plan",
        "memo": None,
        "organization": {
            "name": agency.name,
            "type": agency.type,
            "district": agency.district.name,
            "province": agency.province.name,
        },
        "fiscal_year": plan.fiscal_year,
        "period": None,
        "scores": {"overall": None, "indicators": {}},
        "measures": measures,
        "warnings": [],
    }


def plan_findings(plan: Plan) -> list[Any]:
    try:
        from prongsai.docimport.checker import check_document
    except ImportError:
        return []
    return list(
        check_document(
            plan_record(plan),
            known_codes=known_codes(plan.based_on_year),
            agency_name=plan.agency.full_name,
        )
    )
