"""Two officers in two browsers edit the same measure: the second save shows who changed it and
what, with the second officer's text still in the form; saving again applies it."""

from pathlib import Path
from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.plans.models import Measure, Plan
from prongsai.plans.services import plan_reopen
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _draft_measure() -> Measure:
    """The first measure of the demo's FY2567 plan, the plan a draft."""
    demo_build()
    plan = Plan.objects.get(agency__slug="demo", fiscal_year=2567)
    if plan.is_locked:
        plan_reopen(plan, user=None, reason="ทดสอบ")
    measure = Measure.objects.filter(issue__plan=plan).order_by("pk").first()
    assert measure is not None
    return measure


def test_the_second_of_two_browsers_saving_one_measure_sees_the_conflict_with_its_text_kept(
    live_server: Any, browser: Any, page: Any, tmp_path: Path
) -> None:
    measure = _draft_measure()
    url = f"{live_server.url}/a/demo/plans/2567/measures/{measure.pk}/edit/"
    other = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
    second = other.new_page()
    second.set_default_timeout(15000)
    try:
        login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
        page.wait_for_url(f"{live_server.url}/a/demo/")
        login(second, live_server.url, "demo-admin", DEMO_PASSWORD)
        second.wait_for_url(f"{live_server.url}/a/demo/")
        page.goto(url)
        second.goto(url)  # both forms are open

        page.fill("#id_title", "ชื่อมาตรการของเจ้าหน้าที่คนแรก")
        page.click("#measure-form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/a/demo/plans/2567/*")

        second.fill("#id_title", "ชื่อมาตรการที่ผู้ดูแลพิมพ์ไว้")
        second.fill("#id_expected_outcome", "ผลลัพธ์ที่ผู้ดูแลพิมพ์ไว้")
        second.click("#measure-form button[type=submit]")
        conflict = second.locator("#edit-conflict")
        conflict.wait_for()
        text = conflict.inner_text()
        assert "demo-editor แก้ไขข้อมูลนี้เมื่อ" in text
        assert "ชื่อมาตรการที่ผู้ดูแลพิมพ์ไว้" in text and "ชื่อมาตรการของเจ้าหน้าที่คนแรก" in text
        assert second.input_value("#id_title") == "ชื่อมาตรการที่ผู้ดูแลพิมพ์ไว้"
        assert second.input_value("#id_expected_outcome") == "ผลลัพธ์ที่ผู้ดูแลพิมพ์ไว้"
        measure.refresh_from_db()
        assert measure.title == "ชื่อมาตรการของเจ้าหน้าที่คนแรก"
        # on a phone the box of differences stays inside the screen (the form itself is
        # wider than a phone today: issue #17, another change)
        box = conflict.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        second.screenshot(path=str(tmp_path / "conflict-phone.png"), full_page=True)

        second.click("#measure-form button[type=submit]")  # saving again applies it on purpose
        second.wait_for_url(f"{live_server.url}/a/demo/plans/2567/*")
        measure.refresh_from_db()
        assert measure.title == "ชื่อมาตรการที่ผู้ดูแลพิมพ์ไว้"
        assert measure.expected_outcome == "ผลลัพธ์ที่ผู้ดูแลพิมพ์ไว้"
    finally:
        other.close()


def test_saving_a_measure_of_a_plan_approved_meanwhile_shows_the_plan_and_the_typed_text(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    from prongsai.orgs.models import Agency
    from prongsai.plans.services import plan_approve

    measure = _draft_measure()
    plan = measure.issue.plan
    login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    page.goto(f"{live_server.url}/a/demo/plans/2567/measures/{measure.pk}/edit/")
    page.fill("#id_finding", "ข้อค้นพบที่พิมพ์ระหว่างที่มาตรการถูกอนุมัติ")

    admin = Agency.objects.get(slug="demo").memberships.get(user__username="demo-admin").user
    plan_approve(Plan.objects.get(pk=plan.pk), user=admin)  # approved while the form is open
    page.click("#measure-form button[type=submit]")

    page.wait_for_selector("#unsaved-text")
    assert page.locator("#plan-status").inner_text() == "อนุมัติแล้ว"
    assert "มาตรการนี้อนุมัติแล้วโดย demo-admin" in page.locator(".messages").inner_text()
    kept = [t.input_value() for t in page.locator("#unsaved-text textarea").all()]
    assert "ข้อค้นพบที่พิมพ์ระหว่างที่มาตรการถูกอนุมัติ" in kept
    measure.refresh_from_db()
    assert measure.finding != "ข้อค้นพบที่พิมพ์ระหว่างที่มาตรการถูกอนุมัติ"
    page.screenshot(path=str(tmp_path / "approved-meanwhile.png"), full_page=True)
