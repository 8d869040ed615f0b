"""Django's admin works under our Content-Security-Policy (no inline script, no inline style)."""

from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_admin_works_under_the_content_security_policy(live_server: Any, page: Any) -> None:
    from django.contrib.auth import get_user_model

    demo_build()
    refused: list[str] = []
    page.on(
        "console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.on("pageerror", lambda e: refused.append(str(e)))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "siteadmin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("#nav-sidebar, #content-main").count() >= 1
    user = get_user_model().objects.get(username="demo-editor")
    page.goto(f"{live_server.url}/admin/auth/user/{user.pk}/change/")
    # the permission picker and the date shortcuts are built by the admin's static scripts
    page.wait_for_selector(".selector .selector-available")
    page.wait_for_selector(".datetimeshortcuts")
    page.click(".datetimeshortcuts a:has-text('Today'), .datetimeshortcuts a:has-text('วันนี้')")
    assert page.input_value("#id_date_joined_0")
    page.goto(f"{live_server.url}/admin/auth/user/?q=demo")
    page.check("#action-toggle")  # the select-all box of the list is the admin's actions.js
    assert page.locator("input.action-select:checked").count() >= 2
    assert page.locator(".action-counter").inner_text().strip()
    assert refused == []


def test_the_agency_admin_cancels_a_waiting_batch(live_server: Any, page: Any) -> None:
    from prongsai.jobs.models import DocumentJob
    from prongsai.orgs.models import Agency
    from tests.e2e.conftest import login

    demo_build()
    job = DocumentJob.objects.create(
        agency=Agency.objects.get(slug="demo"), fiscal_year=2567, kinds=["plan"], formats=["pdf"]
    )
    login(page, live_server.url, "demo-admin", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    page.goto(f"{live_server.url}/a/demo/jobs/{job.pk}/")
    page.once("dialog", lambda dialog: dialog.dismiss())  # asked first: "no" changes nothing
    page.click("button:has-text('ยกเลิกงานนี้')")
    job.refresh_from_db()
    assert job.status != "cancelled"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('ยกเลิกงานนี้')")
    page.wait_for_selector("text=ยกเลิกงานสร้างเอกสารแล้ว")
    assert page.locator("#job-label").inner_text() == "ยกเลิกแล้ว"
    assert page.locator("button:has-text('ยกเลิกงานนี้')").count() == 0
    job.refresh_from_db()
    assert job.status == "cancelled"
