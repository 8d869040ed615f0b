"""Deleting a year's results asks first: dismissing the question keeps the results, accepting it
deletes them (the old inline confirm was blocked by our CSP and the results went at once)."""

from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.results.models import Result
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_deleting_a_years_results_asks_and_respects_the_answer(live_server: Any, page: Any) -> None:
    demo_build()
    result = Result.objects.filter(agency__slug="demo").order_by("-year").first()
    assert result is not None
    questions: list[str] = []
    login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/a/demo/results/{result.year}/")

    def dismiss(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("button[data-confirm]")
    page.wait_for_timeout(300)
    assert questions == ["ลบผลการประเมินของปีนี้?"]
    assert Result.objects.filter(pk=result.pk).exists()

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("button[data-confirm]")
    assert not Result.objects.filter(pk=result.pk).exists()
