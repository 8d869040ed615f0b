"""Every destructive or freezing button asks first, through the one page script (the CSP forbids
inline handlers): dismissing the question changes nothing in the database, accepting it acts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.orgs.models import Membership, Person, Unit
from prongsai.plans.models import Measure, Plan, PlanIssue
from prongsai.progress import services as progress_services
from prongsai.progress.models import Action, Evidence, Period, ProgressReport
from prongsai.progress.selectors import period_states
from prongsai.results.models import Result
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _click_answering(page: Any, button: Any, accept: bool) -> list[str]:
    """Click `button`, answer its question, and return the questions asked."""
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", answer)
    button.click()
    page.wait_for_load_state("load")
    return asked


def _dismiss_then_accept(
    page: Any, url: str, button: Callable[[], Any], unchanged: Callable[[], bool]
) -> str:
    page.goto(url)
    asked = _click_answering(page, button(), accept=False)
    assert asked, f"no question before acting on {url}"
    assert unchanged(), f"dismissing the question on {url} still acted"
    page.goto(url)
    _click_answering(page, button(), accept=True)
    page.wait_for_selector(".messages")
    assert not unchanged(), f"accepting the question on {url} did not act"
    return asked[0]


def _explain_late_measures(plan: Plan, period: str) -> None:
    for state in period_states(plan, period):
        if state.needs_explanation:
            progress_services.note_save(
                state.measure,
                period=period,
                user=None,
                data={f: "ทดสอบการยืนยัน" for f in progress_services.NOTE_FIELDS},
            )


def test_each_destructive_or_freezing_button_asks_and_dismissing_changes_nothing(
    live_server: Any, page: Any
) -> None:
    demo_build()
    plan = Plan.objects.get(agency__slug="demo", fiscal_year=2567)
    base = f"{live_server.url}/a/demo"
    login(page, live_server.url, "demo-admin", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")

    evidence = Evidence.objects.filter(action__measure__issue__plan=plan).first()
    assert evidence is not None
    measure_url = f"{base}/progress/2567/measures/{evidence.action.measure_id}/"
    question = _dismiss_then_accept(
        page,
        measure_url,
        lambda: page.locator(f"form[action$='/evidence/{evidence.pk}/delete/'] button"),
        lambda: Evidence.objects.filter(pk=evidence.pk).exists(),
    )
    assert question == "ลบหลักฐานนี้?"

    action = Action.objects.filter(measure__issue__plan=plan).first()
    assert action is not None
    _dismiss_then_accept(
        page,
        f"{base}/progress/2567/measures/{action.measure_id}/",
        lambda: page.locator(f"form[action$='/actions/{action.pk}/delete/'] button"),
        lambda: Action.objects.filter(pk=action.pk).exists(),
    )

    year = Result.objects.filter(agency__slug="demo").values_list("year", flat=True).first()
    assert year is not None
    _dismiss_then_accept(
        page,
        f"{base}/results/{year}/",
        lambda: page.locator(f"form[action$='/results/{year}/delete/'] button"),
        lambda: Result.objects.filter(agency__slug="demo", year=year).exists(),
    )

    def plan_status() -> str:
        return Plan.objects.get(pk=plan.pk).status

    question = _dismiss_then_accept(
        page,
        f"{base}/plans/2567/",
        lambda: page.locator("#approve-form button[type=submit]"),
        lambda: plan_status() == Plan.Status.DRAFT,
    )
    assert "แก้ไขไม่ได้" in question and "ผู้ดูแลหน่วยงาน" in question

    def reopen_button() -> Any:
        page.fill("#reason", "แก้ชื่อมาตรการ")
        return page.locator("form[action$='/plans/2567/reopen/'] button")

    _dismiss_then_accept(
        page, f"{base}/plans/2567/", reopen_button, lambda: plan_status() != Plan.Status.DRAFT
    )

    measure = Measure.objects.filter(issue__plan=plan).last()
    assert measure is not None
    _dismiss_then_accept(
        page,
        f"{base}/plans/2567/",
        lambda: page.locator(f"form[action$='/measures/{measure.pk}/delete/'] button"),
        lambda: Measure.objects.filter(pk=measure.pk).exists(),
    )
    issue = PlanIssue.objects.filter(plan=plan).last()
    assert issue is not None
    _dismiss_then_accept(
        page,
        f"{base}/plans/2567/",
        lambda: page.locator(f"form[action$='/issues/{issue.pk}/delete/'] button"),
        lambda: PlanIssue.objects.filter(pk=issue.pk).exists(),
    )
    agency = plan.agency
    unit = Unit.objects.create(agency=agency, name="กองทดลองการลบ", order=99)
    _dismiss_then_accept(
        page,
        f"{base}/units/",
        lambda: page.locator(f"form[action$='/units/{unit.pk}/delete/'] button"),
        lambda: Unit.objects.filter(pk=unit.pk).exists(),
    )
    person = Person.objects.create(agency=agency, name="นายทดลอง การลบ", order=99)
    _dismiss_then_accept(
        page,
        f"{base}/people/",
        lambda: page.locator(f"form[action$='/people/{person.pk}/delete/'] button"),
        lambda: Person.objects.filter(pk=person.pk).exists(),
    )
    viewer = Membership.objects.get(agency=agency, user__username="demo-viewer")
    _dismiss_then_accept(
        page,
        f"{base}/members/",
        lambda: page.locator(f"form[action$='/members/{viewer.pk}/remove/'] button"),
        lambda: Membership.objects.filter(pk=viewer.pk).exists(),
    )

    _explain_late_measures(plan, Period.HALF)

    def report_state() -> str:
        report = ProgressReport.objects.filter(plan=plan, period=Period.HALF).first()
        return report.state if report else ProgressReport.State.DRAFT

    question = _dismiss_then_accept(
        page,
        f"{base}/progress/2567/reports/",
        lambda: page.locator("form[action$='/reports/half/finalise/'] button"),
        lambda: report_state() == ProgressReport.State.DRAFT,
    )
    # the plan was reopened above, so finalising warns that it is still a draft
    assert "ยังเป็นร่าง" in question

    def report_reopen_button() -> Any:
        page.locator("#report-half input[name=reason]").fill("เพิ่มหลักฐาน")
        return page.locator("form[action$='/reports/half/reopen/'] button")

    _dismiss_then_accept(
        page,
        f"{base}/progress/2567/reports/",
        report_reopen_button,
        lambda: report_state() == ProgressReport.State.FINALISED,
    )
