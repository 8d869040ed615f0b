"""Every URL pattern, every actor: the authorization matrix.

Each `tests/authz/cases_<app>.py` lists its URLs with what each actor may do. A URL pattern with
no case fails `test_every_url_pattern_has_a_case`, so a new view cannot ship without its row.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz.matrix import Case
from tests.authz.world import ACTORS, EXTRA_ACTORS, PASSWORD, case_modules

ALL_CASES: list[Case] = [case for module in case_modules() for case in module.CASES]
# Django's own admin keeps its own staff-only checks; it is covered by one case below.
EXEMPT_NAMESPACES = {"admin"}


def _pattern_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            if ns in EXEMPT_NAMESPACES:
                continue
            names |= _pattern_names(p, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}{p.name}")
        elif isinstance(p, URLPattern):
            names.add(f"{namespace}<unnamed {p.pattern}>")
    return names


def test_every_url_pattern_has_a_case() -> None:
    covered = {case.url_name for case in ALL_CASES}
    missing = sorted(_pattern_names(get_resolver()) - covered)
    assert not missing, f"URL patterns with no row in the authorization matrix: {missing}"


def test_every_case_names_every_actor() -> None:
    for case in ALL_CASES:
        assert set(case.expect) - set(EXTRA_ACTORS) == set(ACTORS), case.id


def outcome(response: Any) -> str:
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        return "login" if location.startswith(reverse("accounts:login")) else "ok"
    if response.status_code in (403, 404):
        return str(response.status_code)
    if 200 <= response.status_code < 300:
        return "ok"
    return f"status {response.status_code}"


# every actor of the cast, and the extra actors (the receiver) where a row names them
PAIRS = [
    pytest.param(case, actor, id=f"{case.id}-{actor}")
    for case in ALL_CASES
    for actor in ACTORS + EXTRA_ACTORS
    if actor in case.expect
]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "actor"), PAIRS)
def test_authorization_matrix(case: Case, actor: str, shared_world: Any) -> None:
    world = shared_world
    client = Client()
    if actor != "anon":
        assert client.login(username=actor, password=PASSWORD)
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    if case.query:
        url = f"{url}?{case.query}"
    response = getattr(client, case.method)(url, data=case.data(world))
    assert outcome(response) == case.expect[actor], (
        f"{case.id} as {actor}: got {response.status_code}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_django_admin_is_for_site_staff_only(actor: str, shared_world: Any) -> None:
    client = Client()
    if actor != "anon":
        client.login(username=actor, password=PASSWORD)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
