"""The national dataset generator, on a few provinces (the real one is 77 provinces, 8,000
agencies; `prongsai bench web` builds it)."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from bench import national
from prongsai.frameworks.scoring import score_indicators
from prongsai.frameworks.selectors import scheme_for_year
from prongsai.orgs.models import Agency, District, Membership, Role
from prongsai.plans.models import Measure, Plan
from prongsai.progress.models import Action, ProgressReport
from prongsai.results.models import OitItemResult, QuestionScore, Result

pytestmark = pytest.mark.django_db

FEW = [("23", "ตราด", 7), ("30", "นครราชสีมา", 5), ("10", "กรุงเทพมหานคร", 3)]


@pytest.fixture
def few_provinces(monkeypatch: Any) -> None:
    monkeypatch.setattr(national, "PROVINCES", FEW)
    monkeypatch.setattr(national, "TOTAL_AGENCIES", 60)


def test_demo_scale_national_builds_the_demo_then_the_country(few_provinces: Any) -> None:
    out = StringIO()
    call_command("demo", scale="national", stdout=out)
    text = out.getvalue()
    assert "สร้างข้อมูลสาธิตแล้ว" in text and "วินาที" in text and "national-country" in text
    assert Agency.objects.filter(slug="demo").exists()  # the normal demo is there too
    assert Agency.objects.count() == 60
    assert District.objects.filter(province__code="23").count() == 7  # demo's two kept
    assert District.objects.get(code="2301").name == "เมืองตราด"
    assert set(Agency.objects.values_list("type", flat=True)) >= {"sao", "tambon", "pao", "other"}
    assert Membership.objects.filter(user__username="national-country", role=Role.COUNTRY_OVERSEER)
    assert Membership.objects.get(user__username="national-province").province.code == "30"
    # four years of results for every agency, scored by the framework's scoring functions
    assert Result.objects.filter(year__in=national.RESULT_YEARS).count() == 60 * 4
    for result in Result.objects.filter(source="demo", agency__slug__startswith="lao-")[:40]:
        indicators = {s.number: s.score for s in result.indicator_scores.all()}
        score = score_indicators(scheme_for_year(result.year), indicators)
        assert (result.overall, result.level, result.passed) == (
            score.overall, score.level.name, score.passed,
        )  # fmt: skip
        assert result.rank is not None and result.rank <= (result.ranked_count or 0)
        assert {k: Decimal(v) for k, v in result.tools.items()} == score.tools
    latest = national.RESULT_YEARS[-1]
    assert QuestionScore.objects.filter(result__year=latest).count() == 60 * 45
    assert OitItemResult.objects.filter(result__year=latest).exists()
    plans = Plan.objects.filter(fiscal_year=national.PLAN_YEAR)
    assert {"approved", "draft"} <= set(plans.values_list("status", flat=True))
    assert plans.count() < 60  # some agencies have no plan yet
    assert Measure.objects.filter(issue__plan__in=plans).count() >= 9 * plans.count()
    assert Action.objects.filter(completes=True).exists()
    assert {"final", "draft"} <= set(ProgressReport.objects.values_list("state", flat=True))
    again = StringIO()
    call_command("demo", scale="national", stdout=again)
    assert "มีอยู่แล้ว" in again.getvalue() and Agency.objects.count() == 60


def test_demo_without_the_flag_builds_only_the_demo(db: Any) -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    assert Agency.objects.count() == 2 and "national" not in out.getvalue()
