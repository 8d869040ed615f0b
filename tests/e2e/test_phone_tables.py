"""Tables that scroll sideways on a phone stay usable from the keyboard (axe-core's
scrollable-region-focusable): the analysis and a framework year, whose wide tables hold no link or button, take the focus
themselves (prongsai.js)."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/a/demo/analysis/2566/", "/frameworks/2569/"])
def test_a_table_that_scrolls_on_a_phone_passes_axe(
    live_server: Any, browser: Any, path: str
) -> None:
    demo_build()
    context = browser.new_context(locale="th-TH", viewport={"width": 375, "height": 812})
    page = context.new_page()
    login(page, live_server.url, "demo-admin", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    response = page.goto(live_server.url + path)
    assert response is not None and response.ok
    scrolling = page.evaluate(
        "() => [...document.querySelectorAll('table.grid')]"
        ".filter(t => t.scrollWidth > t.clientWidth).length"
    )
    assert scrolling > 0  # the page still has a table wider than the phone, holding no link
    assert_accessible(page)
    context.close()
