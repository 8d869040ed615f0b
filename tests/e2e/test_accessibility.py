"""Every page each role can open has no WCAG 2 A/AA violation under axe-core.

The pages are the GET rows of the authorization matrix (`tests/authz/cases_*.py`) that the actor
may open ("ok"), on the matrix's world: the agency admin, the viewer, the district overseer above
the agency, and anonymous (home, sign-in, password reset). axe-core comes from npm
(`package.json`; `make test` installs it into `node_modules/`) and is injected into each page; the
browser context bypasses the Content Security Policy for that script only (the app itself never
runs inline or foreign script). Downloads (DOCX, PDF, XLSX, JSON) are not pages and are left out
by their content type. A phone-sized pass (375×812) covers the agency home and the sign-in page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from tests.authz.matrix import Case
from tests.authz.world import PASSWORD, build_world, case_modules
from tests.e2e.a11y import axe_source, axe_violations
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = ["admin", "viewer", "overseer_above", "anon"]
# URL names that answer with a file, never a page: not even requested (rendering a PDF costs
# seconds). Anything else that turns out not to be HTML is left out by its content type below.
FILE_SUFFIXES = ("download", "export", "healthz", "_file", "template", "_copy")
# Links of the demo crawl that lead to files or out of the app
NOT_PAGES = ("download", "export", ".pdf", ".docx", ".xlsx", ".yaml", "/file/", "/admin/", "logout")


@pytest.fixture
def axe_page(browser: Any) -> Iterator[Any]:
    axe_source()  # fails at once, saying how to install it, when axe-core is missing
    context = browser.new_context(
        locale="th-TH", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def pages_for(actor: str, world: Any) -> list[str]:
    urls: list[str] = []
    for module in case_modules():
        for case in module.CASES:
            if not _is_page_for(case, actor):
                continue
            url = reverse(case.url_name, kwargs=case.kwargs(world))
            urls.append(f"{url}?{case.query}" if case.query else url)
    return list(dict.fromkeys(urls))


def _is_page_for(case: Case, actor: str) -> bool:
    return (
        case.method == "get"
        and case.expect[actor] == "ok"
        and not case.url_name.endswith(FILE_SUFFIXES)
    )


def check_pages(
    page: Any, base_url: str, urls: list[str], crawl: bool = False
) -> tuple[list[str], list[str]]:
    """Opens each URL; returns (the pages checked, one problem line per violation). A crawl
    follows links, some of which the role may not open (403): those are not pages to check."""
    checked: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for url in urls:
        head = page.context.request.get(f"{base_url}{url}", max_redirects=5)
        if "text/html" not in head.headers.get("content-type", ""):
            continue
        response = page.goto(f"{base_url}{url}")
        if crawl and response is not None and response.status in (403, 404):
            continue
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        final = page.url.removeprefix(base_url)
        if final in seen:  # a redirect to a page already checked
            continue
        seen.add(final)
        checked.append(final)
        problems += [f"  {final}: {line}" for line in axe_violations(page)]
    return checked, problems


@pytest.mark.parametrize("actor", ROLES)
def test_every_page_a_role_can_open_has_no_wcag_a_or_aa_violation(
    actor: str, live_server: Any, axe_page: Any
) -> None:
    world = build_world()
    if actor != "anon":
        login(axe_page, live_server.url, actor, PASSWORD)
        axe_page.wait_for_url(lambda u: "/accounts/login/" not in u)
    checked, problems = check_pages(axe_page, live_server.url, pages_for(actor, world))
    print(f"{actor}: {len(checked)} pages checked with axe-core")
    assert len(checked) >= (3 if actor == "anon" else 8), checked
    assert not problems, f"{actor}: WCAG 2 A/AA violations under axe-core:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "username,start", [("demo-admin", "/a/demo/"), ("district-overseer", "/oversight/")]
)
def test_the_demo_pages_linked_from_a_home_page_have_no_wcag_a_or_aa_violation(
    username: str, start: str, live_server: Any, axe_page: Any
) -> None:
    """The demo world has what the matrix world lacks (results, charts, progress with evidence):
    every page linked from the role's home page, one page of each kind."""
    demo_build()
    login(axe_page, live_server.url, username, DEMO_PASSWORD)
    axe_page.wait_for_url(lambda u: "/accounts/login/" not in u)
    urls, frontier = [start], [start]
    for _depth in range(1):
        found: list[str] = []
        for url in frontier:
            axe_page.goto(f"{live_server.url}{url}")
            found += _links(axe_page, live_server.url)
        frontier = [u for u in dict.fromkeys(found) if u not in urls]
        urls += frontier
    shapes = {re.sub(r"\d+", "N", u): u for u in reversed(urls)}  # one page per kind
    checked, problems = check_pages(axe_page, live_server.url, list(shapes.values()), crawl=True)
    print(f"demo {username}: {len(checked)} pages checked with axe-core")
    assert len(checked) >= 5, checked
    assert not problems, f"demo {username}: WCAG 2 A/AA violations under axe-core:\n" + "\n".join(
        problems
    )


def _links(page: Any, base_url: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => e.href.split('#')[0])"
    )
    return [
        h.removeprefix(base_url)
        for h in hrefs
        if h.startswith(f"{base_url}/") and not any(part in h for part in NOT_PAGES)
    ]


def test_the_agency_home_and_sign_in_on_a_phone_have_no_wcag_a_or_aa_violation(
    live_server: Any, axe_page: Any
) -> None:
    world = build_world()
    axe_page.set_viewport_size({"width": 375, "height": 812})
    problems: list[str] = []
    axe_page.goto(f"{live_server.url}{reverse('accounts:login')}")
    problems += [f"  login: {line}" for line in axe_violations(axe_page)]
    login(axe_page, live_server.url, "admin", PASSWORD)
    axe_page.wait_for_url(lambda u: "/accounts/login/" not in u)
    home = reverse("orgs:home", kwargs={"slug": world.agency.slug})
    axe_page.goto(f"{live_server.url}{home}")
    assert axe_page.url.endswith(home)
    problems += [f"  {home}: {line}" for line in axe_violations(axe_page)]
    assert not problems, "WCAG 2 A/AA violations on a 375×812 phone:\n" + "\n".join(problems)
