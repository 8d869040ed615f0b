from __future__ import annotations

from decimal import Decimal
from statistics import mean
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.orgs.models import Agency
from prongsai.plans.models import Plan
from prongsai.progress.selectors import counts, plan_states
from prongsai.results.models import IndicatorScore, Result
from tests.oversight.conftest import YEAR, build_area
from tests.oversight.pagetable import read_page

pytestmark = pytest.mark.django_db


def codes(response: Any) -> set[str]:
    assert response.status_code == 200, response.status_code
    return set(read_page(response.content.decode())[0])


def test_a_district_overseer_sees_only_its_districts_agencies(area: Any) -> None:
    c = area.client("district")
    mine = {a.code for a in area.agencies if a.district_id == area.districts[0].pk}
    assert codes(c.get("/oversight/district/7101/")) == mine
    # filters naming another district or province do not widen the view
    assert codes(c.get("/oversight/district/7101/?district=7102&province=72")) == mine
    assert c.get("/oversight/district/7102/").status_code == 404
    assert c.get("/oversight/province/71/").status_code == 404
    assert c.get("/oversight/country/").status_code == 404
    home = c.get("/oversight/")
    assert home.status_code == 302 and home["Location"] == "/oversight/district/7101/"


def test_a_province_overseer_sees_its_province_and_its_districts(area: Any) -> None:
    c = area.client("province")
    assert codes(c.get("/oversight/province/71/")) == {a.code for a in area.agencies}
    assert codes(c.get("/oversight/district/7102/")) == {
        a.code for a in area.agencies if a.district_id == area.districts[1].pk
    }
    assert c.get("/oversight/province/72/").status_code == 404
    assert c.get("/oversight/district/7201/").status_code == 404


def test_agency_members_are_forbidden_and_anonymous_goes_to_login(area: Any) -> None:
    assert area.client("member").get("/oversight/province/71/").status_code == 403
    assert area.client("member").get("/oversight/").status_code == 403
    response = area.client("country").logout() or None
    from django.test import Client

    response = Client().get("/oversight/country/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_table_shows_results_plans_reports_and_late_measures(area: Any) -> None:
    rows, stats = read_page(area.client("province").get("/oversight/province/71/").content.decode())
    for agency in area.agencies:
        row = rows[agency.code]
        result = Result.objects.get(agency=agency, year=YEAR)
        previous = Result.objects.get(agency=agency, year=YEAR - 1)
        assert row["overall"] == str(result.overall)
        assert row["level"] == result.level
        assert row["IIT"] == result.tools["IIT"]
        assert row["change"] == f"+{result.overall - previous.overall}"
        plan = Plan.objects.filter(agency=agency, fiscal_year=YEAR + 1).first()
        if plan is None:
            assert row["plan"] == "ยังไม่มี" and row["late"] == "" and row["half"] == "—"
            continue
        assert row["plan"] == {"approved": "อนุมัติแล้ว", "draft": "ร่าง"}[plan.status]
        # the same count of late measures as the progress pages give
        from prongsai.progress.selectors import default_as_of

        late = counts(plan_states(plan, default_as_of(plan)))["late"]
        assert row["late"] == str(late) == "2"
        assert row["half"] == ("สรุปแล้ว" if plan.status == "approved" else "ยังไม่เริ่ม")
        assert row["findings"] == str(plan.open_findings)
    assert stats["agencies"] == str(len(area.agencies))
    assert (
        stats["mean"]
        == f"{mean(float(r.overall) for r in Result.objects.filter(year=YEAR, agency__in=area.agencies)):.2f}"
    )
    assert stats["late_measures"] == str(2 * Plan.objects.filter(agency__in=area.agencies).count())


def test_the_figures_are_computed_over_the_area(area: Any) -> None:
    from prongsai.oversight.aggregates import compute
    from prongsai.oversight.filters import Filters
    from prongsai.oversight.scope import PROVINCE, Scope

    agg = compute(Scope(PROVINCE, province=area.province), Filters(year=YEAR))
    scores = IndicatorScore.objects.filter(result__year=YEAR, result__agency__in=area.agencies)
    for stat in agg.indicators:
        values = [float(s.score) for s in scores if s.number == int(stat.key)]
        assert stat.mean == round(mean(values), 2)
        assert sum(stat.bands) == len(area.agencies)
    assert sum(n for _level, n in agg.levels) == len(area.agencies)
    assert sum(n for _label, n in agg.histogram) == len(area.agencies)
    assert [q.code for q in agg.questions][:1] == ["i19"]  # the lowest question score
    assert agg.plans["none"] == sum(1 for a in area.agencies if not a.plans.exists())
    assert [a.name for a in agg.areas] == sorted(
        [d.name for d in area.districts],
        key=lambda n: -next(x.mean for x in agg.areas if x.name == n),  # ranked by mean
    )
    assert agg.trend[-1]["year"] == YEAR and agg.trend[-1]["n"] == len(area.agencies)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("state=plan_none", lambda a: not a.plans.exists()),
        ("state=plan_draft", lambda a: a.plans.filter(status="draft").exists()),
        ("state=late", lambda a: a.plans.exists()),
        ("state=half_final", lambda a: a.plans.filter(status="approved").exists()),
        ("type=sao", lambda a: a.type == "sao"),
        ("district=7102", lambda a: a.district.code == "7102"),
        ("q=ใต้1", lambda a: a.name == "ทดสอบใต้1"),
    ],
)
def test_filters_narrow_the_table(area: Any, query: str, expected: Any) -> None:
    got = codes(area.client("province").get(f"/oversight/province/71/?{query}"))
    assert got == {a.code for a in area.agencies if expected(a)}


def test_a_level_filter_and_sorting(area: Any) -> None:
    c = area.client("country")
    rows, _stats = read_page(c.get("/oversight/country/?sort=-overall").content.decode())
    overall = [float(r["overall"]) for r in rows.values()]
    assert overall == sorted(overall, reverse=True)
    assert next(r["area_rank"] for r in rows.values()) == "1"
    level = Result.objects.filter(year=YEAR).values_list("level", flat=True).first()
    got = codes(c.get(f"/oversight/country/?level={level}"))
    assert got == set(
        Result.objects.filter(year=YEAR, level=level).values_list("agency__code", flat=True)
    )


def test_pages_split_the_table(area: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("prongsai.oversight.selectors.PAGE_SIZE", 4)
    c = area.client("country")
    first = read_page(c.get("/oversight/country/").content.decode())[0]
    second = read_page(c.get("/oversight/country/?page=2").content.decode())[0]
    assert len(first) == 4 and len(second) == len(area.agencies) + 1 - 4
    assert not set(first) & set(second)


def _queries(client: Any, url: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/oversight/country/",
        "/oversight/province/71/?sort=-late",
        "/oversight/province/71/?state=late",
        "/oversight/country/export.xlsx",
        "/oversight/province/71/export.csv",
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_agencies(db: Any, url: str) -> None:
    small = build_area(per_district=2)
    few = _queries(small.client("country"), url)
    from tests.oversight.conftest import add_agency

    for i in range(3, 20):
        add_agency(small.districts[i % 2], i, plan=("approved", "draft", None)[i % 3])
    assert Agency.objects.count() > 20
    assert _queries(small.client("country"), url) == few


def test_the_figures_are_kept_until_the_data_changes(transactional_db: Any) -> None:
    from prongsai.results.services import ResultInput, result_save

    area = build_area(per_district=2)  # committed for real: the version bumps after commit
    c = area.client("province")
    before = read_page(c.get("/oversight/province/71/").content.decode())[1]["mean"]
    with CaptureQueriesContext(connection) as ctx:
        c.get("/oversight/province/71/")
    agency = area.agencies[0]
    result_save(
        agency, ResultInput(year=YEAR, indicators=dict.fromkeys(range(1, 11), Decimal(100)))
    )
    after_rows, after_stats = read_page(c.get("/oversight/province/71/").content.decode())
    assert after_stats["mean"] != before
    assert len(ctx.captured_queries) < 15  # warm: the figures come from the cache
    # the table is cached with the figures, and follows the data the same way
    assert "100.00" in after_rows[agency.code].get("overall", "")
