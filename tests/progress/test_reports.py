import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.documents import render
from prongsai.documents.model import CHECKBOX_EMPTY, CHECKBOX_TICKED, TICK, Table, localise
from prongsai.progress import selectors, services
from prongsai.progress.documents import report_document
from prongsai.progress.models import MeasureNote, Period, ProgressReport
from tests.progress.conftest import act, document_text
from tests.progress.factories import measures

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode()


def test_an_entry_dated_after_31_march_is_not_in_the_6_month_report(
    plan: Any, tmp_path: Path
) -> None:
    m = measures(plan)[2]
    act(m, dt.date(2024, 3, 20), "BEFORE_END_OF_ROUND ประชุมชี้แจง")
    act(
        m,
        dt.date(2024, 4, 2),
        "AFTER_END_OF_ROUND เปิดระบบ",
        completes=True,
        url="https://www.example.go.th/after-round",
    )
    for kind in ("progress", "status", "memo"):
        doc = localise(report_document(plan, Period.HALF, kind), "thai")
        text = document_text(doc)
        assert "AFTER_END_OF_ROUND" not in text and "after-round" not in text, kind
        assert "๒ เดือนเมษายน" not in text, kind
    progress = localise(report_document(plan, Period.HALF, "progress"), "thai")
    text = document_text(progress)
    assert "BEFORE_END_OF_ROUND" in text
    assert "ดำเนินการเมื่อวันที่ ๒๐ เดือนมีนาคม พ.ศ. ๒๕๖๗ BEFORE_END_OF_ROUND" in text
    assert "สถานะ: อยู่ระหว่างดำเนินการ" in text  # done only in April
    rendered = pdf_text(render(progress, "pdf"), tmp_path)
    assert "BEFORE_END_OF_ROUND" in rendered
    assert "AFTER_END_OF_ROUND" not in rendered
    assert "after-round" not in rendered
    # the annual report, as of 30 September, has it
    annual = pdf_text(render(report_document(plan, Period.YEAR, "annual"), "pdf"), tmp_path)
    assert "AFTER_END_OF_ROUND" in annual and "BEFORE_END_OF_ROUND" in annual


def test_the_6_month_report_has_the_title_page_and_the_layout_b_columns(plan: Any) -> None:
    doc = localise(report_document(plan, Period.HALF, "progress"), "thai")
    title = document_text(doc.sections[0])
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗" in title
    assert "รอบ ๖ เดือน (เดือนตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗)" in title
    assert "องค์การบริหารส่วนตำบลของเรา" in title and "อำเภอหนึ่ง จังหวัดทดสอบ" in title
    table = next(b for b in doc.sections[1].blocks if isinstance(b, Table))
    assert [c.title for c in table.columns] == [
        "ประเด็นที่ต้องปรับปรุงแก้ไข",
        "ผู้รับผิดชอบ",
        "ขั้นตอนหรือวิธีการ/มาตรการ",
        "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
        "การดำเนินการ",
    ]
    text = document_text(table)
    assert "(IIT)" in text and "(EIT)" in text and "(OIT)" in text
    assert "ตัวชี้วัดที่ ๓ การใช้อำนาจ" in text


def _status_rows(plan: Any, period: str = Period.HALF) -> dict[str, list[str]]:
    doc = report_document(plan, period, "status")
    rows = {}
    for table in (b for s in doc.sections for b in s.blocks if isinstance(b, Table)):
        for row in table.rows:
            cells = [c.text for c in row]
            title = next((t for t in cells if any(m.title in t for m in measures(plan))), None)
            if title:
                rows[next(m.title for m in measures(plan) if m.title in title)] = cells[-8:]
    return rows


def test_the_status_report_ticks_planned_quarters_and_one_status_column(plan: Any) -> None:
    dec, mar, year, later = measures(plan)
    act(dec, dt.date(2023, 11, 2), "ทำคู่มือ", completes=True)
    act(year, dt.date(2024, 1, 8), "เปิดระบบ")
    rows = _status_rows(plan)
    quarters, todo, doing, done = (lambda r: (r[3], r[4], r[5], r[6]))(rows[dec.title])
    assert quarters.split("\n") == [
        f"{CHECKBOX_TICKED} ไตรมาส 1",
        f"{CHECKBOX_EMPTY} ไตรมาส 2",
        f"{CHECKBOX_EMPTY} ไตรมาส 3",
        f"{CHECKBOX_EMPTY} ไตรมาส 4",
    ]
    assert (todo, doing, done) == ("", "", TICK)
    assert rows[year.title][4:7] == ["", TICK, ""]
    assert rows[later.title][4:7] == [TICK, "", ""]
    assert rows[later.title][3].split("\n")[2:] == [
        f"{CHECKBOX_TICKED} ไตรมาส 3",
        f"{CHECKBOX_TICKED} ไตรมาส 4",
    ]
    assert "ทำคู่มือ" in rows[dec.title][7] and "ดำเนินการในไตรมาสที่ 1" in rows[dec.title][7]
    assert mar.title in rows


def test_the_annual_report_has_its_columns_results_with_links_and_continues_with_ต่อ(
    plan: Any,
) -> None:
    m = measures(plan)[2]
    act(
        m,
        dt.date(2024, 6, 1),
        "เปิดระบบ E-Service",
        completes=True,
        url="https://www.example.go.th/e-service/2567",
    )
    services.note_save(
        m,
        period=Period.YEAR,
        user=None,
        data={"suggestions": "ขยายบริการเพิ่ม", "outcome": "ประชาชนยื่นคำร้องออนไลน์ได้"},
    )
    doc = report_document(plan, Period.YEAR, "annual")
    table = next(b for s in doc.sections for b in s.blocks if isinstance(b, Table) and b.title)
    assert [c.title for c in table.columns] == [
        "มาตรการ/แนวทาง",
        "วิธีการดำเนินการ",
        "ระยะเวลาดำเนินการ",
        "ผลการดำเนินการตามมาตรการ/กิจกรรม",
        "ข้อเสนอแนะ",
        "ผู้รับผิดชอบ",
        "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
    ]
    assert table.continued_label == "(ต่อ)" and table.title
    row = next(r for r in table.rows if r[0].text.startswith(m.title))
    assert "https://www.example.go.th/e-service/2567" in row[3].text
    assert row[4].text == "ขยายบริการเพิ่ม" and row[6].text == "ประชาชนยื่นคำร้องออนไลน์ได้"


def test_a_late_measure_must_carry_cause_problems_and_suggestions_before_finalising(
    plan: Any,
) -> None:
    dec, mar, *_ = measures(plan)
    act(dec, dt.date(2023, 12, 1), "เสร็จ", completes=True)
    report = selectors.report_for(plan, Period.HALF)
    with pytest.raises(ValidationError) as err:
        services.report_finalise(report, user=None)
    messages = err.value.messages
    assert len(messages) == 1
    assert f"มาตรการ “{mar.title}”" in messages[0]
    assert "ต้องระบุสาเหตุ ปัญหาอุปสรรค ข้อเสนอแนะ" in messages[0]
    assert "๓๑ มีนาคม ๒๕๖๗" in messages[0]
    services.note_save(mar, period=Period.HALF, user=None, data={"cause": "คนย้าย"})
    with pytest.raises(ValidationError) as err:
        services.report_finalise(report, user=None)
    assert "ต้องระบุปัญหาอุปสรรค ข้อเสนอแนะ" in err.value.messages[0]
    services.note_save(
        mar,
        period=Period.HALF,
        user=None,
        data={"problems": "ข้อมูลไม่ครบ", "suggestions": "มอบหมายคนแทน"},
    )
    final = services.report_finalise(report, user=None)
    assert final.is_final and final.finalised_at is not None
    assert final.events.get().action == "finalise"


def test_a_report_cannot_be_finalised_before_its_period_ends(plan: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(selectors, "today", lambda: dt.date(2024, 3, 15))
    with pytest.raises(ValidationError) as err:
        services.report_finalise(selectors.report_for(plan, Period.HALF), user=None)
    assert "ยังไม่สิ้นสุดรอบรายงาน" in err.value.messages[0]


def _finalise_half(plan: Any, world: Any) -> ProgressReport:
    dec, mar, *_ = measures(plan)
    for m in (dec, mar):
        services.note_save(
            m,
            period=Period.HALF,
            user=None,
            data={"cause": "ก", "problems": "ข", "suggestions": "ค"},
        )
    return services.report_finalise(
        selectors.report_for(plan, Period.HALF), user=world.users["editor"]
    )


def test_a_finalised_report_freezes_the_entries_of_its_period_until_reopened(
    plan: Any, world: Any
) -> None:
    m = measures(plan)[2]
    early = act(m, dt.date(2023, 11, 1), "ก่อน")
    report = _finalise_half(plan, world)
    assert report.finalised_by == world.users["editor"]
    with pytest.raises(ValidationError, match="สรุปแล้ว"):
        act(m, dt.date(2024, 3, 1), "เพิ่มย้อนหลัง")
    with pytest.raises(ValidationError):
        services.action_delete(early, user=None)
    with pytest.raises(ValidationError):
        services.action_update(
            early, user=None, data={"date": dt.date(2024, 5, 1), "text": "ย้ายวัน"}
        )
    with pytest.raises(ValidationError):
        services.note_save(m, period=Period.HALF, user=None, data={"result": "แก้"})
    with pytest.raises(ValidationError):
        services.report_update_memo(report, user=None, data={"memo_ref": "x"})
    act(m, dt.date(2024, 4, 10), "หลังสิ้นรอบยังบันทึกได้")
    services.note_save(m, period=Period.YEAR, user=None, data={"result": "ประจำปีแก้ได้"})
    with pytest.raises(ValidationError, match="กรุณาระบุเหตุผลที่เปิดแก้ไข"):
        services.report_reopen(report, user=world.users["admin"], reason="  ")
    report.refresh_from_db()
    assert report.is_final
    services.report_reopen(report, user=world.users["admin"], reason="แก้คำผิด")
    act(m, dt.date(2024, 3, 1), "เพิ่มย้อนหลัง")
    assert report.events.first().note == "เปิดแก้ไขรายงาน: แก้คำผิด"


def test_the_memo_names_the_period_and_the_agencys_signers(plan: Any) -> None:
    services.report_update_memo(
        selectors.report_for(plan, Period.HALF),
        user=None,
        data={"memo_ref": "ทด 12345/-", "memo_date": dt.date(2024, 4, 3)},
    )
    plan.agency.phone = "0 3951 2345"
    plan.agency.save()
    doc = localise(report_document(plan, Period.HALF, "memo"), "thai")
    memo = doc.sections[0].blocks[0]
    assert memo.unit == "องค์การบริหารส่วนตำบลของเรา สำนักปลัด โทร. ๐ ๓๙๕๑ ๒๓๔๕"
    assert memo.ref == "ทด ๑๒๓๔๕/-" and memo.date == "๓ เมษายน ๒๕๖๗"
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน" in memo.subject
    assert memo.to == "นายกองค์การบริหารส่วนตำบลของเรา"
    text = document_text(doc)
    assert "รอบ ๖ เดือน (เดือนตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗)" in text
    assert "จากมาตรการทั้งหมด ๔ มาตรการ" in text
    for name in ("นายวีรยุทธ ทองดี", "นางสาวกมลวรรณ ศรีสุข", "นายประเสริฐ ตั้งมั่น"):
        assert f"{name}" in text
    assert text.index("หัวหน้าสำนักปลัด") < text.index("ปลัดองค์การ") < text.index("นายประเสริฐ")


def test_the_memo_can_go_in_front_of_a_report(plan: Any) -> None:
    alone = report_document(plan, Period.YEAR, "annual")
    both = report_document(plan, Period.YEAR, "annual", with_memo=True)
    assert len(both.sections) == len(alone.sections) + 1
    assert both.sections[0].blocks[0].__class__.__name__ == "Memo"
    assert "(รอบ 12 เดือน)" in both.sections[0].blocks[0].subject


@pytest.mark.parametrize("kind", ["progress", "status", "annual", "memo"])
def test_every_kind_renders_to_pdf_and_docx(plan: Any, kind: str) -> None:
    act(measures(plan)[0], dt.date(2023, 10, 3), "ก", url="https://www.example.go.th/a")
    period = Period.YEAR if kind == "annual" else Period.HALF
    doc = report_document(plan, period, kind)
    assert render(doc, "pdf").startswith(b"%PDF")
    assert render(doc, "docx").startswith(b"PK")


def test_notes_of_one_period_do_not_show_in_the_other(plan: Any) -> None:
    m = measures(plan)[2]
    services.note_save(m, period=Period.YEAR, user=None, data={"result": "YEAR-ONLY-RESULT"})
    assert "YEAR-ONLY-RESULT" not in document_text(report_document(plan, Period.HALF, "progress"))
    assert "YEAR-ONLY-RESULT" in document_text(report_document(plan, Period.YEAR, "annual"))
    assert MeasureNote.objects.count() == 1


def test_a_plan_without_measures_still_renders_every_kind(world: Any) -> None:
    from prongsai.plans import services as plan_services

    plan = plan_services.plan_create(agency=world.other_agency, fiscal_year=2567, user=None)
    for period, kinds in (
        (Period.HALF, ("progress", "status", "memo")),
        (Period.YEAR, ("annual",)),
    ):
        for kind in kinds:
            doc = report_document(plan, period, kind, with_memo=True)
            assert render(doc, "pdf").startswith(b"%PDF") and render(doc, "docx").startswith(b"PK")
    problems = selectors.report_problems(plan, Period.HALF)
    assert problems == ["ยังไม่มีมาตรการในแผน จึงยังไม่มีสิ่งที่จะรายงาน"]
    # a municipality's memo goes to its mayor (นายกเทศมนตรี)
    memo = report_document(plan, Period.HALF, "memo").sections[0].blocks[0]
    assert memo.to == "นายกเทศมนตรีตำบลของเขา"


def test_the_annual_report_reads_the_6_month_note_where_the_annual_one_is_silent(plan: Any) -> None:
    dec, mar, *_ = measures(plan)
    act(dec, dt.date(2023, 12, 1), "เสร็จ", completes=True)
    services.note_save(dec, period=Period.HALF, user=None, data={"outcome": "HALF-OUTCOME"})
    services.note_save(
        mar,
        period=Period.HALF,
        user=None,
        data={"cause": "HALF-CAUSE", "problems": "ป", "suggestions": "HALF-SUGGESTION"},
    )
    services.note_save(mar, period=Period.YEAR, user=None, data={"suggestions": "YEAR-SUGGESTION"})
    text = document_text(report_document(plan, Period.YEAR, "annual"))
    assert "HALF-OUTCOME" in text and "HALF-CAUSE" in text
    assert "YEAR-SUGGESTION" in text and "HALF-SUGGESTION" not in text
    assert not [p for p in selectors.report_problems(plan, Period.YEAR) if mar.title in p]


def test_finalising_keeps_the_report_as_sent_and_reopening_does_not_change_it(
    plan: Any, world: Any, tmp_path: Path
) -> None:
    from prongsai.core.files import read_bytes

    m = measures(plan)[2]
    act(m, dt.date(2023, 11, 1), "ประชุมชี้แจงครั้งแรก")
    report = _finalise_half(plan, world)
    (event,) = report.events.filter(action="finalise")
    copy = read_bytes(event.copy_path)
    text = pdf_text(copy, tmp_path)
    assert "ประชุมชี้แจงครั้งแรก" in text and "บันทึกข้อความ" in text  # the memo goes in front
    services.report_reopen(report, user=world.users["admin"], reason="เพิ่มรายการ")
    act(m, dt.date(2024, 3, 1), "รายการที่เพิ่มภายหลัง")
    assert read_bytes(event.copy_path) == copy
    assert "รายการที่เพิ่มภายหลัง" not in pdf_text(copy, tmp_path)
