"""The area pages kept whole in the cache (oversight.views._area, pages.page_key): served only
after the viewer's own access check, kept apart per area, filters, language and breadcrumbs, and
replaced as soon as the area's figures change."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from prongsai.results.services import result_save
from tests.oversight.conftest import Area, build_area
from tests.oversight.pagetable import read_page
from tests.oversight.test_versions import _all_hundreds


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _page_keys() -> list[str]:
    store = getattr(cache, "_cache", {})
    return [key for key in store if "oversight:page:" in key]


def test_a_kept_page_is_served_only_to_a_viewer_who_may_see_the_area(area: Area) -> None:
    wanted = "/oversight/district/7102/"
    assert area.client("province").get(wanted).status_code == 200
    assert _page_keys(), "the page was kept"
    assert area.client("district").get(wanted).status_code == 404  # overseer of 7101 only
    assert area.client("member").get(wanted).status_code == 403
    assert area.client("country").get("/oversight/province/72/").status_code == 200
    province_page = area.client("province").get("/oversight/province/72/")
    assert province_page.status_code == 404


def test_a_kept_page_is_kept_apart_per_filters_language_and_breadcrumbs(area: Area) -> None:
    country = area.client("country")
    whole = country.get("/oversight/country/").content.decode()
    one_district = country.get("/oversight/country/?province=71&district=7102").content.decode()
    assert set(read_page(one_district)[0]) < set(read_page(whole)[0])
    again = country.get("/oversight/country/").content.decode()
    assert _without_tokens(again) == _without_tokens(whole)
    country.cookies["django_language"] = "en"
    english = country.get("/oversight/country/").content.decode()
    assert "Oversight" in english and english != whole
    # the country overseer's breadcrumbs lead back to the country; the province overseer's
    # page of the same province has none, and is not served the other one
    via_country = country.get("/oversight/province/71/").content.decode()
    own = area.client("province").get("/oversight/province/71/").content.decode()
    assert 'class="crumbs"' in via_country and 'class="crumbs"' not in own
    assert len(_page_keys()) == 5


@pytest.mark.django_db(transaction=True)  # provinces' stamps change after commit
def test_a_save_in_the_area_shows_on_the_next_view_of_its_kept_page() -> None:
    area = build_area(per_district=2)
    client = area.client("province")
    before = read_page(client.get("/oversight/province/71/").content.decode())[1]["mean"]
    assert read_page(client.get("/oversight/province/71/").content.decode())[1]["mean"] == before
    result_save(area.agencies[0], _all_hundreds())
    after = read_page(client.get("/oversight/province/71/").content.decode())[1]["mean"]
    assert after != before
