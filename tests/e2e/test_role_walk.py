"""Each role walks the agency's pages in Chromium: every menu link opens, the pages this work
changed have no WCAG 2 A/AA violation (axe-core). Screenshots go to PRONGSAI_SHOTS when set."""

from __future__ import annotations

import os
from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": "/a/demo/",
    "deadlines": "/a/demo/progress/deadlines/?year=2567",
    "reports": "/a/demo/progress/2567/reports/",
    "plan": "/a/demo/plans/2567/",
    "jobs": "/a/demo/jobs/",
}


@pytest.mark.parametrize(
    ("username", "landing"),
    [
        ("demo-admin", "/a/demo/"),
        ("demo-editor", "/a/demo/"),
        ("demo-viewer", "/a/demo/"),
        ("district-overseer", "/oversight/**"),
    ],
)
def test_each_role_opens_every_menu_link_and_the_pages_are_accessible(
    live_server: Any, page: Any, username: str, landing: str
) -> None:
    demo_build()
    login(page, live_server.url, username, DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}{landing}")
    shots = os.environ.get("PRONGSAI_SHOTS")
    for name, path in PAGES.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        if shots:
            page.screenshot(path=f"{shots}/{username}-{name}.png", full_page=True)
        assert_accessible(page)
    page.goto(f"{live_server.url}/a/demo/")
    links = page.eval_on_selector_all(
        "nav.agencybar a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(links) >= 6
    for href in links:
        response = page.goto(f"{live_server.url}{href}")
        assert response is not None and response.status == 200, f"{username}: {href}"
