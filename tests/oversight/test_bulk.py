"""Bulk import of results for many agencies: matched or created by code, all or nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from prongsai.audit.models import AuditEntry
from prongsai.core.files import read_bytes
from prongsai.frameworks.scoring import score_indicators
from prongsai.frameworks.selectors import scheme_for_year
from prongsai.orgs.models import Agency
from prongsai.oversight.bulk import (
    BulkImportFailed,
    bulk_import,
    bulk_import_queue,
    bulk_import_run,
)
from prongsai.oversight.models import BulkImport
from prongsai.results.models import Result

pytestmark = pytest.mark.django_db
HEAD = ["รหัสหน่วยงาน", "ปีงบประมาณ", "จังหวัด", "อำเภอ", "ประเภท", "ชื่อหน่วยงาน"] + [
    f"ind{n}" for n in range(1, 11)
] + ["total", "i19"]  # fmt: skip
IND = ["91.10", "88.20", "90.30", "87.40", "86.50", "89.60", "85.70", "88.80", "95", "90"]


def as_csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEAD)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def row(
    code: str, year: int = 2567, *place: str, values: list[str] = IND, **extra: str
) -> list[Any]:
    cells = [
        code,
        year,
        *(place or ("", "", "", "")),
        *values,
        extra.get("total", ""),
        extra.get("i19", ""),
    ]
    return cells


def test_it_saves_results_for_known_agencies_and_creates_new_ones(area: Any) -> None:
    known = area.agencies[0]
    content = as_csv(
        [
            row(known.code, 2567, values=IND, i19="77.50"),
            row("6710199", 2567, "71", "เหนือ", "อบต.", "อบต.บ้านใหม่"),
            row("6710199", 2566, "ทดสอบกำกับ", "อำเภอเหนือ", "องค์การบริหารส่วนตำบล", "บ้านใหม่"),
        ]
    )
    report = bulk_import(content, "results.csv")
    assert (report.rows, report.agencies, report.created, report.years) == (3, 2, 1, [2566, 2567])
    new = Agency.objects.get(code="6710199")
    assert (new.name, new.type, new.district.code) == ("บ้านใหม่", "sao", "7101")
    expected = score_indicators(
        scheme_for_year(2567), {n: Decimal(v) for n, v in enumerate(IND, 1)}
    )
    result = Result.objects.get(agency=known, year=2567)
    assert (result.overall, result.level, result.source) == (
        expected.overall,
        expected.level.name,
        "import",
    )
    assert result.question_scores.get(code="i19").score == Decimal("77.50")
    assert Result.objects.filter(agency=new).count() == 2


def test_one_bad_row_writes_nothing_and_every_problem_is_reported_in_thai(area: Any) -> None:
    before = Result.objects.count(), Agency.objects.count()
    bad = list(IND)
    bad[2] = "101"
    content = as_csv(
        [
            row(area.agencies[0].code, 2567),  # fine on its own
            row(area.agencies[1].code, 2567, values=bad),
            row("6710198", 2567),  # unknown, no place
            row("6710197", 2567, "71", "ไม่มีอำเภอนี้", "อบต.", "ใหม่"),
            row(area.agencies[2].code, 2499),
            row(area.agencies[3].code, 2567, "", "", "", "ชื่อของคนอื่น"),
            row(area.agencies[0].code, 2567),  # twice the same agency and year
        ]
    )
    with pytest.raises(BulkImportFailed) as caught:
        bulk_import(content, "results.csv")
    errors = caught.value.errors
    assert (Result.objects.count(), Agency.objects.count()) == before
    text = "\n".join(errors)
    assert "แถวที่ 3 คอลัมน์ I (ind3): คะแนน 101 ต้องอยู่ระหว่าง 0 ถึง 100" in text
    assert "แถวที่ 4 คอลัมน์ A (รหัสหน่วยงาน): ไม่พบหน่วยงานรหัส 6710198 ในระบบ" in text
    assert "แถวที่ 5 คอลัมน์ D (อำเภอ): ไม่พบอำเภอ “ไม่มีอำเภอนี้” ในจังหวัดทดสอบกำกับ" in text
    assert "แถวที่ 6 คอลัมน์ B (ปีงบประมาณ)" in text
    assert "แถวที่ 7 คอลัมน์ F (ชื่อหน่วยงาน): รหัส" in text and "ไม่ใช่ “ชื่อของคนอื่น”" in text
    assert "แถวที่ 8 คอลัมน์ A (รหัสหน่วยงาน): หน่วยงาน" in text and "ซ้ำกับแถวที่ 2" in text


def test_an_xlsx_file_with_missing_indicators_is_refused(area: Any) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["รหัสหน่วยงาน", "ปีงบประมาณ", "ind1"])
    ws.append([area.agencies[0].code, 2567, 90.5])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(BulkImportFailed) as caught:
        bulk_import(out.getvalue(), "r.xlsx")
    assert any("ขาดคะแนนตัวชี้วัดที่ 2, 3" in e for e in caught.value.errors)


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "r.csv", "ไฟล์ว่าง"),
        ("ปีงบประมาณ,ind1\n2567,90\n".encode(), "r.csv", "ไม่มีคอลัมน์ “รหัสหน่วยงาน”"),
        (b"PK\x03\x04 not really", "r.xlsx", "เปิดไฟล์ Excel"),
        (b"x", "r.pdf", ".csv หรือ .xlsx"),
        ("รหัสหน่วยงาน,ปีงบประมาณ\n".encode(), "r.csv", "ไม่พบข้อมูล"),
        ("รหัสหน่วยงาน,ปีงบประมาณ\nab cd,2567\n".encode(), "r.csv", "ต้องเป็นตัวเลขหรืออักษรอังกฤษ"),
    ],
)
def test_broken_files_get_a_thai_message(db: Any, content: bytes, name: str, message: str) -> None:
    with pytest.raises(BulkImportFailed) as caught:
        bulk_import(content, name)
    assert message in "\n".join(caught.value.errors)


def test_the_page_is_for_site_staff_and_the_template_reimports(
    area: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert area.client("country").get("/oversight/import/").status_code == 403
    staff = area.client("staff")
    template = staff.get("/oversight/import/template.xlsx")
    header = next(
        load_workbook(io.BytesIO(template.content)).worksheets[0].iter_rows(values_only=True)
    )
    assert header[:7] == (
        "รหัสหน่วยงาน",
        "ปีงบประมาณ",
        "จังหวัด",
        "อำเภอ",
        "ประเภท",
        "ชื่อหน่วยงาน",
        "ind1",
    )
    assert "i1" in header and "O1" in header
    upload = SimpleUploadedFile("r.csv", as_csv([row(area.agencies[0].code, 2567)]))
    with django_capture_on_commit_callbacks(execute=True):  # the worker's turn (inline here)
        response = staff.post("/oversight/import/", {"file": upload})
    job = BulkImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/oversight/import/{job.pk}/"
    assert Result.objects.filter(agency=area.agencies[0], year=2567).exists()
    upload = SimpleUploadedFile("r.csv", as_csv([row("1", 2567)]))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post("/oversight/import/", {"file": upload})
    bad = BulkImport.objects.exclude(pk=job.pk).get()  # checked by the worker, not the request
    assert bad.status == BulkImport.Status.FAILED
    page = staff.get(response["Location"]).content.decode()
    assert "ไม่ได้บันทึกอะไร" in page and "ไม่พบหน่วยงานรหัส 1" in page


def test_a_checked_file_is_saved_in_the_background_and_its_page_says_so(
    area: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = area.client("staff")
    agency = area.agencies[0]
    upload = SimpleUploadedFile("ทั้งจังหวัด.csv", as_csv([row(agency.code, 2567)]))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = staff.post("/oversight/import/", {"file": upload})
    job = BulkImport.objects.get()
    assert job.status == BulkImport.Status.QUEUED and job.file_path  # only kept, not read yet
    assert not Result.objects.filter(agency=agency, year=2567).exists()  # not yet
    page = staff.get(response["Location"]).content.decode()
    assert "ทั้งจังหวัด.csv" in page and "รอคิว" in page
    for callback in queued:
        callback()  # the worker runs the task
    job.refresh_from_db()
    assert job.status == BulkImport.Status.DONE and job.rows == 1
    with pytest.raises(FileNotFoundError):
        read_bytes(job.file_path)  # the file goes once written
    assert Result.objects.filter(agency=agency, year=2567).exists()
    status = staff.get(response["Location"], headers={"Accept": "application/json"}).json()
    assert (
        status["status"] == "done"
        and status["done"] == 1
        and "นำเข้าผลการประเมิน 1 แถว" in (status["messages"][0])
    )
    assert "ทั้งจังหวัด.csv" in staff.get("/oversight/import/").content.decode()  # recent imports


def test_a_file_that_no_longer_fits_the_data_when_its_turn_comes_writes_nothing(
    area: Any,
) -> None:
    agency = area.agencies[0]
    district = area.districts[0]
    new_row = row("999001", 2567, "71", district.code, "อบต.", "ใหม่ทดสอบ")
    job = bulk_import_queue(as_csv([row(agency.code, 2567), new_row]), "r.csv")
    # meanwhile an administrator gives the new code to another agency
    from prongsai.orgs.services import agency_create

    agency_create(slug="x-999001", code="999001", type="sao", name="อื่น", district=district)
    assert bulk_import_run.call(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == BulkImport.Status.FAILED
    assert any("ไม่ใช่ “ใหม่ทดสอบ”" in m for m in job.messages), job.messages
    assert not Result.objects.filter(agency=agency, year=2567).exists()
    assert not Result.objects.filter(agency__code="999001").exists()


def test_a_job_is_written_once_even_when_its_task_comes_twice(area: Any) -> None:
    agency = area.agencies[0]
    job = bulk_import_queue(as_csv([row(agency.code, 2567)]), "r.csv")
    assert bulk_import_run.call(job.pk) == "done"
    entries = AuditEntry.objects.count()
    assert bulk_import_run.call(job.pk) == "taken"  # finished: nothing to do
    assert AuditEntry.objects.count() == entries


def test_a_row_without_question_scores_keeps_the_saved_ones(area: Any) -> None:
    agency = area.agencies[0]
    saved = Result.objects.get(agency=agency, year=2566).question_scores.count()
    assert saved == 3
    bulk_import(as_csv([row(agency.code, 2566)]), "r.csv")
    assert Result.objects.get(agency=agency, year=2566).question_scores.count() == saved
    bulk_import(as_csv([row(agency.code, 2566, i19="70")]), "r.csv")
    scores = Result.objects.get(agency=agency, year=2566).question_scores
    assert list(scores.values_list("code", "score")) == [("i19", Decimal("70.00"))]


def test_a_job_left_in_the_queue_says_the_worker_may_be_missing(area: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    job = bulk_import_queue(as_csv([row(area.agencies[0].code, 2567)]), "r.csv")
    staff = area.client("staff")
    hidden = '<div id="job-stalled" class="error" role="status" hidden>'
    assert hidden in staff.get(f"/oversight/import/{job.pk}/").content.decode()
    BulkImport.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    page = staff.get(f"/oversight/import/{job.pk}/").content.decode()
    assert hidden not in page and "ค้าง" in page and "ตัวทำงานเบื้องหลังอาจหยุดทำงาน" in page
    assert "prongsai worker" not in page  # a command the agency cannot run: the admin docs name it


def test_the_staff_page_in_english_names_the_problems_in_english(
    area: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = area.client("staff")
    staff.post("/i18n/setlang/", {"language": "en", "next": "/"})
    upload = SimpleUploadedFile("r.csv", as_csv([row("999", 2567, "ไม่มีจังหวัดนี้", "", "", "")]))
    with django_capture_on_commit_callbacks(execute=True):  # the worker checks it, in English
        response = staff.post("/oversight/import/", {"file": upload})
    body = staff.get(response["Location"]).content.decode()
    assert "No province “ไม่มีจังหวัดนี้”" in body
    assert "There is no agency with code 999" in body
    assert "ไม่พบจังหวัด" not in body
    assert BulkImport.objects.get().status == BulkImport.Status.FAILED


def test_an_unexpected_error_shows_a_thai_message_and_is_logged(
    area: Any, monkeypatch: Any, caplog: Any
) -> None:
    import logging

    from prongsai.oversight import bulk

    agency = area.agencies[0]
    job = bulk_import_queue(as_csv([row(agency.code, 2567)]), "r.csv")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError('relation "results_result" does not exist')

    monkeypatch.setattr(bulk, "_write_chunk", broken)
    with caplog.at_level(logging.ERROR):
        assert bulk_import_run.call(job.pk) == "failed"
    job.refresh_from_db()
    assert not any("results_result" in m for m in job.messages)
    assert any("ผู้ดูแลระบบ" in m for m in job.messages)
    assert "results_result" in caplog.text
