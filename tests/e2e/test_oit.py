"""The OIT flow of issue #13 in Chromium, as a new officer: FY2569 results with failed items →
the analysis lists them with suggestions → the register → add a URL and its explanation → check
links → readiness and the predicted score change → the public document page opens signed out and
its link survives a new official version → the ITAS export opens in LibreOffice. Every page of
the flow is checked with axe-core (WCAG 2 A/AA)."""

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.orgs.models import Agency
from prongsai.plans import services as plan_services
from prongsai.plans.models import Plan
from prongsai.results.services import ResultInput, result_save
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login
from tests.results.conftest import indicators

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
FAILED = ["o5", "o10", "o15", "o20", "o25"]


def test_the_oit_flow_from_failed_items_to_the_itas_export(
    live_server: Any, page: Any, browser: Any, settings: Any, tmp_path: Path
) -> None:
    settings.PRONGSAI_LINK_CHECK_ALLOW_PRIVATE = True  # the checked link is this live server
    demo_build()
    agency = Agency.objects.get(slug="demo")
    oit = {f"o{n}": f"o{n}" not in FAILED for n in range(1, 27)}
    result_save(agency, ResultInput(year=2569, indicators=indicators(["92"] * 10), oit=oit))
    base = live_server.url

    login(page, base, "demo-editor", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/a/demo/")
    page.goto(f"{base}/a/demo/analysis/2569/")
    body = page.locator("main").inner_text()
    for code in ("O5", "O10", "O15", "O20", "O25"):
        assert f"ข้อ {code}" in body
    assert "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร" in body
    draft = page.locator("textarea[name=development__oit__o25]").input_value()
    assert "หลักฐานที่ควรเผยแพร่" in draft and "ปีงบประมาณ พ.ศ. 2569" in draft

    page.goto(f"{base}/a/demo/oit/2569/")
    assert_accessible(page)
    ready_before = page.locator("#oit-ready").inner_text()
    predicted_before = page.locator("#oit-predicted").inner_text()
    assert "ค่าประมาณ" in page.locator("#oit-method").inner_text()
    # O12 is a previous-FY item answered with this year's file: flagged
    assert "ต้องใช้ข้อมูลของปีงบประมาณ 2568" in page.locator("#item-o12").inner_text()

    page.locator("#item-o5 a").first.click()
    assert_accessible(page)
    form = page.locator("#link-form")
    form.locator("#id_url").fill(f"{base}/p/demo/")
    form.locator("#id_explanation").fill("เมนู ITA หัวข้อ O5 ลำดับที่ 1")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    entry = page.locator("#entry-form")
    entry.locator("#id_status").select_option("published")
    entry.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    assert "ยังไม่ได้ตรวจลิงก์" in page.locator("main").inner_text()

    page.goto(f"{base}/a/demo/oit/2569/")
    page.get_by_role("button", name="ตรวจลิงก์").click()
    page.wait_for_selector(".messages")
    assert page.locator("#oit-ready").inner_text() != ready_before
    assert page.locator("#oit-predicted").inner_text() != predicted_before
    assert "พร้อม" in page.locator("#item-o5").inner_text()

    # the public document page, signed out; its link survives a new official version
    o25 = page.locator("#item-o25 a", has_text="/p/demo/d/").first.get_attribute("href")
    anon = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
    public = anon.new_page()
    public.goto(o25)
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in public.locator("h1").inner_text()
    assert public.locator("#superseded").count() == 0
    assert_accessible(public)
    plan = Plan.objects.get(agency=agency, fiscal_year=2569)
    plan_services.plan_reopen(plan, user=None, reason="แก้ไขถ้อยคำ")
    plan_services.plan_approve(plan, user=None)
    public.goto(o25)
    assert public.locator("#superseded").count() == 1
    with public.expect_download() as pdf:
        public.locator("#download").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    public.goto(f"{base}/p/demo/")
    assert_accessible(public)
    anon.close()

    page.goto(f"{base}/a/demo/oit/2569/")
    with page.expect_download() as download:
        page.get_by_role("link", name="คำตอบสำหรับ ITAS (Excel)").click()
    xlsx = tmp_path / "itas.xlsx"
    download.value.save_as(xlsx)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to open the export (make test installs it)"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(xlsx)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    csv = (tmp_path / "itas.csv").read_text(encoding="utf-8")
    assert "O5,ยังไม่ทราบ" not in csv and f"{base}/p/demo/" in csv
    assert csv.splitlines()[0].startswith("ข้อ,รายการ,มี/ไม่มี,URL,คำอธิบายเพิ่มเติม")
    page.goto(f"{base}/a/demo/oit/2569/itas/")
    assert_accessible(page)
