"""The deadlines dashboard and reminders include the register's items due and the ITAS windows."""

import datetime as dt

import pytest

from prongsai.oit import services
from prongsai.plans import services as plan_services
from prongsai.progress.deadlines import plan_deadlines

pytestmark = pytest.mark.django_db


def test_register_items_past_their_due_date_and_the_results_day_are_listed(agency) -> None:
    plan = plan_services.plan_create(agency=agency, fiscal_year=2567, user=None)
    register = services.register_create(agency, 2567)  # due 30 Jun 2567 (end of the assessment)
    bad = services.link_add(register.entries.get(code="o1"), url="https://www.example.go.th/a")
    services.link_record_check(bad, status="broken", http_status=404, detail="HTTP 404")
    d = plan_deadlines(plan, on=dt.date(2024, 7, 20), days=14)
    oit_overdue = [i for i in d.overdue if i.title.startswith("OIT ")]
    assert len(oit_overdue) == register.entries.count() == 33
    assert oit_overdue[0].when == dt.date(2024, 6, 30) and "/oit/2567/items/" in oit_overdue[0].url
    results = [i for i in d.soon if i.title.startswith("ITAS")]
    assert [(i.when, i.title) for i in results] == [(dt.date(2024, 7, 30), "ITAS: ประกาศผล")]
    assert any(
        i.title.startswith("OIT O1") and i.detail.endswith("example.go.th/a")
        for i in d.broken_links
    )


def test_a_ready_item_is_not_due(agency) -> None:
    plan = plan_services.plan_create(agency=agency, fiscal_year=2567, user=None)
    register = services.register_create(agency, 2567)
    entry = register.entries.get(code="o1")
    services.entry_save(entry, data={"status": "published"})
    ok = services.link_add(entry, url="https://www.example.go.th/a", covers_year=2567)
    services.link_record_check(ok, status="ok", http_status=200, detail="")
    d = plan_deadlines(plan, on=dt.date(2024, 7, 20), days=14)
    assert not any(i.title.startswith("OIT O1 ") for i in d.overdue)
