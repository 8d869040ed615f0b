from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.plans.models import Measure, Plan
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_analysis_to_suggestions_to_an_approved_plan_and_its_download(
    live_server: Any, page: Any
) -> None:
    demo_build()
    Plan.objects.filter(agency__slug="demo").delete()
    base = live_server.url
    login(page, base, "demo-admin", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/a/demo/")

    page.goto(f"{base}/a/demo/analysis/")
    assert "i19" in page.content()  # a weak question of the FY2566 result

    page.goto(f"{base}/a/demo/plans/")
    page.fill("#id_fiscal_year", "2567")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}/a/demo/plans/2567/")

    page.click("text=ข้อเสนอมาตรการจากผลการวิเคราะห์")
    page.wait_for_url(f"{base}/a/demo/plans/2567/suggest/")
    assert page.locator("input[name=key]:checked").count() >= 7
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/a/demo/plans/2567/")
    plan = Plan.objects.get(agency__slug="demo", fiscal_year=2567)
    assert Measure.objects.filter(issue__plan=plan).count() >= 7

    page.locator("table.measures a", has_text="แก้ไข").first.click()
    page.fill("#id_title", "ประกาศนโยบาย No Gift Policy และแจ้งผู้รับบริการทุกช่องทาง")
    page.click("#measure-form button[type=submit]")
    page.wait_for_url(f"{base}/a/demo/plans/2567/*")
    assert "ประกาศนโยบาย No Gift Policy และแจ้งผู้รับบริการทุกช่องทาง" in page.content()

    questions: list[str] = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.click("#approve-form button[type=submit]")
    page.wait_for_load_state()
    assert questions and "แก้ไขไม่ได้" in questions[0]  # approving says what it freezes
    assert page.locator("#plan-status").inner_text() == "อนุมัติแล้ว"
    plan.refresh_from_db()
    assert plan.is_locked
    assert page.locator("text=+ เพิ่มมาตรการ").count() == 0  # locked: no more editing

    with page.expect_download() as info:
        page.click("a.button:text-is('PDF')")
    download = info.value
    assert download.suggested_filename == "plan-A-demo-2567.pdf"
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"

    # the history keeps the plan as approved: the same measures, downloadable later
    page.goto(f"{base}/a/demo/plans/2567/history/")
    with page.expect_download() as info:
        page.click("a.copy-link")
    copy = info.value
    assert copy.suggested_filename.startswith("plan-demo-2567-approved-")
    with open(copy.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
