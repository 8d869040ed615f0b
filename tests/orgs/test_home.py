"""The agency home opens on the fiscal year running today, says where to start when nothing of it
exists yet, and what to do next once it has begun."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.core.thai import to_thai_digits
from prongsai.orgs.cycle import current_cycle_year
from prongsai.plans import services as plan_services
from tests.authz.world import PASSWORD


def home(actor: str, query: str = "") -> str:
    client = Client()
    assert client.login(username=actor, password=PASSWORD)
    return client.get(reverse("orgs:home", args=["ours"]) + query).content.decode()


@pytest.mark.django_db
def test_the_home_opens_on_the_current_fiscal_year_and_says_where_to_start(world: Any) -> None:
    year = current_cycle_year()
    page = home("editor")
    # the year box in the agency's digits (Thai in this world)
    assert re.search(rf'name="fy" value="{to_thai_digits(str(year))}"', page)
    assert 'id="start-here"' in page
    assert reverse("results:index", args=["ours"]) in page.split('id="start-here"', 1)[1]
    # the year the agency worked on last is one click away
    assert "?fy=2567" in page and to_thai_digits("2567") in page


@pytest.mark.django_db
def test_once_the_year_has_begun_the_home_says_what_comes_next(world: Any) -> None:
    year = current_cycle_year()
    plan_services.plan_create(agency=world.agency, fiscal_year=year, user=None)
    page = home("editor")
    assert 'id="start-here"' not in page and 'id="next-step"' in page


@pytest.mark.django_db
def test_an_older_year_can_still_be_opened(world: Any) -> None:
    page = home("viewer", "?fy=2567")
    assert f'name="fy" value="{to_thai_digits("2567")}"' in page and 'id="start-here"' not in page
