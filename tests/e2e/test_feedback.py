"""A citizen on a phone asks a question and rates a service; an officer answers; the answer is
public. The public pages pass axe."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from prongsai.feedback.models import Question, Rating
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "feedback-e2e-password-1"


def _agency() -> Any:
    from django.contrib.auth import get_user_model

    from prongsai.feedback import services
    from prongsai.feedback.models import Service
    from prongsai.orgs import services as orgs
    from prongsai.orgs.models import AgencyType, Membership, Role

    province = orgs.province_get_or_create(code="92", name="ทดสอบ")
    district = orgs.district_get_or_create(province=province, code="9201", name="หนึ่ง")
    agency = orgs.agency_create(slug="fbe2e", type=AgencyType.SAO, name="ทดลอง", district=district)
    user = get_user_model().objects.create_user(username="fb-editor", password=PASSWORD)
    Membership.objects.create(user=user, agency=agency, role=Role.EDITOR)
    services.service_save(Service(agency=agency, name="จดทะเบียนพาณิชย์"))
    return agency


def test_a_citizen_asks_and_rates_on_a_phone_and_the_answer_becomes_public(
    live_server: Any, browser: Any, settings: Any, tmp_path: Path
) -> None:
    shots = Path(os.environ.get("PRONGSAI_SHOT_DIR", str(tmp_path)))
    settings.PRONGSAI_ABUSE_MIN_FILL_SECONDS = 0
    agency = _agency()
    base = f"{live_server.url}/p/{agency.slug}"
    phone = browser.new_context(locale="th-TH", viewport={"width": 375, "height": 812})
    page = phone.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{base}/channels/")
    assert page.locator("#national-nacc").get_attribute("href") == "https://wbs.nacc.go.th/"
    page.screenshot(path=str(shots / "hub-375.png"), full_page=True)
    assert_accessible(page)

    page.click("#channel-qa")
    assert not page.locator("#id_website").is_visible()  # the honeypot is for bots only
    page.fill("#id_subject", "ขอถังขยะ")
    page.fill("#id_text", "ขอถังขยะเพิ่มที่หมู่ ๓ ได้อย่างไร")
    page.click("#ask-form button[type=submit]")
    assert page.locator(".messages", has_text="ได้รับคำถามแล้ว").count() == 1
    assert page.locator(".qa", has_text="ขอถังขยะ").count() == 0  # not public before the answer
    assert_accessible(page)

    page.goto(f"{base}/channels/")
    page.click("#channel-survey")
    page.locator(".channel a").first.click()
    page.check("#id_score_0")  # the first choice: 5
    page.fill("#id_comment", "บริการรวดเร็ว")
    page.screenshot(path=str(shots / "rate-375.png"), full_page=True)
    assert_accessible(page)
    page.click("#rate-form button[type=submit]")
    assert page.locator(".messages", has_text="ขอบคุณ").count() == 1
    assert Rating.objects.get(service__agency=agency).score == 5
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]

    officer = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    desk = officer.new_page()
    login(desk, live_server.url, "fb-editor", PASSWORD)
    desk.wait_for_url(f"{live_server.url}/a/{agency.slug}/")
    desk.goto(f"{live_server.url}/a/{agency.slug}/feedback/questions/?status=new")
    desk.click("text=ขอถังขยะ")
    desk.fill("#id_answer", "ติดต่อกองสาธารณสุข โทร ๐๔๔ ๐๐๐ ๐๐๐")
    desk.click("#answer-form button[type=submit]")
    desk.wait_for_url(f"{live_server.url}/a/{agency.slug}/feedback/questions/")
    assert Question.objects.get(agency=agency).status == "answered"

    page.goto(f"{base}/questions/")
    assert page.locator(".qa", has_text="ติดต่อกองสาธารณสุข").count() == 1
    page.screenshot(path=str(shots / "questions-375.png"), full_page=True)
    assert_accessible(page)
    officer.close()
    phone.close()
