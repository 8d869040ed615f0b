"""A year typed with digits `int()` cannot read (superscripts: "²".isdigit() is true) or in
Thai digits gets an answer, never a server error, on every page that reads `?year=`."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.authz.test_matrix import ALL_CASES
from tests.authz.world import PASSWORD

PAGES = (
    "oit_public:documents", "oit_public:feed", "oit_oversight:district", "oversight:district",
    "results:index", "procurement:index", "feedback:survey",
    "channels_oversight:district", "progress:deadlines",
)  # fmt: skip


def _first_get(name: str) -> Any:
    return next(c for c in ALL_CASES if c.url_name == name and c.method == "get")


@pytest.mark.django_db
def test_a_year_in_superscript_or_thai_digits_never_breaks_a_page(world: Any) -> None:
    for name in PAGES:
        case = _first_get(name)
        actor = next(a for a, o in case.expect.items() if o == "ok")
        client = Client()
        if actor != "anon":
            assert client.login(username=actor, password=PASSWORD)
        url = reverse(name, kwargs=case.kwargs(world))
        for typed in ("²⁵⁶⁹", "๒๕๖๙", "2569x"):
            answer = client.get(url, {"year": typed})
            assert answer.status_code < 500, (name, typed, answer.status_code)
