"""The agency menu offers only pages the user may open, and stays the same on every agency page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.authz.world import PASSWORD

MENU = re.compile(r'<nav class="agencybar"[^>]*>(.*?)</nav>', re.DOTALL)
LINK = re.compile(r'<a(?: class="[^"]*")? href="([^"]+)"')


def menu_links(html: str) -> list[str]:
    found = MENU.search(html)
    assert found, "the page has no agency menu"
    return LINK.findall(found.group(1))


def signed_in(world: Any, actor: str) -> Client:
    client = Client()
    assert client.login(username=actor, password=PASSWORD)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ["admin", "editor", "viewer", "overseer_above"])
def test_every_menu_link_opens_for_the_user_who_sees_it(world: Any, actor: str) -> None:
    client = signed_in(world, actor)
    links = menu_links(client.get(reverse("orgs:home", args=["ours"])).content.decode())
    assert len(links) >= 6
    answers = {url: client.get(url, follow=True).status_code for url in links}
    assert {url: code for url, code in answers.items() if code != 200} == {}


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ["viewer", "overseer_above"])
def test_readers_are_not_offered_the_import_or_the_admin_pages(world: Any, actor: str) -> None:
    client = signed_in(world, actor)
    links = menu_links(client.get(reverse("orgs:home", args=["ours"])).content.decode())
    for hidden in ["imports:upload", "orgs:members", "orgs:settings"]:
        assert reverse(hidden, args=["ours"]) not in links


@pytest.mark.django_db
def test_the_admin_menu_stays_on_the_unit_person_and_settings_pages(world: Any) -> None:
    client = signed_in(world, "admin")
    home = menu_links(client.get(reverse("orgs:home", args=["ours"])).content.decode())
    assert reverse("orgs:members", args=["ours"]) in home
    for url in [
        reverse("orgs:unit_edit", args=["ours", world.objects["unit"].pk]),
        reverse("orgs:person_edit", args=["ours", world.objects["person"].pk]),
        reverse("orgs:settings", args=["ours"]),
    ]:
        assert menu_links(client.get(url).content.decode()) == home, url
