"""The province view of the demo data in Chromium, and the same figures in its export."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.core.thai import to_arabic_digits
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_province_overseer_sees_the_province_with_charts_and_exports_the_same_figures(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    demo_build()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    login(page, live_server.url, "province-overseer", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/oversight/")
    page.wait_for_url(f"{live_server.url}/oversight/province/23/")
    assert "ภาพรวมการกำกับดูแล · จังหวัดตราด" in page.locator("h1").inner_text()
    charts = page.locator("svg.chart")
    assert charts.count() == 6
    labels = [charts.nth(i).get_attribute("aria-label") or "" for i in range(charts.count())]
    assert any("ระดับผลการประเมิน" in label for label in labels)
    assert page.locator("svg.chart text", has_text="การเปิดเผยข้อมูล").count() >= 1
    rows = page.locator("table.agencies tbody tr[data-code]")
    assert rows.count() == 2
    shown = {
        rows.nth(i).get_attribute("data-code"): rows.nth(i)
        .locator("td[data-col=overall]")
        .inner_text()
        for i in range(rows.count())
    }
    shot = Path(os.environ.get("PRONGSAI_SCREENSHOT_DIR", tmp_path)) / "oversight-province.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    with page.expect_download() as info:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))["หน่วยงาน"]
    table = list(sheet.iter_rows(values_only=True))
    exported = {str(r[0]): f"{r[5]:.2f}" for r in table[1:]}
    assert exported == {code: to_arabic_digits(text) for code, text in shown.items()}  # Thai digits
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_a_district_overseer_sees_only_its_district(live_server: Any, page: Any) -> None:
    demo_build()
    login(page, live_server.url, "district-overseer", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/oversight/")
    page.wait_for_url(f"{live_server.url}/oversight/district/2301/")
    codes = page.locator("table.agencies tbody tr[data-code]")
    assert [codes.nth(i).get_attribute("data-code") for i in range(codes.count())] == ["6230106"]
    response = page.goto(f"{live_server.url}/oversight/province/23/")
    assert response is not None and response.status == 404
