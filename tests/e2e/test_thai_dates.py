"""The date box in the browser: an officer types a B.E. date in any of the usual ways, on a
phone too, and reads it back in B.E. with the agency's digits."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.plans.models import Measure
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = (
    Path(os.environ.get("PRONGSAI_SCREENSHOTS", ""))
    if os.environ.get("PRONGSAI_SCREENSHOTS")
    else None
)


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_an_officer_types_a_be_deadline_and_reads_it_back(
    live_server: Any, browser: Any, viewport: tuple[int, int]
) -> None:
    demo_build()
    measure = Measure.objects.filter(
        issue__plan__agency__slug="demo", issue__plan__fiscal_year=2567
    ).first()
    assert measure is not None
    plan = measure.issue.plan
    if plan.is_locked:
        plan.status = plan.Status.DRAFT
        plan.save(update_fields=["status"])
    context = browser.new_context(
        locale="th-TH", viewport={"width": viewport[0], "height": viewport[1]}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    url = f"{live_server.url}/a/demo/plans/2567/measures/{measure.pk}/edit/"
    page.goto(url)
    box = page.locator("#id_mon-0-deadline")
    assert box.get_attribute("type") == "text"
    box.fill("31 เมษายน 2567")  # no such day: refused with a Thai message, nothing saved
    page.locator("#id_mon-0-text").fill("รายงานผู้บริหารรอบแรก")
    page.locator("form button[type=submit]").last.click()
    assert "อ่านวันที่ไม่ได้" in page.content()
    _shot(page, f"deadline-refused-{viewport[0]}")
    page.locator("#id_mon-0-deadline").fill("30 เมษายน 2567")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/a/demo/plans/2567/*")
    measure.refresh_from_db()
    assert {"text": "รายงานผู้บริหารรอบแรก", "deadline": "2024-04-30"} in measure.monitoring
    assert "(ภายใน ๓๐ เมษายน ๒๕๖๗)" in page.content()
    page.goto(url)
    assert page.locator("#id_mon-0-deadline").input_value() == "๓๐/๐๔/๒๕๖๗"
    _shot(page, f"deadline-shown-{viewport[0]}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport[0] + 1, "the form must not overflow sideways"
    context.close()


def test_the_admin_reads_the_trail_as_sentences_and_filters_it_by_be_dates(
    live_server: Any, page: Any
) -> None:
    demo_build()
    measure = Measure.objects.filter(issue__plan__agency__slug="demo").first()
    assert measure is not None
    from prongsai.audit.context import acting_as
    from prongsai.orgs.models import Membership

    admin = Membership.objects.filter(agency__slug="demo", role="admin").first()
    assert admin is not None
    with acting_as(admin.user):
        measure.title = "มาตรการที่แก้ในการทดสอบ"
        measure.save()
    login(page, live_server.url, "demo-admin", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    page.goto(f"{live_server.url}/a/demo/audit/")
    assert "แก้ไขมาตรการ “มาตรการที่แก้ในการทดสอบ”" in page.inner_text("main")
    page.select_option("#id_model", "plans.measure")
    page.fill("#id_since", "๑/๑/๒๕๐๐")
    page.locator(".audit-filters button[type=submit]").click()
    page.wait_for_url("**/audit/?*")
    text = page.inner_text("main")
    assert "แก้ไขมาตรการ “มาตรการที่แก้ในการทดสอบ”" in text
    assert "แก้ไขหน่วยงาน" not in text
    assert page.locator("#id_since").input_value() == "๑/๑/๒๕๐๐"  # what was typed stays
    _shot(page, "audit-filtered")
