"""A citizen on a phone files an anonymous corruption report, keeps the code and later reads
the receiver's reply; the receiver sees the report, another officer and the overseer do not;
the O18 table downloads as PDF and XLSX."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from prongsai.channels import services
from prongsai.orgs import services as org_services
from prongsai.orgs.models import AgencyType, Membership, Role
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "e2e-pass-123"


def _cast() -> Any:
    province = org_services.province_get_or_create(code="92", name="ทดสอบ")
    district = org_services.district_get_or_create(province=province, code="9201", name="หนึ่ง")
    agency = org_services.agency_create(
        slug="wb", type=AgencyType.SAO, name="แจ้งเบาะแส", district=district
    )
    User = get_user_model()
    users = {
        n: User.objects.create_user(username=n, password=PASSWORD)
        for n in ("receiver", "officer", "overseer")
    }
    Membership.objects.create(user=users["receiver"], agency=agency, role=Role.VIEWER)
    Membership.objects.create(user=users["officer"], agency=agency, role=Role.ADMIN)
    org_services.oversight_grant(users["overseer"], Role.DISTRICT_OVERSEER, district=district)
    services.receiver_add(agency, users["receiver"], "นางรับเรื่อง ปลอดภัยดี")
    return agency


def _fits(page: Any) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"


def test_an_anonymous_report_from_a_phone_to_the_receivers_reply(
    live_server: Any, browser: Any, settings: Any, tmp_path: Path
) -> None:
    settings.PRONGSAI_ABUSE_MIN_FILL_SECONDS = 0
    agency = _cast()
    base = live_server.url
    phone = browser.new_context(locale="th-TH", viewport={"width": 375, "height": 812})
    citizen = phone.new_page()
    citizen.goto(f"{base}/p/{agency.slug}/channels/report/")
    assert citizen.get_by_role("link", name="ป.ป.ช.", exact=False).count() >= 1
    assert_accessible(citizen)
    _fits(citizen)
    citizen.fill("#id_subject", "เรียกรับเงินแลกใบอนุญาต")
    citizen.fill("#id_body", "เจ้าหน้าที่เรียกเงินสามพันบาทเพื่อออกใบอนุญาตเร็วขึ้น")
    citizen.click("form.form button[type=submit]")
    code = citizen.locator(".case-code").inner_text().strip()
    assert len(code.replace("-", "")) == 20
    shots = os.environ.get("PRONGSAI_SHOT_DIR", str(tmp_path))
    citizen.screenshot(path=f"{shots}/channels-receipt-375.png", full_page=True)
    assert_accessible(citizen)
    _fits(citizen)

    # the receiver sees it and replies
    desk = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    receiver = desk.new_page()
    login(receiver, base, "receiver", PASSWORD)
    receiver.goto(f"{base}/a/{agency.slug}/channels/")
    receiver.get_by_role("link", name="ทจ", exact=False).first.click()
    assert "เรียกรับเงินแลกใบอนุญาต" in receiver.content()
    assert "แจ้งโดยไม่ระบุชื่อ" in receiver.content()
    assert_accessible(receiver)
    receiver.select_option("#id_status", "in_progress")
    receiver.fill("#id_body", "หน่วยงานรับเรื่องแล้ว กำลังตรวจสอบข้อเท็จจริง")
    receiver.click("form.form button[type=submit]")
    report_url = receiver.url
    assert "บันทึกแล้ว" in receiver.content()

    # another officer (even the admin) and the overseer do not
    for name in ("officer", "overseer"):
        other = browser.new_context(locale="th-TH").new_page()
        login(other, base, name, PASSWORD)
        other.wait_for_load_state()
        response = other.goto(report_url)
        assert response is not None and response.status == 403
        assert "เรียกรับเงินแลกใบอนุญาต" not in other.content()
        other.context.close()

    # the citizen comes back with the code and reads the reply
    citizen.goto(f"{base}/p/{agency.slug}/channels/follow/")
    assert_accessible(citizen)
    citizen.fill("#id_code", code.lower())
    citizen.click("form.form button[type=submit]")
    assert "กำลังตรวจสอบข้อเท็จจริง" in citizen.content()
    assert "กำลังดำเนินการ" in citizen.content()
    citizen.screenshot(path=f"{shots}/channels-case-375.png", full_page=True)
    assert_accessible(citizen)
    _fits(citizen)

    # the O18 table downloads as PDF and XLSX
    receiver.goto(f"{base}/a/{agency.slug}/channels/stats/?year=2569&by=month")
    for label, magic in (("ดาวน์โหลด PDF", b"%PDF"), ("ดาวน์โหลด XLSX", b"PK")):
        with receiver.expect_download() as info:
            receiver.get_by_role("link", name=label).click()
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert saved.read_bytes().startswith(magic)
    phone.close()
    desk.close()
