"""The three real documents in ../shared/seeds import right, and the checker finds their
mistakes. The tests skip (with the reason) where that folder is absent."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from prongsai.docimport import check_document, check_file, import_document
from prongsai.docimport.parse import parse_text

pytestmark = pytest.mark.seeds

Seed = Callable[[str], str]
KnownCodes = Callable[[int], "set[str] | None"]


def imported(seed: Seed, number: str, known_codes_for_year: KnownCodes) -> dict:
    return import_document(seed(number).encode("utf-8"), known_codes_for_year=known_codes_for_year)


# --- seeds/000: อบต.หนองคันทรอง, plan with its analysis --------------------------------------


def test_seed_000_is_a_plan_of_sao_nong_khan_throng_in_trat(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    document = imported(seed, "000", known_codes_for_year)
    assert document["kind"] == "plan"
    assert document["memo"] is None
    assert document["organization"] == {
        "name": "หนองคันทรอง",
        "type": "sao",
        "district": "เมืองตราด",
        "province": "ตราด",
    }
    assert document["fiscal_year"] == 2566
    assert document["period"] is None
    assert document["warnings"] == []


def test_seed_000_scores_are_read_and_add_up(seed: Seed, known_codes_for_year: KnownCodes) -> None:
    scores = imported(seed, "000", known_codes_for_year)["scores"]
    assert scores["overall"] == 97.37
    assert scores["indicators"] == {
        "1": 99.0, "2": 95.63, "3": 96.49, "4": 93.63, "5": 97.5,
        "6": 95.88, "7": 93.88, "8": 94.55, "9": 100.0, "10": 100.0,
    }  # fmt: skip


def test_seed_000_has_its_seven_measures_with_their_questions(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    measures = imported(seed, "000", known_codes_for_year)["measures"]
    assert [m["question_codes"] for m in measures] == [
        ["e4"], ["e13"], ["e8"], ["i19", "i20", "i21"], ["i7", "i8"], ["e10"], ["i25"],
    ]  # fmt: skip
    assert measures[0]["issue"] == "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"
    assert measures[3]["issue"] == "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ"
    assert measures[3]["indicators"] == [4] and measures[3]["tool"] == "IIT"
    assert measures[4]["responsible"] == "กองคลัง"
    assert measures[4]["steps"] == [
        "จัดประชุมชี้แจงข้อมูลการใช้จ่ายงบประมาณ แผนการจัดซื้อจัดจ้าง",
        "รายงานผลการจัดซื้อจัดจ้างหรือจัดหาพัสดุให้ผู้บริหารทราบทุกเดือน",
        "ประกาศเผยแพร่แผนและผลการจัดซื้อจัดจ้างหรือแผนจัดหาพัสดุทางเว็บไซต์หน่วยงาน",
    ]
    assert all(
        m["timeline"] == "มกราคม-มีนาคม 2567" and m["quarters_planned"] == [2] for m in measures
    )
    assert all(
        "<p>" not in (m["issue"] or "") and "</p>" not in (m["finding"] or "") for m in measures
    )


def test_seed_000_checker_reports_the_names_copied_from_another_agency(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    result = check_file(seed("000").encode(), known_codes_for_year=known_codes_for_year)
    others = {f.message.split("'")[1] for f in result.findings if f.code == "other_agency_name"}
    assert others == {"เทศบาลตำบลชาราก", "เทศบาลตำบลขำราก"}
    assert all(f.severity == "error" for f in result.findings if f.code == "other_agency_name")
    misspelled = {
        f.message.split("'")[1] for f in result.findings if f.code == "agency_name_misspelled"
    }
    assert misspelled == {"อบต.หนองคันทรัง", "อบต.หนองคันทร้ง"}


def test_seed_000_checker_reports_the_wrong_indicator_name_and_the_year_off_by_one(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    result = check_file(seed("000").encode(), known_codes_for_year=known_codes_for_year)
    codes = [f.code for f in result.findings]
    wrong = next(f for f in result.findings if f.code == "indicator_wrong_number")
    assert "ตัวชี้วัดที่ 4" in wrong.message and "ตัวชี้วัดที่ 8" in wrong.message
    assert codes.count("timeline_outside_fiscal_year") == 7
    assert "fiscal_year_off_by_one" in codes
    assert "overall_score_mismatch" not in codes and "level_mismatch" not in codes
    assert "unknown_question_code" not in codes


def test_seed_000_checker_finds_the_same_agency_mistakes_when_told_the_agency(seed: Seed) -> None:
    text = seed("000")
    parsed = parse_text(text)
    findings = check_document(parsed, known_codes=None, agency_name="อบต.หนองคันทรอง", text=text)
    assert {f.code for f in findings} >= {"other_agency_name", "agency_name_misspelled"}
    assert "agency_mismatch" not in {f.code for f in findings}
    wrong_agency = check_document(
        parsed, known_codes=None, agency_name="เทศบาลตำบลชาราก", text=text
    )
    assert "agency_mismatch" in {f.code for f in wrong_agency}


# --- seeds/002: อบต.บ้านปรก, 6-month status report under a memo ------------------------------


def test_seed_002_is_a_six_month_report_of_sao_ban_prok(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    document = imported(seed, "002", known_codes_for_year)
    assert document["kind"] == "progress_report"
    assert document["organization"]["name"] == "บ้านปรก"
    assert document["organization"]["type"] == "sao"
    assert document["organization"]["district"] is None
    assert (
        document["organization"]["province"] == "สมุทรสงคราม"
    )  # from "ที่ สส ๗๑๘๐๑", said in warnings
    assert any("สส" in warning for warning in document["warnings"])
    assert document["fiscal_year"] == 2566
    assert document["period"] == {"start": "2022-10-01", "end": "2023-03-31"}


def test_seed_002_memo_is_read(seed: Seed, known_codes_for_year: KnownCodes) -> None:
    memo = imported(seed, "002", known_codes_for_year)["memo"]
    assert memo["date"] == "2023-04-03"
    assert memo["subject"].startswith("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม")
    assert memo["to"] == "นายกองการบริหารส่วนตำบลบ้านปรก"
    assert memo["signatories"] == [
        {"name": "นางละออง ย้อเผ่าพันธ์", "position": "หัวหน้าสำนักปลัด"},
        {"name": "นางสาวพิชชาภา หีบท่าไม้", "position": "ปลัดองค์การบริหารส่วนตำบลบ้านปรก"},
        {"name": "นายชนะ อินทรโชติ", "position": "นายกองค์การบริหารส่วนตำบลบ้านปรก"},
    ]


def test_seed_002_has_one_measure_per_tool_with_status_quarters_and_dated_actions(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    measures = imported(seed, "002", known_codes_for_year)["measures"]
    assert [m["tool"] for m in measures] == ["IIT", "EIT", "OIT"]
    assert [m["indicators"] for m in measures] == [[3], [6, 7, 8], [9, 10]]
    assert measures[0]["question_codes"] == ["i13", "i15"]
    assert [m["status"] for m in measures] == ["done", "done", "done"]
    assert [m["quarters_planned"] for m in measures] == [[2, 3, 4], [1, 2, 3], [1, 2]]
    actions = measures[0]["actions"]
    assert [a["date"] for a in actions] == ["2022-12-01", "2022-12-09", None, None]
    assert actions[2]["text"] == "จัดทำข้อตกลงการ ปฏิบัติราชการครบทุกส่วน ราชการ"
    assert len(measures[1]["steps"]) == 5 and len(measures[1]["actions"]) == 8
    assert measures[2]["monitoring"][-1] == "เผยแพร่ตามตัวชี้วัด OIT ครบถ้วน ทันกำหนดเวลา บนเว็บไซต์หน่วยงาน"


def test_seed_002_checker_reports_the_misspelled_agency_word_and_nothing_wrong_with_dates(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    result = check_file(seed("002").encode(), known_codes_for_year=known_codes_for_year)
    codes = {f.code for f in result.findings}
    assert "agency_type_misspelled" in codes  # "นายกองการบริหารส่วนตำบล"
    assert not codes & {
        "action_outside_period",
        "action_outside_fiscal_year",
        "memo_before_period_end",
    }
    assert not [f for f in result.findings if f.severity == "error"]


# --- seeds/003: เทศบาลตำบลคงสมบูรณ์, plan with OCR-damaged codes ----------------------------


def test_seed_003_is_a_plan_of_tambon_khong_sombun_in_kalasin(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    document = imported(seed, "003", known_codes_for_year)
    assert document["kind"] == "plan"
    assert document["organization"] == {
        "name": "คงสมบูรณ์",
        "type": "tambon",
        "district": "ท่าคันโท",
        "province": "กาฬสินธุ์",
    }
    assert document["fiscal_year"] is None  # the document never says it: a warning, not a guess
    assert any("ปีงบประมาณ" in warning for warning in document["warnings"])


def test_seed_003_measures_merge_their_continued_rows_and_repair_damaged_codes(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    document = imported(seed, "003", known_codes_for_year)
    measures = document["measures"]
    assert [m["question_codes"] for m in measures] == [
        ["i1", "e11"], ["e11", "e14"], ["e4", "e9", "e10"], ["i19", "i20", "i21"],
        ["i7", "i8"], ["i27"], ["e10"],
    ]  # fmt: skip
    assert measures[3]["finding"].endswith("เพื่อ ประโยชน์ส่วนตัว")
    assert len(measures[3]["steps"]) == 3
    assert [m["quarters_planned"] for m in measures] == [
        [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 4], [2, 3, 4], [1, 2, 3, 4],
    ]  # fmt: skip
    repaired = next(w for w in document["warnings"] if "รหัสข้อคำถาม" in w)
    assert "119 → i19" in repaired and "17 → i7" in repaired


def test_seed_003_checker_points_at_each_damaged_code(
    seed: Seed, known_codes_for_year: KnownCodes
) -> None:
    result = check_file(seed("003").encode(), known_codes_for_year=known_codes_for_year)
    damaged = [f for f in result.findings if f.code == "question_code_damaged"]
    assert [f.message.split("'")[1] for f in damaged] == ["119", "120", "121", "17", "18"]
    assert all(f.where.startswith("line ") for f in damaged)
    assert "other_agency_name" not in {f.code for f in result.findings}
