from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_officer_signs_in_and_reaches_the_agency_home(live_server: Any, page: Any) -> None:
    demo_build()
    page.goto(live_server.url)
    assert "เข้าสู่ระบบ" in page.content()
    login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    assert page.locator("h1").inner_text() == "องค์การบริหารส่วนตำบลหนองคันทรอง"
    steps = page.locator("ol.steps li").all_inner_texts()
    assert len(steps) == 7  # results, analysis, plan, progress, annual report, OIT, registers
    assert "ผลการประเมิน ITA" in steps[0]
    # The page is styled by our stylesheet with the locally served Sarabun font.
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Sarabun" in family
    assert page.evaluate("document.fonts.check('16px Sarabun')")


def test_a_wrong_password_gets_a_thai_error(live_server: Any, page: Any) -> None:
    demo_build()
    login(page, live_server.url, "demo-editor", "wrong-password")
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in page.content()
