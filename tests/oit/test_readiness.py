"""OIT readiness over an area for the overseers."""

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.oit import services
from prongsai.oit.models import EntryStatus
from prongsai.oit.readiness import area_readiness
from tests.authz.world import PASSWORD, build_world

pytestmark = pytest.mark.django_db


def test_the_district_overseer_sees_each_agencys_readiness_and_the_items_most_often_missing() -> (
    None
):
    world = build_world()
    register = services.register_create(world.agency, 2569)
    entry = register.entries.get(code="o4")
    services.entry_save(entry, data={"status": EntryStatus.PUBLISHED})
    link = services.link_add(entry, url="https://www.example.go.th/news", covers_year=2569)
    services.link_record_check(link, status="ok", http_status=200, detail="")
    bad = services.link_add(register.entries.get(code="o5"), url="https://www.example.go.th/x")
    services.link_record_check(bad, status="broken", http_status=404, detail="HTTP 404")
    services.register_create(world.other_agency, 2569)  # another district: not in the area
    area = area_readiness(None, 2569, {"district_id": world.agency.district_id})
    assert [(r.agency.slug, r.ready, r.items, r.broken_links) for r in area.rows] == [
        ("ours", 1, 26, 1)
    ]
    assert area.rows[0].previous_report is False
    assert len(area.not_ready) == 10 and area.not_ready[0][2] == 1
    assert "O4" not in [code for code, _t, _n in area.not_ready]
    client = Client()
    client.login(username="overseer_above", password=PASSWORD)
    url = reverse("oit_oversight:district", kwargs={"code": world.agency.district.code})
    page = client.get(url, {"year": 2569}).content.decode()
    assert "ของเรา" in page and "ของเขา" not in page
    csv = client.get(url, {"year": 2569, "format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[1].split(",")[2:5] == ["1", "26", "1"]
