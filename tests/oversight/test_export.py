"""The exports carry the same figures as the page, for the same filters."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.oversight.pagetable import read_page

pytestmark = pytest.mark.django_db

# page column → export header (the header of the year columns is matched by its start)
COLUMNS = {
    "overall": "คะแนนรวม 2566",
    "level": "ระดับ",
    "IIT": "IIT",
    "EIT": "EIT",
    "OIT": "OIT",
    "change": "เปลี่ยนแปลง",
    "area_rank": "อันดับในพื้นที่",
    "plan": "มาตรการ 2567",
    "findings": "ข้อค้นพบจากการตรวจ",
    "half": "รายงานรอบ 6 เดือน",
    "annual": "รายงานประจำปี",
    "late": "มาตรการล่าช้า",
}


def _same(page: str, exported: Any) -> bool:
    if exported is None or exported == "":
        return page in ("", "—")
    if isinstance(exported, float | int) or page.lstrip("+-").replace(".", "").isdigit():
        try:
            return Decimal(page.lstrip("+")) == Decimal(str(exported))
        except ArithmeticError:
            return False
    return page == str(exported)


def _compare(page_rows: dict[str, dict[str, str]], table: list[list[Any]]) -> None:
    header, body = table[0], table[1:]
    index = {name: header.index(name) for name in ["รหัสหน่วยงาน", *COLUMNS.values()]}
    assert [str(r[index["รหัสหน่วยงาน"]]) for r in body] == list(page_rows)  # same rows, order
    for r in body:
        page = page_rows[str(r[index["รหัสหน่วยงาน"]])]
        for col, head in COLUMNS.items():
            assert _same(page[col], r[index[head]]), (col, page[col], r[index[head]])


@pytest.mark.parametrize("query", ["", "sort=-overall", "state=late&type=sao", "sort=half"])
def test_the_xlsx_and_csv_exports_have_the_figures_of_the_page(area: Any, query: str) -> None:
    c = area.client("province")
    html = c.get(f"/oversight/province/71/?{query}").content.decode()
    rows, stats = read_page(html)
    assert rows
    xlsx = c.get(f"/oversight/province/71/export.xlsx?{query}")
    assert xlsx["Content-Disposition"].startswith("attachment;")
    wb = load_workbook(io.BytesIO(xlsx.content))
    _compare(rows, [list(r) for r in wb["หน่วยงาน"].iter_rows(values_only=True)])
    summary = {r[0]: r[1] for r in wb["สรุป"].iter_rows(values_only=True) if r and r[0]}
    assert f"{summary['คะแนนเฉลี่ย']:.2f}" == stats["mean"]
    assert str(summary["จำนวนหน่วยงาน"]) == stats["agencies"]
    response = c.get(f"/oversight/province/71/export.csv?{query}")
    text = response.content.decode("utf-8-sig")
    _compare(rows, list(csv.reader(io.StringIO(text))))


def test_an_export_is_limited_to_the_overseers_area(area: Any) -> None:
    c = area.client("district")
    text = c.get("/oversight/district/7101/export.csv").content.decode("utf-8-sig")
    body = list(csv.reader(io.StringIO(text)))[1:]
    assert {r[0] for r in body} == {
        a.code for a in area.agencies if a.district_id == area.districts[0].pk
    }
    assert c.get("/oversight/province/71/export.csv").status_code == 404
