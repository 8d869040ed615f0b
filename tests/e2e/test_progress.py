import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.orgs.models import Agency
from prongsai.plans.models import Plan
from prongsai.progress.models import Status
from prongsai.progress.selectors import default_as_of, plan_states
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def demo_plan() -> Plan:
    demo_build()
    plan = Plan.objects.filter(agency__slug="demo", fiscal_year=2567).first()
    if plan is None:  # the plans demo part is not registered: make a plan of our own
        from tests.progress.factories import make_plan

        plan = make_plan(Agency.objects.get(slug="demo"))
    return plan


def test_recording_an_action_with_evidence_changes_the_status_and_the_report(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    plan = demo_plan()
    measure = next(
        s.measure for s in plan_states(plan, default_as_of(plan)) if s.status == Status.TODO
    )
    evidence = tmp_path / "หลักฐาน.pdf"
    evidence.write_bytes(PDF)

    login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    page.goto(f"{live_server.url}/a/demo/progress/2567/")
    page.get_by_role("link", name=measure.title).click()
    assert page.locator("#measure-status").inner_text() == "ยังไม่ดำเนินการ"

    form = page.locator("#action-form")
    form.locator("#id_date").fill("2024-02-10")
    form.locator("#id_text").fill("PLAYWRIGHTACTION ประชุมชี้แจงและเปิดใช้ช่องทางใหม่")
    form.locator("#id_completes").check()
    form.locator("#id_url").fill("https://www.example.go.th/nongkhansong/e2e-evidence")
    form.locator("#id_file").set_input_files(str(evidence))
    form.locator("button[type=submit]").click()

    page.wait_for_selector(".messages")
    assert page.locator("#measure-status").inner_text() == "ดำเนินการแล้ว"
    row = page.locator("#actions tbody tr", has_text="PLAYWRIGHTACTION")
    assert "๑๐ กุมภาพันธ์ ๒๕๖๗" in row.inner_text()
    assert row.locator("a", has_text="e2e-evidence").count() == 1
    assert row.locator("a", has_text="หลักฐาน.pdf").count() == 1

    # the uploaded file comes back as a download
    with page.expect_download() as file_download:
        row.locator("a", has_text="หลักฐาน.pdf").click()
    assert Path(file_download.value.path()).read_bytes() == PDF

    page.goto(f"{live_server.url}/a/demo/progress/2567/reports/")
    half = page.locator("#report-half")
    with page.expect_download() as report_download:
        half.locator("a", has_text="PDF").first.click()
    # the first PDF link of the 6-month round is the layout-B report
    target = tmp_path / report_download.value.suggested_filename
    report_download.value.save_as(target)
    assert target.name == "progress-B-half-demo-2567.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert "PLAYWRIGHTACTION" in text
        assert "e2e-evidence" in text
