"""The Thai error pages in the browser: our message, the site's layout, a way back home."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_not_found_and_forbidden_are_thai_pages_with_our_message_and_a_way_home(
    live_server: Any, page: Any
) -> None:
    demo_build()
    login(page, live_server.url, "demo-viewer", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")

    response = page.goto(f"{live_server.url}/a/no-such-agency/")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "ไม่พบหน้าที่ต้องการ"
    assert page.locator("#error-message").inner_text() == "ไม่พบหน่วยงานนี้"
    assert page.locator(".topbar .who").inner_text() == "demo-viewer"
    assert_accessible(page)

    response = page.goto(f"{live_server.url}/a/demo/members/")
    assert response is not None and response.status == 403
    assert page.locator("h1").inner_text() == "ไม่มีสิทธิ์เข้าถึงหน้านี้"
    assert page.locator("#error-message").inner_text() == "คุณไม่มีสิทธิ์แก้ไขข้อมูลของหน่วยงานนี้"
    assert_accessible(page)

    page.click("#error-home")
    page.wait_for_url(f"{live_server.url}/a/demo/")
