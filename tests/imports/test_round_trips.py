"""Every DOCX Prongsai renders re-imports to the same measures, codes, steps, dates and
statuses (the plan in both layouts, the 6-month and annual reports, the status table, the
memo)."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.core.demo import demo_build
from prongsai.docimport import import_document
from prongsai.documents import render
from prongsai.plans.documents import plan_document
from prongsai.plans.models import Plan
from prongsai.progress.documents import report_document
from prongsai.progress.models import Period

pytestmark = pytest.mark.django_db


def _plan() -> Plan:
    demo_build()
    plan = Plan.objects.filter(agency__slug="demo").order_by("-fiscal_year").first()
    assert plan is not None
    return plan


def _measures(plan: Plan) -> list[Any]:
    return [m for issue in plan.issues.all() for m in issue.measures.all()]


def test_the_plan_docx_in_both_layouts_reimports_to_its_measures() -> None:
    plan = _plan()
    measures = _measures(plan)
    for layout in ("A", "B"):
        parsed = import_document(render(plan_document(plan, layout=layout), "docx"))
        got = parsed["measures"]
        assert parsed["kind"] == "plan" and parsed["fiscal_year"] == plan.fiscal_year, layout
        assert len(got) == len(measures), layout
        assert [m["question_codes"] for m in got] == [m.question_codes for m in measures], layout
        assert [m["steps"] for m in got] == [m.steps for m in measures], layout


def test_the_report_docx_reimport_to_their_measures_dates_and_statuses() -> None:
    from prongsai.progress.selectors import period_states

    plan = _plan()
    measures = _measures(plan)
    for period, kinds in ((Period.HALF, ("progress", "status")), (Period.YEAR, ("annual",))):
        states = {s.measure.pk: s for s in period_states(plan, period)}
        for kind in kinds:
            parsed = import_document(render(report_document(plan, period, kind), "docx"))
            got = parsed["measures"]
            assert len(got) == len(measures), (period, kind)
            assert [m["question_codes"] for m in got] == [m.question_codes for m in measures]
            statuses = [states[m.pk].status for m in measures]
            wanted = [{"todo": "not_started", "doing": "in_progress"}.get(s, s) for s in statuses]
            assert [m["status"] for m in got] == wanted, (period, kind)
            dates = [[a.date.isoformat() for a in states[m.pk].actions] for m in measures]
            got_dates = [[a["date"] for a in m["actions"] if a["date"]] for m in got]
            assert got_dates == dates, (period, kind)


def test_the_memo_docx_reimports_as_a_memo_of_the_period() -> None:
    plan = _plan()
    parsed = import_document(render(report_document(plan, Period.HALF, "memo"), "docx"))
    assert parsed["memo"] is not None and parsed["fiscal_year"] == plan.fiscal_year
