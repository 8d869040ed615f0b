"""The saves `prongsai bench web` makes to measure cache misses and load with writes: they must
really change what the measured pages are keyed by, or the benchmark would measure nothing."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bench import web_changes
from prongsai.orgs.models import Agency, Province
from prongsai.oversight.versioning import data_version


def _stamps(world: Any) -> tuple[str, str]:
    agency = Agency.objects.select_related("district__province").get(pk=world.agency.pk)
    return agency.stamp, agency.district.province.stamp


@pytest.fixture
def aimed(world: Any, monkeypatch: Any) -> Any:
    monkeypatch.setattr(web_changes, "AGENCY", world.agency.slug)
    monkeypatch.setattr(web_changes, "PROVINCE", world.agency.district.province.code)
    return world


@pytest.mark.django_db(transaction=True)  # the province's stamp changes after commit
def test_a_change_for_the_agency_pages_moves_every_key_they_and_the_areas_use(aimed: Any) -> None:
    before, version = _stamps(aimed), data_version()
    web_changes.record_a_change("agency")
    after = _stamps(aimed)
    assert after[0] != before[0] and after[1] != before[1]
    assert data_version() > version


@pytest.mark.django_db(transaction=True)
def test_saves_keep_coming_while_the_load_runs(aimed: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(web_changes, "CHANGE_SECONDS", 0.05)
    province = Province.objects.get(pk=aimed.agency.district.province_id)
    before = province.stamp
    with web_changes.Saves() as saves:
        deadline = time.monotonic() + 10
        while saves.count < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert saves.count >= 3
    province.refresh_from_db()
    assert province.stamp != before
