"""Every URL of the authorization matrix with impossible numbers in its path (an id or a year
beyond 64 bits, zero, a year far away): a 404 or a refusal, never a server error."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.authz.test_matrix import ALL_CASES
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db

IMPOSSIBLE = [2**70, 2**63, 0, 99999]


def test_impossible_numbers_in_any_url_never_cause_a_server_error(world: Any) -> None:
    client = Client(raise_request_exception=False)
    client.login(username="admin", password=PASSWORD)
    tried = 0
    for case in ALL_CASES:
        kwargs = case.kwargs(world)
        numbers = [k for k, v in kwargs.items() if isinstance(v, int)]
        for name in numbers:
            for value in IMPOSSIBLE:
                url = reverse(case.url_name, kwargs={**kwargs, name: value})
                response = getattr(client, case.method)(url, case.data(world))
                assert response.status_code < 500, (case.id, url, response.status_code)
                tried += 1
    assert tried > 200
