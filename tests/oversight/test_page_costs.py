"""What a warm oversight page reads (issue #19, `prongsai bench web`): the session, the user and
their memberships, and the area (a province's or district's row holds its figures' stamp) or the
country's data version; the page itself comes from the cache (views._area)."""

from __future__ import annotations

import pickle
from array import array
from typing import Any

from django.http import QueryDict

from prongsai.oversight.pages import build_view
from prongsai.oversight.scope import COUNTRY, Scope
from tests.oversight.conftest import Area

PAGES = [
    ("province", "/oversight/province/71/", 4),
    ("country", "/oversight/country/", 4),
    ("district", "/oversight/district/7101/", 4),
]


def test_a_warm_oversight_page_reads_only_what_keys_its_figures(
    area: Area, django_assert_max_num_queries: Any
) -> None:
    for who, url, most in PAGES:
        client = area.client(who)
        first = client.get(url)
        assert first.status_code == 200, who
        with django_assert_max_num_queries(most, info=who):
            again = client.get(url)
        assert again.status_code == 200, who
        assert again.content.decode().count("<tr") == first.content.decode().count("<tr"), who


def test_the_cached_figures_keep_the_scores_as_one_block(area: Area) -> None:
    """Every view of an oversight page reads its figures from the cache: the country's ~8,000
    scores as a list of floats took 1.3 ms per request to unpickle, as an array 0.01 ms."""
    view = build_view(Scope(COUNTRY), QueryDict())
    assert isinstance(view.agg.scores, array) and view.agg.scores.typecode == "d"
    assert len(view.agg.scores) == view.agg.results > 0
    assert list(view.agg.scores) == sorted(view.agg.scores)  # negated, ascending: a bisect ranks
    again = pickle.loads(pickle.dumps(view.agg))  # noqa: S301 - our own bytes, as the cache does
    assert again.scores == view.agg.scores
