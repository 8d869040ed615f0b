"""How long the oversight figures are kept: a province's (and its districts') until one of its
agencies' records changes; the country's for at most the configured age."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from prongsai.orgs.models import Province
from prongsai.results.services import ResultInput, result_save
from tests.oversight.conftest import YEAR, build_area
from tests.oversight.pagetable import read_page


def _all_hundreds() -> ResultInput:
    return ResultInput(year=YEAR, indicators=dict.fromkeys(range(1, 11), Decimal(100)))


def _mean(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return read_page(response.content.decode())[1]["mean"]


@pytest.mark.django_db(transaction=True)  # provinces' stamps change after commit
def test_a_save_replaces_the_stamp_of_its_province_only() -> None:
    area = build_area(per_district=1)
    ours, theirs = area.province.pk, area.other_province.pk
    before = dict(Province.objects.values_list("pk", "stamp"))
    result_save(area.agencies[0], _all_hundreds())
    after = dict(Province.objects.values_list("pk", "stamp"))
    assert after[ours] != before[ours]
    assert after[theirs] == before[theirs]


@pytest.mark.django_db(transaction=True)
def test_a_change_in_another_province_keeps_this_provinces_figures(
    django_assert_max_num_queries: Any,
) -> None:
    area = build_area(per_district=2)
    client = area.client("province")
    first = _mean(client, "/oversight/province/71/")
    result_save(area.outside[0], _all_hundreds())  # province 72
    with django_assert_max_num_queries(12):  # nothing recomputed
        assert _mean(client, "/oversight/province/71/") == first
    result_save(area.agencies[0], _all_hundreds())
    assert _mean(client, "/oversight/province/71/") != first


@pytest.mark.django_db(transaction=True)
def test_the_country_figures_are_reused_for_their_max_age_and_say_when(settings: Any) -> None:
    settings.OVERSIGHT_COUNTRY_MAX_AGE = 3600
    area = build_area(per_district=2)
    client = area.client("country")
    first = _mean(client, "/oversight/country/")
    result_save(area.agencies[0], _all_hundreds())  # commits: the country's version moves on
    page = client.get("/oversight/country/").content.decode()
    assert read_page(page)[1]["mean"] == first
    assert 'id="computed-at"' in page and "ตัวเลขทั้งประเทศ ณ เวลา" in page
    settings.OVERSIGHT_COUNTRY_MAX_AGE = 0
    assert _mean(client, "/oversight/country/") != first


@pytest.mark.django_db(transaction=True)
def test_old_country_figures_are_served_while_new_ones_are_computed_beside(
    settings: Any, monkeypatch: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from prongsai.oversight import figures

    settings.OVERSIGHT_COUNTRY_MAX_AGE = 60
    area = build_area(per_district=2)
    client = area.client("country")
    first = _mean(client, "/oversight/country/")
    result_save(area.agencies[0], _all_hundreds())
    later = timezone.now() + dt.timedelta(minutes=5)
    monkeypatch.setattr(figures.timezone, "now", lambda: later)
    assert _mean(client, "/oversight/country/") == first  # the old ones, at once
    figures.wait_for_refreshes()
    # the page on the old ones is kept for a moment (PENDING_PAGE_SECONDS), then the new show
    assert _mean(client, "/oversight/country/") == first
    after = later + dt.timedelta(seconds=figures.PENDING_PAGE_SECONDS + 1)
    monkeypatch.setattr(figures.timezone, "now", lambda: after)
    assert _mean(client, "/oversight/country/") != first  # computed beside the request


@pytest.mark.django_db
def test_the_area_page_links_the_oversight_home_once() -> None:
    area = build_area(per_district=1)
    page = area.client("province").get("/oversight/province/71/").content.decode()
    assert page.count('href="/oversight/"') == 1


@pytest.mark.django_db(transaction=True)
def test_a_province_stamp_is_replaced_after_commit_not_held_during_the_save() -> None:
    """On PostgreSQL an update holds its row until commit: the province row is left alone while
    an agency's transaction runs, so saves in one province do not queue behind each other."""
    from django.db import transaction

    area = build_area(per_district=1)
    province = Province.objects.get(pk=area.province.pk)
    with transaction.atomic():
        result_save(area.agencies[0], _all_hundreds())
        result_save(area.agencies[1], _all_hundreds())
        assert Province.objects.get(pk=province.pk).stamp == province.stamp
    assert Province.objects.get(pk=province.pk).stamp != province.stamp


def test_the_national_figures_are_computed_once_for_every_process_sharing_the_cache(
    monkeypatch: Any,
) -> None:
    """Eight requests at once on a cold cache (as eight web processes sharing Redis): one
    computes, the others wait for its figures. Each process used to compute them itself."""
    import threading
    import time

    from prongsai.oversight import figures
    from prongsai.oversight.aggregates import Aggregates
    from prongsai.oversight.filters import Filters
    from prongsai.oversight.scope import Scope

    computed = []

    def slow_compute(scope: Any, f: Any, version: str = "") -> Aggregates:
        computed.append(threading.get_ident())
        time.sleep(0.4)
        return Aggregates(f.year, f.plan_year, None, version, None, agencies=7998)

    monkeypatch.setattr(figures, "compute", slow_compute)
    monkeypatch.setattr(figures, "area_version", lambda scope: "42")
    got: list[Any] = []
    threads = [
        threading.Thread(
            target=lambda: got.append(figures.area_aggregates(Scope("country"), Filters(YEAR)))
        )
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(computed) == 1
    assert [a.agencies for a in got] == [7998] * 8
    assert len({a.key for a in got}) == 1


def test_figures_are_computed_anyway_when_the_process_holding_the_lock_died(
    monkeypatch: Any,
) -> None:
    import time

    from prongsai.oversight import figures
    from prongsai.oversight.aggregates import Aggregates
    from prongsai.oversight.filters import Filters
    from prongsai.oversight.scope import Scope

    monkeypatch.setattr(figures, "area_version", lambda scope: "43")
    monkeypatch.setattr(
        figures,
        "compute",
        lambda scope, f, version="": Aggregates(
            f.year, f.plan_year, None, version, None, agencies=5
        ),
    )
    monkeypatch.setattr(figures, "WAIT_SECONDS", 0.3)
    # a lock held by a process that never answers (killed mid-compute)
    monkeypatch.setattr(figures, "_lock", lambda key: False)
    started = time.monotonic()
    assert figures.area_aggregates(Scope("country"), Filters(YEAR)).agencies == 5
    assert 0.3 <= time.monotonic() - started < 5
