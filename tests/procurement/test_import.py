"""Importing a month: CSV/XLSX by the template and the CGD contract JSON. All or nothing, each
problem in Thai with its row; a re-import recognises what is there already."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from prongsai.procurement import cgd, importing, services
from prongsai.procurement.importing import HEADER, ImportFailed
from prongsai.procurement.models import ProcurementEntry
from tests.procurement.conftest import FIXTURES, D, clean_slate, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(world: Any) -> Any:
    clean_slate(world)
    return services.month_get_or_create(world.agency, 2569, 10)


def xlsx_of(rows: list[list[Any]], header: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header or [title for title, _s, _r in HEADER])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ROW = [1, "จัดซื้อวัสดุไฟฟ้า", 12000, 12000, "เฉพาะเจาะจง", "ร้านไฟฟ้าดี 11,900\nร้านแสงทอง 11,950.50",
       "ร้านไฟฟ้าดี", 11900, "ราคาต่ำสุด", "ใบสั่งซื้อ 7/2569", "21/10/2568", ""]  # fmt: skip


def test_the_csv_fixture_is_imported_with_bidders_dates_and_formula_like_text_as_data(
    register: Any,
) -> None:
    content = (FIXTURES / "october_2568.csv").read_bytes()
    report = importing.import_file(register, content, "october_2568.csv", user=None)
    assert (report.added, report.skipped) == (3, 0)
    repair = ProcurementEntry.objects.get(number=2)
    assert repair.budget == D("35000") and repair.contract_date.isoformat() == "2025-10-15"
    assert [(b.name, b.price) for b in repair.bidders.all()] == [
        ("อู่ช่างหนึ่งการช่าง", D("34500.00")),
        ("อู่สมบูรณ์ยนต์", D("34750.00")),
    ]
    assert ProcurementEntry.objects.get(number=3).title == '=HYPERLINK("http://x")'
    again = importing.import_file(register, content, "october_2568.csv", user=None)
    assert (again.added, again.skipped) == (0, 3)  # recognised by contract number
    assert ProcurementEntry.objects.filter(register=register).count() == 3


def test_an_xlsx_is_imported(register: Any) -> None:
    report = importing.import_file(register, xlsx_of([ROW]), "m.xlsx", user=None)
    assert report.added == 1
    entry = ProcurementEntry.objects.get()
    assert entry.bidders.count() == 2 and entry.winner_price == D("11900.00")


def test_the_template_reads_back(register: Any) -> None:
    assert (
        importing.import_file(register, importing.template_xlsx(), "t.xlsx", user=None).added == 1
    )


def test_a_damaged_file_is_refused_in_thai_and_nothing_is_written(register: Any) -> None:
    broken = xlsx_of([ROW])[:300]
    with pytest.raises(ImportFailed) as e:
        importing.import_file(register, broken, "m.xlsx", user=None)
    assert "เปิดไฟล์ Excel (.xlsx) ไม่ได้" in e.value.errors[0]
    assert not ProcurementEntry.objects.exists()


def test_a_wrong_column_is_named_and_nothing_is_written(register: Any) -> None:
    header = [title for title, _s, _r in HEADER]
    header[2] = "ราคา"
    with pytest.raises(ImportFailed) as e:
        importing.import_file(register, xlsx_of([ROW], header), "m.xlsx", user=None)
    assert e.value.errors == ["แถวที่ ๑: หัวคอลัมน์ C ต้องเป็น “วงเงินที่จะซื้อหรือจ้าง (บาท)” แต่พบ “ราคา”"]
    assert not ProcurementEntry.objects.exists()


def test_a_duplicate_row_and_a_bad_amount_are_refused_with_their_rows(register: Any) -> None:
    bad = [*ROW[:2], "สองหมื่น", *ROW[3:9], "ใบสั่งซื้อ 8/2569", *ROW[10:]]
    with pytest.raises(ImportFailed) as e:
        importing.import_file(register, xlsx_of([ROW, bad]), "m.xlsx", user=None)
    assert e.value.errors == ["แถวที่ ๓ คอลัมน์ C (วงเงินที่จะซื้อหรือจ้าง (บาท)): “สองหมื่น” ไม่ใช่จำนวนเงิน"]
    with pytest.raises(ImportFailed) as e:
        importing.import_file(register, xlsx_of([ROW, ROW]), "m.xlsx", user=None)
    assert e.value.errors == ["แถวที่ ๓: ซ้ำกับแถวที่ ๒ (เลขที่สัญญาหรือเลขที่โครงการเดียวกัน)"]
    assert not ProcurementEntry.objects.exists()


def test_the_cgd_json_fills_what_it_has_and_leaves_bidders_and_reason_to_the_officer(
    register: Any,
) -> None:
    content = (FIXTURES / "cgd_2569.json").read_bytes()
    report = cgd.import_cgd(register, content, user=None)
    assert (report.added, report.outside) == (2, 1)  # the November contract is left out
    road = ProcurementEntry.objects.get(project_id="68109456789")
    assert road.budget == D("1250000") and road.median_price == D("1238500.50")
    assert road.winner == "ห้างหุ้นส่วนจำกัด โนนสูงการโยธา" and road.winner_price == D("1150000")
    assert road.contract_no == "๔/๒๕๖๙" and road.contract_date.isoformat() == "2025-10-24"
    assert road.method == "ประกาศเชิญชวนทั่วไป" and road.reason == "" and not road.bidders.exists()
    assert cgd.import_cgd(register, content, user=None).skipped == 2


def test_a_cgd_file_that_is_not_json_is_refused(register: Any) -> None:
    with pytest.raises(ImportFailed) as e:
        cgd.import_cgd(register, b"\x89PNG not json", user=None)
    assert "อ่านไฟล์ JSON ไม่ได้" in e.value.errors[0]
    with pytest.raises(ImportFailed):
        cgd.import_cgd(register, b'{"result": 5}', user=None)


def test_the_import_page_shows_the_errors_and_writes_nothing(world: Any) -> None:
    clean_slate(world)
    url = reverse(
        "procurement:import", kwargs={"slug": world.agency.slug, "year": 2569, "month": 10}
    )
    answer = client_for("editor").post(
        url, {"source": "file", "file": SimpleUploadedFile("m.xlsx", xlsx_of([ROW, ROW]))}
    )
    assert answer.status_code == 200 and "แถวที่ ๓: ซ้ำกับแถวที่ ๒" in answer.content.decode()
    assert not ProcurementEntry.objects.exists()
    answer = client_for("editor").post(
        url, {"source": "file", "file": SimpleUploadedFile("m.xlsx", xlsx_of([ROW]))}
    )
    assert answer.status_code == 302 and ProcurementEntry.objects.count() == 1


def test_fetching_without_an_api_key_says_so(settings: Any) -> None:
    settings.PRONGSAI_CGD_API_KEY = ""
    with pytest.raises(ImportFailed) as e:
        cgd.fetch("1234567", 2569)
    assert "API key" in e.value.errors[0]


def test_the_exported_month_keeps_the_columns(register: Any) -> None:
    from prongsai.procurement import documents

    importing.import_file(register, xlsx_of([ROW]), "m.xlsx", user=None)
    book = load_workbook(
        io.BytesIO(documents.month_xlsx(register.agency, [documents.month_data(register)]))
    )
    assert book.worksheets[0]["B6"].value == "จัดซื้อวัสดุไฟฟ้า"


def test_fetching_sends_the_key_and_reads_the_answer(settings: Any, monkeypatch: Any) -> None:
    settings.PRONGSAI_CGD_API_KEY = "test-key"
    seen: dict[str, Any] = {}

    class Answer(io.BytesIO):
        def __enter__(self) -> Any:
            return self

        def __exit__(self, *exc: Any) -> None:
            return None

    def urlopen(request: Any, timeout: float) -> Answer:
        seen.update(url=request.full_url, key=request.get_header("Api-key"), timeout=timeout)
        return Answer((FIXTURES / "cgd_2569.json").read_bytes())

    monkeypatch.setattr(cgd.urllib.request, "urlopen", urlopen)
    records = cgd.records_of(cgd.fetch("7654321", 2569))
    assert len(records) == 3
    assert seen == {
        "url": "https://opend.data.go.th/govspending/cgdcontract?dept_code=7654321&year=2569",
        "key": "test-key",
        "timeout": cgd.TIMEOUT,
    }

    def refused(request: Any, timeout: float) -> Answer:
        raise OSError("timed out")

    monkeypatch.setattr(cgd.urllib.request, "urlopen", refused)
    with pytest.raises(ImportFailed, match="ดึงข้อมูลจากกรมบัญชีกลางไม่สำเร็จ"):
        cgd.fetch("7654321", 2569)
