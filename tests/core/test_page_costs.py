"""What the main agency pages read on a warm view (issue #19, `prongsai bench web`: each page's
throughput beside a bare Django page). A warm page reads only the session, the user, the agency,
the user's memberships and the page's own record; its costly middle and its menu come from the
fragment cache, keyed by the agency's stamp, so they still follow every change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db


def _client(username: str = "viewer") -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


# (page, its URL, the most queries of a warm view: session, user, agency, memberships, the
# agencies the user receives reports for (the menu's channels link) + the page's own)
PAGES: list[tuple[str, Callable[[Any], str], int]] = [
    ("agency", lambda w: reverse("orgs:home", args=[w.agency.slug]), 5),
    ("plan", lambda w: reverse("plans:detail", args=[w.agency.slug, 2567]), 6),
    ("analysis", lambda w: reverse("analysis:year", args=[w.agency.slug, 2566]), 5),
    (
        "oit-register",
        lambda w: reverse(
            "oit:register", args=[w.agency.slug, w.objects["oit_register"].fiscal_year]
        ),
        6,
    ),
    ("oit-public", lambda w: reverse("oit_public:documents", args=[w.agency.slug]), 4),
]


def test_a_warm_main_page_reads_only_who_and_what(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    client = _client()
    for page, url, most in PAGES:
        assert client.get(url(world)).status_code == 200, page
        with django_assert_max_num_queries(most, info=page):
            assert client.get(url(world)).status_code == 200, page


def test_the_menu_links_come_from_the_cache_and_follow_the_agency(
    world: Any, monkeypatch: Any
) -> None:
    from prongsai.orgs.templatetags import agency_nav

    calls: list[str] = []
    real = agency_nav.reverse

    def counted(name: str, **kwargs: Any) -> str:
        calls.append(name)
        return real(name, **kwargs)

    monkeypatch.setattr(agency_nav, "reverse", counted)
    client = _client("admin")
    client.get(reverse("orgs:home", args=["ours"]))
    assert len(calls) >= 6
    calls.clear()
    body = client.get(reverse("orgs:people", args=["ours"])).content.decode()
    assert calls == [] and 'href="/a/ours/people/" aria-current="page"' in body
    agency = world.agency
    agency.slug = "renamed"
    agency.save()  # a new stamp: the menu is built again with the new address
    body = client.get(reverse("orgs:home", args=["renamed"])).content.decode()
    assert calls and "/a/renamed/plans/" in body and "/a/ours/" not in body


def test_a_viewer_and_an_admin_of_one_agency_get_their_own_menus(world: Any) -> None:
    members = reverse("orgs:members", args=["ours"])
    assert members in _client("admin").get(reverse("orgs:home", args=["ours"])).content.decode()
    assert (
        members not in _client("viewer").get(reverse("orgs:home", args=["ours"])).content.decode()
    )


def test_the_public_documents_follow_a_withdrawn_copy(world: Any) -> None:
    url = reverse("oit_public:documents", args=["ours"])
    key = f"report-{world.objects['report_event'].pk}"
    assert key in Client().get(url).content.decode()
    world.objects["report_event"].delete()  # renews the agency's stamp
    assert key not in Client().get(url).content.decode()
