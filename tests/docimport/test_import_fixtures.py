"""Our own documents, in the shapes real ones have, import into the schema."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable

import pytest

from prongsai.docimport import DocumentImportError, import_document

File = Callable[[str], bytes]
KnownCodes = Callable[[int], "set[str] | None"]

SCHEMA_KEYS = {
    "kind",
    "memo",
    "organization",
    "fiscal_year",
    "period",
    "scores",
    "measures",
    "warnings",
    "results",
    "confidence",
}
MEASURE_KEYS = {
    "issue", "indicators", "tool", "question_codes", "finding", "steps", "monitoring", "timeline",
    "responsible", "status", "quarters_planned", "quarters_done", "actions", "result",
    "suggestion", "outcome",
}  # fmt: skip


def assert_schema(document: dict) -> None:
    assert set(document) == SCHEMA_KEYS
    assert document["kind"] in {"analysis", "plan", "progress_report", "annual_report", "results"}
    assert set(document["organization"]) == {"name", "type", "district", "province"}
    assert set(document["scores"]) == {"overall", "indicators"}
    assert all(isinstance(warning, str) for warning in document["warnings"])
    for measure in document["measures"]:
        assert set(measure) == MEASURE_KEYS
        assert measure["tool"] in {None, "IIT", "EIT", "OIT"}
        assert measure["status"] in {None, "not_started", "in_progress", "done"}
        assert all(code == code.lower() for code in measure["question_codes"])
        assert all(set(action) == {"date", "text"} for action in measure["actions"])
    json.dumps(document)  # plain JSON all the way down


@pytest.mark.parametrize(
    "name",
    [
        "plan_clean.txt",
        "plan_damaged.txt",
        "progress_report_6m.txt",
        "status_report_memo.txt",
        "annual_report.txt",
        "analysis_only.txt",
    ],
)
def test_every_fixture_imports_into_the_schema(
    name: str, fixture_file: File, known_codes_for_year: KnownCodes
) -> None:
    assert_schema(
        import_document(fixture_file(name), name, known_codes_for_year=known_codes_for_year)
    )


def test_clean_plan_imports_with_its_analysis_and_nothing_to_warn(fixture_file: File) -> None:
    document = import_document(fixture_file("plan_clean.txt"))
    assert document["kind"] == "plan"
    assert document["organization"] == {
        "name": "ดอนแก้วใส",
        "type": "sao",
        "district": "เวียงสา",
        "province": "น่าน",
    }
    assert document["fiscal_year"] == 2567
    assert document["scores"]["overall"] == 90.87
    assert len(document["scores"]["indicators"]) == 10
    assert document["warnings"] == []
    first, second, third = document["measures"]
    assert first["issue"] == "การกำกับดูแลการใช้ทรัพย์สินของราชการ"
    assert first["question_codes"] == ["i19", "i21"]  # the second question sits on a continued row
    assert first["finding"] == "บุคลากรใหม่ยังไม่รู้ขั้นตอนการยืมครุภัณฑ์ บางรายยืมโดยไม่บันทึกในทะเบียน"
    assert first["steps"] == ["ทำคู่มือการยืมและคืนครุภัณฑ์", "ชี้แจงในที่ประชุมประจำเดือน"]
    assert first["quarters_planned"] == [1]
    assert second["steps"] == ["เปิดรับความเห็นต่อร่างแผนการใช้จ่าย", "เผยแพร่แผนและผลการใช้จ่ายทุกไตรมาส"]
    assert third["quarters_planned"] == [2, 3, 4]
    assert third["tool"] == "EIT" and third["indicators"] == [7]


def test_damaged_plan_still_imports_and_says_what_it_repaired(
    fixture_file: File, known_codes_for_year: KnownCodes
) -> None:
    document = import_document(
        fixture_file("plan_damaged.txt"), known_codes_for_year=known_codes_for_year
    )
    assert document["organization"]["name"] == "หนองบัวงาม"
    assert document["organization"]["type"] == "tambon"
    measures = document["measures"]
    assert [m["question_codes"] for m in measures] == [
        ["i10", "i22"],
        ["e11"],
        ["o8"],
        ["e11"],
        ["e17"],
    ]
    assert measures[0]["steps"] == ["ตรวจเอกสารเบิกจ่ายทุกฉบับ", "สุ่มตรวจย้อนหลัง"]
    # the row marked "(ต่อ)" after the page break belongs to measure 3
    assert measures[2]["issue"] == "การเปิดเผยข้อมูลบนเว็บไซต์"
    assert measures[2]["steps"] == ["ปรับปรุงหน้าเว็บไซต์", "ตรวจความครบถ้วนทุกเดือน"]
    repaired = next(w for w in document["warnings"] if "รหัสข้อคำถาม" in w)
    assert "1๑๐ → i10" in repaired and "l22 → i22" in repaired and "๐๘ → o8" in repaired


def test_layout_b_six_month_report_reads_indicator_groups_deadlines_and_dated_actions(
    fixture_file: File,
) -> None:
    document = import_document(fixture_file("progress_report_6m.txt"))
    assert document["kind"] == "progress_report"
    assert document["organization"] == {
        "name": "บ่อทองคำ",
        "type": "mueang",
        "district": "เมืองน่าน",
        "province": "น่าน",
    }
    assert document["fiscal_year"] == 2567
    assert document["period"] == {"start": "2023-10-01", "end": "2024-03-31"}
    first, second, third = document["measures"]
    assert (first["tool"], first["indicators"], first["question_codes"]) == ("IIT", [2], ["i8"])
    assert (third["tool"], third["indicators"], third["question_codes"]) == ("EIT", [7], ["e9"])
    assert first["timeline"] == "เดือนธันวาคม ๒๕๖๖; เดือนมีนาคม ๒๕๖๗"
    assert first["actions"] == [
        {"date": "2023-10-03", "text": "ดำเนินการเมื่อวันที่ ๓ เดือนตุลาคม พ.ศ. ๒๕๖๖ เวียนร่างแผนให้ทุกกอง"},
        {"date": "2023-11-15", "text": "ดำเนินการเมื่อวันที่ ๑๕ เดือนพฤศจิกายน พ.ศ. ๒๕๖๖ จัดประชุมชี้แจง"},
    ]
    assert [a["date"] for a in second["actions"]] == ["2024-01-20", "2023-12-05", "2024-04-02"]


def test_status_report_reads_memo_checkbox_quarters_and_each_status(fixture_file: File) -> None:
    document = import_document(fixture_file("status_report_memo.txt"))
    assert document["kind"] == "progress_report"
    assert document["memo"]["date"] == "2024-04-05"
    assert document["memo"]["subject"].endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗")
    assert document["memo"]["to"] == "นายกองค์การบริหารส่วนตำบลห้วยทรายทอง"
    assert [s["name"] for s in document["memo"]["signatories"]] == [
        "นายสมมุติ ใจดี",
        "นางสาวตัวอย่าง รักงาน",
    ]
    assert document["organization"]["province"] == "น่าน"  # from the document number "นน"
    assert document["period"] == {"start": "2023-10-01", "end": "2024-03-31"}
    measures = document["measures"]
    assert [m["status"] for m in measures] == ["done", "in_progress", "not_started"]
    assert [m["quarters_planned"] for m in measures] == [[1, 2], [2, 3, 4], [3]]
    assert measures[0]["timeline"] == "ไตรมาส ๑, ไตรมาส ๒"
    assert measures[0]["question_codes"] == ["i25", "i27"]
    assert measures[0]["monitoring"] == ["รายงานผู้บริหารทุกไตรมาส"]
    assert [a["date"] for a in measures[0]["actions"]] == ["2023-10-10", "2024-02-22"]


def test_annual_report_merges_the_continued_row_and_reads_suggestions_and_outcomes(
    fixture_file: File,
) -> None:
    document = import_document(fixture_file("annual_report.txt"))
    assert document["kind"] == "annual_report"
    assert document["organization"] == {
        "name": "แม่ปิงใต้", "type": "nakhon", "district": "เมืองเชียงใหม่", "province": "เชียงใหม่",
    }  # fmt: skip
    assert document["period"] == {"start": "2023-10-01", "end": "2024-09-30"}
    first, second = document["measures"]
    assert first["issue"] == "เผยแพร่ข้อมูลการจัดซื้อจัดจ้างรายเดือน"
    assert [a["date"] for a in first["actions"]] == ["2023-11-10", "2024-10-15"]
    assert "https://example.go.th/procurement" in first["result"]
    assert first["suggestion"] == "ควรทำระบบแจ้งเตือนก่อนครบกำหนด"
    assert first["outcome"] == "ประชาชนตรวจสอบการจัดซื้อจัดจ้างได้ทุกเดือน"
    assert second["result"].startswith("ยังไม่ได้จัดอบรม เนื่องจาก")
    assert second["outcome"] is None


def test_analysis_without_measures_imports_as_analysis(fixture_file: File) -> None:
    document = import_document(fixture_file("analysis_only.txt"))
    assert document["kind"] == "analysis"
    assert document["organization"]["type"] == "pao"
    assert document["organization"]["name"] == "น่าน"
    assert document["scores"]["overall"] == 90.87
    assert document["measures"] == []


def test_document_that_is_not_about_ita_is_refused_with_a_reason(fixture_file: File) -> None:
    with pytest.raises(DocumentImportError) as caught:
        import_document(fixture_file("not_ita.txt"))
    assert caught.value.code == "not_ita_document"


def test_docx_plan_imports_with_merged_cells_resolved(plan_docx: bytes) -> None:
    document = import_document(plan_docx, "plan.docx")
    assert document["kind"] == "plan"
    assert document["organization"] == {
        "name": "โคกสำราญใต้",
        "type": "sao",
        "district": "บ้านแฮด",
        "province": "ขอนแก่น",
    }
    assert document["fiscal_year"] == 2567
    assert [m["question_codes"] for m in document["measures"]] == [["i19", "i21"], ["e8"]]
    assert document["measures"][0]["steps"] == ["จัดทำคู่มือการยืม", "ประชาสัมพันธ์คู่มือ"]


def test_docx_status_report_reads_symbol_checkboxes_and_the_ticked_status(
    status_docx: bytes,
) -> None:
    document = import_document(status_docx)
    assert document["kind"] == "progress_report"
    (measure,) = document["measures"]
    assert measure["tool"] == "EIT"
    assert measure["question_codes"] == ["e2"]
    assert measure["quarters_planned"] == [1, 2]
    assert measure["status"] == "in_progress"


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed"
)
def test_pdf_plan_with_wrapped_cells_imports_like_its_docx(
    fixture_file: File, plan_docx: bytes
) -> None:
    from_pdf = import_document(fixture_file("plan_table.pdf"), "plan.pdf")
    from_docx = import_document(plan_docx)
    for key in ("kind", "organization", "fiscal_year"):
        assert from_pdf[key] == from_docx[key]
    assert [m["question_codes"] for m in from_pdf["measures"]] == [["i19", "i21"], ["e8"]]
    assert [m["quarters_planned"] for m in from_pdf["measures"]] == [[2], [2, 3]]
    assert from_pdf["measures"][0]["responsible"] == "กองคลัง"
