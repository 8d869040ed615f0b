"""On a phone (375 px wide) the measure page and its evidence fit the screen: nothing scrolls
sideways, long file names and links wrap, a wide table scrolls in its box."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.plans.models import Plan
from prongsai.progress import services
from prongsai.progress.models import Action
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LONG_NAME = "รายงานการประชุมคณะกรรมการส่งเสริมคุณธรรมและความโปร่งใส_ครั้งที่3_2567_ฉบับแก้ไขสมบูรณ์.pdf"
LONG_URL = "https://www.example.go.th/nongkhansong/" + "evidence-" * 12 + "2567.pdf"


def test_the_measure_page_does_not_overflow_on_a_phone(
    live_server: Any, browser: Any, tmp_path: Path
) -> None:
    demo_build()
    plan = Plan.objects.get(agency__slug="demo", fiscal_year=2567)
    action = Action.objects.filter(measure__issue__plan=plan).first()
    assert action is not None
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.evidence_add(
        action, user=None, url="", upload=SimpleUploadedFile(LONG_NAME, PDF, "application/pdf")
    )
    services.evidence_add(action, user=None, url=LONG_URL)

    context = browser.new_context(
        locale="th-TH", viewport={"width": 375, "height": 812}, device_scale_factor=2
    )
    page = context.new_page()
    login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    page.goto(f"{live_server.url}/a/demo/progress/2567/measures/{action.measure_id}/")
    assert page.locator("#actions", has_text=LONG_NAME[:20]).count() == 1
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    page.screenshot(
        path=os.environ.get("PRONGSAI_SHOT", str(tmp_path / "measure-375.png")), full_page=True
    )
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"
    assert_accessible(page)
    context.close()


def test_the_oit_register_fits_a_phone(live_server: Any, browser: Any) -> None:
    demo_build()  # the demo agency's FY2569 register, partly ready, with long links
    context = browser.new_context(locale="th-TH", viewport={"width": 375, "height": 812})
    page = context.new_page()
    login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    page.goto(f"{live_server.url}/a/demo/oit/2569/")
    assert page.locator("table.oit-register td[data-label]").count() > 26
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the register is {widths[0]} px wide on a {widths[1]} px screen"
    assert_accessible(page)
    context.close()


# Cells in a wide table keep whole words on a phone: the table scrolls inside its own box
# instead of crushing a column to a letter a line (a borrower's name read down the page), and a
# scrolling table without a link or button of its own takes the keyboard focus (prongsai.js;
# axe-core's scrollable-region-focusable): the analysis and a framework year have such tables.
CRUSHED_CELLS = """() => [...document.querySelectorAll('table.grid td')]
  .filter(td => td.innerText.trim().length >= 6)
  .filter(td => td.getBoundingClientRect().width < 48)
  .map(td => td.innerText.trim().slice(0, 30))"""
SCROLLING_TABLES = """() => [...document.querySelectorAll('table.grid')]
  .filter(t => t.scrollWidth > t.clientWidth).length"""


@pytest.mark.parametrize(
    "path",
    [
        "/a/demo/registers/2569/loans/",
        "/a/demo/procurement/2569/",
        "/a/demo/analysis/2566/",
        "/frameworks/2569/",
    ],
)
def test_a_wide_table_scrolls_in_its_box_and_stays_usable_on_a_phone(
    live_server: Any, browser: Any, path: str
) -> None:
    demo_build()
    context = browser.new_context(locale="th-TH", viewport={"width": 375, "height": 812})
    page = context.new_page()
    login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    response = page.goto(live_server.url + path)
    assert response is not None and response.ok
    assert page.locator("table.grid td").count() > 3
    assert page.evaluate(SCROLLING_TABLES) > 0  # wider than the phone: it scrolls in its box
    assert page.evaluate(CRUSHED_CELLS) == []
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"
    assert_accessible(page)
    context.close()
