"""Import from CSV and XLSX: all or nothing, each problem in Thai with its row and column."""

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from prongsai.frameworks.models import Framework
from prongsai.results.importing import ImportFailed, results_import
from prongsai.results.models import Result
from prongsai.results.services import ResultInput, result_save
from prongsai.results.sheets import template_csv, template_xlsx
from tests.results.conftest import SEED_2566, indicators

D = Decimal
pytestmark = pytest.mark.django_db
HEADER = "ปีงบประมาณ,รหัส,รายการ,ค่า\n"


def csv_of(rows: list[tuple[Any, ...]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return (HEADER + out.getvalue()).encode("utf-8")


def seed_rows(year: int = 2566) -> list[tuple[Any, ...]]:
    return [(year, f"ind{n}", "", v) for n, v in enumerate(SEED_2566, start=1)]


def xlsx_of(rows: list[tuple[Any, ...]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["ปีงบประมาณ", "รหัส", "รายการ", "ค่า"])
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_good_csv_is_imported(agency: Any) -> None:
    rows = [
        *seed_rows(),
        (2566, "total", "คะแนนรวม", "97.37"),
        (2566, "rank", "", "737"),
        (2566, "I19", "", "86.10"),
        (2566, "O42", "", "ผ่าน"),
        (2565, "ind1", "", ""),
    ]
    rows += [(2565, f"ind{n}", "", "๙๐.๕๐") for n in range(1, 11)]
    report = results_import(agency, csv_of(rows), "ita.csv")
    assert report.years == [2565, 2566]
    r = Result.objects.get(agency=agency, year=2566)
    assert (r.overall, r.entered_overall, r.rank) == (D("97.37"), D("97.37"), 737)
    assert dict(r.question_scores.values_list("code", "score")) == {"i19": D("86.10")}
    assert dict(r.oit_results.values_list("code", "passed")) == {"o42": True}
    assert Result.objects.get(agency=agency, year=2565).overall == D("90.50")


def test_a_good_xlsx_with_numbers_in_cells_is_imported(agency: Any) -> None:
    rows = [(2566, f"ind{n}", "", float(v)) for n, v in enumerate(SEED_2566, start=1)]
    rows.append((2566, "rank", "", 737.0))
    results_import(agency, xlsx_of(rows), "ita.xlsx")
    r = Result.objects.get(agency=agency, year=2566)
    assert r.overall == D("97.37") and r.rank == 737


def test_one_wrong_row_writes_nothing_and_every_problem_is_named(agency: Any) -> None:
    result_save(agency, ResultInput(year=2566, indicators=indicators(["90"] * 10)))
    rows = seed_rows()
    rows[3] = (2566, "ind4", "", "93,63")  # decimal comma, row 5
    rows.append((2566, "i31", "", "50"))  # row 12: no such question
    rows.append((2566, "o1", "", "บางส่วน"))  # row 13
    rows.append((2566, "ind1", "", "98"))  # row 14: duplicate of row 2
    rows.append((2564, "ind1", "", "98"))  # row 15: no framework
    rows.append((2566, "level", "", "ดีเยี่ยม"))  # row 16
    rows.append((2566, "e4", "", "101"))  # row 17
    with pytest.raises(ImportFailed) as err:
        results_import(agency, csv_of(rows), "ita.csv")
    errors = err.value.errors
    assert "แถวที่ 5 คอลัมน์ D (ค่า): “93,63” ใช้จุลภาคเป็นจุดทศนิยม ให้ใช้จุด เช่น 97.37" in errors
    assert "แถวที่ 12 คอลัมน์ B (รหัส): ไม่รู้จักรหัส “i31” ในเกณฑ์ปี 2566" in errors
    assert "แถวที่ 13 คอลัมน์ D (ค่า): “บางส่วน” ต้องเป็น ผ่าน หรือ ไม่ผ่าน" in errors
    assert "แถวที่ 14 คอลัมน์ B (รหัส): รหัส ind1 ของปี 2566 ซ้ำกับแถวที่ 2" in errors
    assert any(
        e.startswith("แถวที่ 15 คอลัมน์ A (ปีงบประมาณ): “2564” ไม่ใช่ปีงบประมาณที่มีเกณฑ์ในระบบ")
        for e in errors
    )
    assert any(e.startswith("แถวที่ 16 คอลัมน์ D (ค่า): ระดับ “ดีเยี่ยม” ไม่มีในเกณฑ์ปี 2566") for e in errors)
    assert "แถวที่ 17 คอลัมน์ D (ค่า): คะแนน 101 ต้องอยู่ระหว่าง 0 ถึง 100" in errors
    r = Result.objects.get(agency=agency, year=2566)
    assert r.overall == D("90.00") and not r.question_scores.exists()


def test_a_year_without_all_ten_indicators_is_refused(agency: Any) -> None:
    rows = [r for r in seed_rows() if r[1] not in ("ind4", "ind7")]
    with pytest.raises(ImportFailed) as err:
        results_import(agency, csv_of(rows), "ita.csv")
    assert err.value.errors == ["ปีงบประมาณ 2566: ขาดคะแนนตัวชี้วัดที่ 4, 7 (ต้องมีครบ 10 ตัว)"]
    assert not Result.objects.exists()


def test_a_bad_xlsx_cell_is_reported_by_row_and_column(agency: Any) -> None:
    rows = [(2566, f"ind{n}", "", float(v)) for n, v in enumerate(SEED_2566, start=1)]
    rows[9] = (2566, "ind10", "", "เต็ม")
    with pytest.raises(ImportFailed) as err:
        results_import(agency, xlsx_of(rows), "ita.xlsx")
    assert err.value.errors == ["แถวที่ 11 คอลัมน์ D (ค่า): “เต็ม” ไม่ใช่ตัวเลข"]
    assert not Result.objects.exists()


def test_a_thai_windows_csv_is_read(agency: Any) -> None:
    results_import(agency, csv_of(seed_rows()).decode().encode("cp874"), "ita.csv")
    assert Result.objects.get(agency=agency).overall == D("97.37")


def test_other_files_are_refused(agency: Any) -> None:
    with pytest.raises(ImportFailed, match=r"\.csv หรือ \.xlsx"):
        results_import(agency, b"x", "ita.pdf")
    with pytest.raises(ImportFailed, match="เปิดไฟล์ Excel"):
        results_import(agency, b"not a zip", "ita.xlsx")
    with pytest.raises(ImportFailed, match="ไม่พบข้อมูลในไฟล์"):
        results_import(agency, HEADER.encode(), "ita.csv")


def test_the_template_lists_every_code_and_round_trips(agency: Any) -> None:
    fw = Framework.objects.get(year=2566)
    empty = load_workbook(io.BytesIO(template_xlsx(fw, None))).active
    assert empty is not None
    codes = [row[1] for row in empty.iter_rows(min_row=2, values_only=True)]
    assert codes[:3] == ["total", "IIT", "EIT"] and "ind10" in codes and "i30" in codes
    assert "e15" in codes and "o43" in codes and len(codes) == 7 + 10 + 45 + 43
    oit = {f"o{n}": n % 2 == 0 for n in range(1, 44)}
    saved = result_save(
        agency,
        ResultInput(
            year=2566,
            indicators=indicators(SEED_2566),
            entered_overall=D("97.37"),
            rank=737,
            questions={"i19": D("86.10")},
            oit=oit,
        ),
    )
    for content, name in ((template_xlsx(fw, saved), "t.xlsx"), (template_csv(fw, saved), "t.csv")):
        Result.objects.all().delete()
        results_import(agency, content, name)
        again = Result.objects.get(agency=agency, year=2566)
        assert (again.overall, again.entered_overall, again.rank) == (D("97.37"), D("97.37"), 737)
        assert dict(again.question_scores.values_list("code", "score")) == {"i19": D("86.10")}
        assert dict(again.oit_results.values_list("code", "passed")) == oit


def test_the_import_page_shows_the_errors_and_saves_nothing(
    world: Any, editor_client: Client
) -> None:
    rows = seed_rows(2567)
    rows[0] = (2567, "ind1", "", "abc")
    response = editor_client.post(
        reverse("results:import", args=["ours"]),
        {"file": SimpleUploadedFile("ita.csv", csv_of(rows), content_type="text/csv")},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "แถวที่ 2 คอลัมน์ D (ค่า): “abc” ไม่ใช่ตัวเลข" in body
    assert not Result.objects.filter(agency=world.agency, year=2567).exists()


def test_in_the_english_ui_the_import_problems_are_in_english(
    world: Any, editor_client: Client
) -> None:
    editor_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    rows = seed_rows(2567)
    rows[0] = (2567, "ind1", "", "abc")
    rows.append((2567, "x9", "", "50"))
    response = editor_client.post(
        reverse("results:import", args=["ours"]),
        {"file": SimpleUploadedFile("ita.csv", csv_of(rows), content_type="text/csv")},
    )
    body = response.content.decode()
    assert "Row 2, column D (ค่า): “abc” is not a number" in body
    assert "Row 12, column B (รหัส): Unknown code “x9” in the criteria of year 2567" in body
    assert not Result.objects.filter(agency=world.agency, year=2567).exists()


def test_the_template_download_is_an_xlsx(world: Any, editor_client: Client) -> None:
    response = editor_client.get(reverse("results:template", args=["ours", 2566, "xlsx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert (
        editor_client.get(reverse("results:template", args=["ours", 2566, "pdf"])).status_code
        == 404
    )
