"""The cached middle of the agency pages: it follows every change, never crosses agencies, access
levels or languages, and carries each viewer's own CSRF token."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.analysis import services as analysis
from prongsai.plans import services as plans
from prongsai.results import services as results
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db


def _client(username: str, *, csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf_checks)
    assert client.login(username=username, password=PASSWORD)
    return client


def _plan_url(world: Any) -> str:
    return reverse("plans:detail", args=[world.agency.slug, world.objects["plan"].fiscal_year])


def test_the_plan_page_shows_an_edit_made_after_it_was_cached(world: Any) -> None:
    client = _client("viewer")
    assert "มาตรการทดสอบ" in client.get(_plan_url(world)).content.decode()
    measure = world.objects["measure"]
    plans.measure_save(
        measure.issue,
        user=None,
        measure=measure,
        data={"title": "มาตรการที่แก้แล้ว", "question_codes": "i1", "steps": ["ขั้นที่หนึ่ง"]},
    )
    body = client.get(_plan_url(world)).content.decode()
    assert "มาตรการที่แก้แล้ว" in body and "มาตรการทดสอบ" not in body


def test_a_second_view_of_an_unchanged_plan_reads_less(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    client = _client("viewer")
    client.get(_plan_url(world))
    # session, user, agency, memberships, receivers (the menu), plan, messages
    with django_assert_max_num_queries(7):
        response = client.get(_plan_url(world))
    assert "มาตรการทดสอบ" in response.content.decode()


def test_a_viewer_never_gets_the_editors_cached_controls(world: Any) -> None:
    assert "เพิ่มมาตรการ" in _client("editor").get(_plan_url(world)).content.decode()
    body = _client("viewer").get(_plan_url(world)).content.decode()
    assert "มาตรการทดสอบ" in body and "เพิ่มมาตรการ" not in body


def test_the_english_page_is_not_served_from_the_thai_one(world: Any) -> None:
    client = _client("viewer")
    assert "ยังไม่เริ่ม" in client.get(reverse("orgs:home", args=[world.agency.slug])).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("orgs:home", args=[world.agency.slug])).content.decode()
    assert "Not started" in body and "ยังไม่เริ่ม" not in body


def test_each_editor_gets_a_working_csrf_token_from_the_cached_page(world: Any) -> None:
    issue = world.objects["issue"]
    for username in ("editor", "admin"):
        client = _client(username, csrf_checks=True)
        body = client.get(_plan_url(world)).content.decode()
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body))
        assert tokens, "the page has forms"
        move = reverse(
            "plans:issue_edit", args=[world.agency.slug, issue.plan.fiscal_year, issue.pk]
        )
        response = client.post(
            move, {"title": f"ประเด็นของ {username}", "csrfmiddlewaretoken": tokens.pop()}
        )
        assert response.status_code == 302, username
        issue.refresh_from_db()
        assert issue.title == f"ประเด็นของ {username}"


def test_the_analysis_page_shows_saved_texts_and_new_scores(world: Any) -> None:
    client = _client("viewer")
    url = reverse("analysis:year", args=[world.agency.slug, 2566])
    first = client.get(url).content.decode()
    analysis.analysis_texts_save(world.agency, 2566, notes={}, constraints="ข้อจำกัดที่เพิ่งบันทึก")
    second = client.get(url).content.decode()
    assert "ข้อจำกัดที่เพิ่งบันทึก" not in first and "ข้อจำกัดที่เพิ่งบันทึก" in second
    result = world.agency.ita_results.get(year=2566)
    data = results.result_input_from(result)
    data.rank, data.ranked_count = 7, 321
    results.result_save(world.agency, data)
    assert "๓๒๑" in client.get(url).content.decode()


def test_an_analysis_year_without_a_result_is_still_not_found(world: Any) -> None:
    client = _client("viewer")
    url = reverse("analysis:year", args=[world.agency.slug, 2560])
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_the_home_page_follows_a_new_result(world: Any) -> None:
    viewer = _client("viewer")
    url = reverse("orgs:home", args=[world.other_agency.slug]) + "?fy=2567"
    assert viewer.get(url).status_code == 404  # not the viewer's agency, cached or not
    other = _client("other")
    assert "ยังไม่มีผลปี ๒๕๖๖" in other.get(url).content.decode()
    result = world.agency.ita_results.get(year=2566)
    results.result_save(world.other_agency, results.result_input_from(result))
    assert "ยังไม่มีผลปี ๒๕๖๖" not in other.get(url).content.decode()
    assert viewer.get(url).status_code == 404
