"""The สขร. ๑ in Chromium: two entries typed, a month imported from XLSX, the month closed; its
PDF and XLSX download and appear on the public page and in the OIT register (O11)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.procurement.importing import template_xlsx
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _entry(page: Any, base: str, title: str, budget: str, bidders: list[tuple[str, str]]) -> None:
    page.goto(f"{base}/a/demo/procurement/2569/1/entries/new/")
    page.fill("#id_title", title)
    page.fill("#id_budget", budget)
    page.fill("#id_median_price", budget)
    page.fill("#id_method", "เฉพาะเจาะจง")
    for n, (name, price) in enumerate(bidders):
        page.fill(f"#id_bid-{n}-name", name)
        page.fill(f"#id_bid-{n}-price", price)
    page.fill("#id_winner", bidders[0][0])
    page.fill("#id_winner_price", bidders[0][1])
    page.fill("#id_reason", "ราคาต่ำสุด")
    page.fill("#id_contract_date", "15/01/2569")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".messages")


def test_entering_importing_closing_and_publishing_a_month(
    live_server: Any, page: Any, browser: Any, tmp_path: Path
) -> None:
    demo_build()
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, base, "demo-admin", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/a/demo/")
    page.get_by_role("link", name="จัดซื้อจัดจ้าง (สขร. ๑)").first.click()
    assert "ปีงบประมาณ" in page.locator("h1 + .sub").inner_text()

    _entry(page, base, "E2EFIRST จัดซื้อหมึกพิมพ์", "4500", [("ร้านเอ", "4400"), ("ร้านบี", "4480")])
    _entry(page, base, "E2ESECOND จ้างซ่อมเครื่องปรับอากาศ", "12000", [("ร้านเย็นฉ่ำ", "11800")])
    assert_accessible(page)

    upload = tmp_path / "มกราคม.xlsx"
    upload.write_bytes(template_xlsx())
    page.goto(f"{base}/a/demo/procurement/2569/1/import/")
    assert_accessible(page)
    page.set_input_files("#id_file", str(upload))
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".messages")
    body = page.locator("main").inner_text()
    assert "นำเข้า ๑ รายการแล้ว" in page.locator(".messages").inner_text()
    assert "E2EFIRST" in body and "จัดซื้อวัสดุสำนักงาน" in body and "๔,๔๘๐.๐๐" in body

    page.get_by_role("button", name="ปิดเดือน").click()
    page.wait_for_selector(".messages")
    assert "ปิดเดือนแล้ว" in page.locator(".messages").inner_text()
    assert_accessible(page)
    with page.expect_download() as pdf:
        page.get_by_role("link", name="ดาวน์โหลด PDF").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="ดาวน์โหลด XLSX").click()
    sheet = load_workbook(io.BytesIO(Path(xlsx.value.path()).read_bytes())).worksheets[0]
    assert "E2EFIRST" in str(sheet["B6"].value)

    page.goto(f"{base}/a/demo/oit/2569/")
    o11 = page.locator("#item-o11").inner_text()
    assert "พร้อม" in o11

    anon = browser.new_context(locale="th-TH")
    public = anon.new_page()
    public.goto(f"{base}/p/demo/")
    listing = public.locator("main").inner_text()
    assert "มกราคม ๒๕๖๙" in listing
    link = public.locator("a", has_text="มกราคม ๒๕๖๙").first.get_attribute("href")
    assert_accessible(public)
    public.goto(f"{base}{link}" if link.startswith("/") else link)
    with public.expect_download() as official:
        public.locator("#download").click()
    assert Path(official.value.path()).read_bytes().startswith(b"%PDF")
    anon.close()
