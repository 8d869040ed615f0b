"""The checker finds the mistakes real documents contain, on imported text and on parsed
dicts alone (as for documents Prongsai renders itself)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from prongsai.docimport import Finding, check_document, check_file

File = Callable[[str], bytes]
KnownCodes = Callable[[int], "set[str] | None"]

INDICATORS = {
    "1": 99.0, "2": 95.63, "3": 96.49, "4": 93.63, "5": 97.5,
    "6": 95.88, "7": 93.88, "8": 94.55, "9": 100.0, "10": 100.0,
}  # fmt: skip


def measure(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "issue": "การใช้ทรัพย์สินของราชการ",
        "indicators": [4],
        "tool": "IIT",
        "question_codes": ["i19"],
        "finding": "ยังไม่มีคู่มือการยืม",
        "steps": ["ทำคู่มือการยืม"],
        "monitoring": [],
        "timeline": "มกราคม - มีนาคม 2567",
        "responsible": "กองคลัง",
        "status": None,
        "quarters_planned": [2],
        "quarters_done": [],
        "actions": [],
        "result": None,
        "suggestion": None,
        "outcome": None,
    }
    base.update(fields)
    return base


def document(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "plan",
        "memo": None,
        "organization": {
            "name": "ดอนแก้วใส",
            "type": "sao",
            "district": "เวียงสา",
            "province": "น่าน",
        },
        "fiscal_year": 2567,
        "period": None,
        "scores": {"overall": None, "indicators": {}},
        "measures": [measure()],
        "warnings": [],
    }
    base.update(fields)
    return base


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def check(parsed: dict[str, Any], known: set[str] | None = None, **options: Any) -> list[Finding]:
    return check_document(parsed, known_codes=known, **options)


# --- on whole documents ---------------------------------------------------------------------


def test_correct_plan_has_no_findings(fixture_file: File, known_codes_for_year: KnownCodes) -> None:
    result = check_file(fixture_file("plan_clean.txt"), known_codes_for_year=known_codes_for_year)
    assert result.findings == []


def test_damaged_plan_has_every_kind_of_mistake_reported(
    fixture_file: File, known_codes_for_year: KnownCodes
) -> None:
    result = check_file(fixture_file("plan_damaged.txt"), known_codes_for_year=known_codes_for_year)
    found = codes(result.findings)
    for expected in (
        "other_agency_name",
        "agency_name_misspelled",
        "unknown_question_code",
        "question_code_damaged",
        "overall_score_mismatch",
        "level_mismatch",
        "indicator_wrong_number",
        "timeline_outside_fiscal_year",
        "measure_no_responsible",
        "measure_no_timeline",
        "measure_no_steps",
        "mixed_digits",
        "duplicate_measure",
    ):
        assert expected in found, expected
    other = next(f for f in result.findings if f.code == "other_agency_name")
    assert "องค์การบริหารส่วนตำบลดอนแก้วใส" in other.message
    assert other.where == "line 5"
    severities = [f.severity for f in result.findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_six_month_report_actions_out_of_period_and_order_are_reported(fixture_file: File) -> None:
    result = check_file(fixture_file("progress_report_6m.txt"))
    by_code = {f.code: f for f in result.findings}
    assert "2 เมษายน 2567" in by_code["action_outside_period"].message
    assert by_code["action_outside_period"].where == "measure 2"
    assert by_code["actions_out_of_order"].severity == "info"


def test_status_report_with_memo_is_clean_apart_from_inferred_province(fixture_file: File) -> None:
    result = check_file(fixture_file("status_report_memo.txt"))
    assert {f.severity for f in result.findings} <= {"info"}


def test_finding_has_a_code_severity_thai_message_and_place() -> None:
    (finding,) = check(document(measures=[measure(responsible=None)]))
    assert finding.as_dict() == {
        "code": "measure_no_responsible",
        "severity": "warning",
        "message": "มาตรการไม่ระบุผู้รับผิดชอบ",
        "where": "measure 1",
    }


# --- agencies -------------------------------------------------------------------------------


def test_other_agency_in_a_measure_is_found_without_text() -> None:
    parsed = document(measures=[measure(finding="ผลการประเมินของเทศบาลตำบลนาคำใหญ่ยังไม่ดี")])
    (finding,) = check(parsed)
    assert finding.code == "other_agency_name"
    assert finding.where == "measure 1"
    assert "เทศบาลตำบลนาคำใหญ่" in finding.message


def test_own_name_with_another_agency_type_is_a_warning() -> None:
    parsed = document(measures=[measure(responsible="สำนักปลัด เทศบาลตำบลดอนแก้วใส")])
    assert codes(check(parsed)) == ["agency_type_mismatch"]


def test_known_other_agency_is_found_even_without_a_type_word() -> None:
    parsed = document(measures=[measure(finding="ใช้แบบฟอร์มเดียวกับบ้านนาคำ")])
    assert codes(check(parsed, other_agency_names=["อบต.บ้านนาคำ"])) == ["other_agency_name"]
    assert check(parsed, other_agency_names=["ดอนแก้วใส"]) == []


def test_document_of_another_agency_is_an_error_when_the_agency_is_given() -> None:
    found = codes(check(document(), agency_name="องค์การบริหารส่วนตำบลห้วยทรายทอง"))
    assert found == ["agency_mismatch"]
    assert check(document(), agency_name="อบต.ดอนแก้วใส") == []
    assert check(document(), agency_name="ดอนแก้วใส") == []


def test_misspelled_agency_type_word_is_reported() -> None:
    memo = {
        "date": None,
        "subject": "รายงาน",
        "to": "นายกองการบริหารส่วนตำบลดอนแก้วใส",
        "signatories": [],
    }
    assert "agency_type_misspelled" in codes(check(document(memo=memo)))


def test_without_a_known_agency_names_cannot_be_checked() -> None:
    parsed = document(organization={"name": None, "type": None, "district": None, "province": None})
    assert codes(check(parsed)) == ["agency_unknown"]


# --- question codes -------------------------------------------------------------------------


def test_question_code_unknown_to_the_year_is_an_error() -> None:
    known = {f"i{n}" for n in range(1, 31)}
    parsed = document(measures=[measure(question_codes=["i19", "i31"])])
    (finding,) = check(parsed, known)
    assert (finding.code, finding.severity, finding.where) == (
        "unknown_question_code",
        "error",
        "measure 1",
    )
    assert "i31" in finding.message


def test_without_framework_codes_question_codes_are_not_judged() -> None:
    assert check(document(measures=[measure(question_codes=["i99"])]), None) == []


# --- dates ----------------------------------------------------------------------------------


def test_timeline_past_the_fiscal_year_is_reported() -> None:
    parsed = document(measures=[measure(timeline="ตุลาคม 2567 - ธันวาคม 2567")])
    assert "timeline_outside_fiscal_year" in codes(check(parsed))


def test_report_dates_are_checked_against_year_period_and_order() -> None:
    actions = [
        {"date": "2023-11-01", "text": "๑. ประชุม"},
        {"date": "2023-10-15", "text": "๒. ประกาศ"},
        {"date": "2024-05-01", "text": "๓. อบรม"},
        {"date": "2024-12-01", "text": "๔. สรุป"},
    ]
    parsed = document(
        kind="progress_report",
        period={"start": "2023-10-01", "end": "2024-03-31"},
        measures=[measure(actions=actions, status="in_progress", result="ดำเนินการบางส่วน")],
    )
    found = codes(check(parsed))
    assert found.count("actions_out_of_order") == 1
    assert found.count("action_outside_period") == 1
    assert found.count("action_outside_fiscal_year") == 1


def test_memo_dated_before_the_period_ends_is_reported() -> None:
    memo = {"date": "2024-03-15", "subject": "รายงาน", "to": "นายก", "signatories": []}
    parsed = document(
        kind="progress_report", memo=memo, period={"start": "2023-10-01", "end": "2024-03-31"}
    )
    parsed["measures"][0]["status"] = "done"
    assert "memo_before_period_end" in codes(check(parsed))


def test_period_outside_the_fiscal_year_is_an_error() -> None:
    parsed = document(kind="progress_report", period={"start": "2022-10-01", "end": "2023-03-31"})
    parsed["measures"][0]["status"] = "done"
    assert "period_outside_fiscal_year" in codes(check(parsed))


def test_missing_fiscal_year_is_said_once() -> None:
    assert codes(check(document(fiscal_year=None))) == ["fiscal_year_missing"]


# --- measures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"responsible": None}, "measure_no_responsible"),
        ({"timeline": None, "quarters_planned": []}, "measure_no_timeline"),
        ({"steps": []}, "measure_no_steps"),
    ],
)
def test_measure_without_a_required_part_is_reported(fields: dict[str, Any], code: str) -> None:
    assert codes(check(document(measures=[measure(**fields)]))) == [code]


def test_timeline_given_only_as_quarters_is_enough() -> None:
    assert check(document(measures=[measure(timeline=None, quarters_planned=[1, 2])])) == []


def test_report_measure_without_status_or_result_is_reported() -> None:
    parsed = document(kind="progress_report", period={"start": "2023-10-01", "end": "2024-03-31"})
    assert codes(check(parsed)) == ["measure_no_progress"]


def test_duplicate_measure_is_reported_once() -> None:
    other = measure(issue="อื่น", question_codes=["i20"], steps=["อบรม"])
    parsed = document(measures=[measure(), measure(), other])
    (finding,) = check(parsed)
    assert (finding.code, finding.where) == ("duplicate_measure", "measure 2")


# --- scores, levels, indicator names ---------------------------------------------------------


def test_overall_score_that_matches_the_indicators_passes() -> None:
    parsed = document(scores={"overall": 97.37, "indicators": INDICATORS})
    assert check(parsed) == []


@pytest.mark.parametrize("overall", [97.36, 97.38])
def test_overall_score_within_a_hundredth_passes(overall: float) -> None:
    assert check(document(scores={"overall": overall, "indicators": INDICATORS})) == []


@pytest.mark.parametrize("overall", [97.35, 97.39, 96.0])
def test_overall_score_that_disagrees_with_the_indicators_is_an_error(overall: float) -> None:
    parsed = document(scores={"overall": overall, "indicators": INDICATORS})
    (finding,) = check(parsed)
    assert finding.code == "overall_score_mismatch"
    assert "97.37" in finding.message


def test_overall_with_some_indicators_missing_cannot_be_checked() -> None:
    some = {key: value for key, value in INDICATORS.items() if key != "10"}
    assert codes(check(document(scores={"overall": 97.37, "indicators": some}))) == [
        "scores_incomplete"
    ]


def test_indicator_score_over_100_is_an_error() -> None:
    parsed = document(scores={"overall": None, "indicators": {**INDICATORS, "9": 110.0}})
    assert "score_out_of_range" in codes(check(parsed))


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("ผลคะแนนรวม 97.37 คะแนน อยู่ในระดับ AA", False),
        ("ผลคะแนนรวม 97.37 คะแนน อยู่ในระดับ A", True),
        ("ผลคะแนนรวม 97.37 คะแนน อยู่ในระดับ ดีเยี่ยม", False),
        ("ผลคะแนนรวม 97.37 คะแนน อยู่ในระดับ ผ่านดีเยี่ยม", True),  # EIT 94.77 is under 95
        ("ผลคะแนนรวม 97.37 คะแนน อยู่ในระดับ ผ่านดี", False),
        ("ผลคะแนนรวม 97.37 คะแนน อยู่ในระดับ ต้องปรับปรุง", True),
    ],
)
def test_level_is_checked_against_the_score_in_its_own_scheme(sentence: str, wrong: bool) -> None:
    parsed = document(scores={"overall": 97.37, "indicators": INDICATORS})
    found = codes(check(parsed, text=f"ผลการประเมิน อบต.ดอนแก้วใส\n{sentence}\n"))
    assert ("level_mismatch" in found) is wrong


def test_indicator_named_with_another_indicators_number_is_an_error() -> None:
    parsed = document(measures=[measure(issue="ตัวชี้วัดที่ 7 การปฏิบัติหน้าที่")])
    (finding,) = check(parsed)
    assert finding.code == "indicator_wrong_number"
    assert "ตัวชี้วัดที่ 1" in finding.message


@pytest.mark.parametrize(
    "issue",
    [
        "ตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน",
        "ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน",
        "ตัวชี้วัดที่ ๖ คุณภาพการดำเนินการ",
        "ตัวชี้วัดที่ 3 การใช้อำนาจ ข้อ 13",
    ],
)
def test_indicator_names_and_their_variants_pass(issue: str) -> None:
    parsed = document(measures=[measure(issue=issue, timeline=None, quarters_planned=[2])])
    assert check(parsed) == []


def test_score_list_with_a_name_under_the_wrong_number_is_reported_by_line() -> None:
    text = "1. การปฏิบัติหน้าที่\t99.00 คะแนน\n2. การใช้อำนาจ\t95.63 คะแนน\n"
    found = [f for f in check(document(), text=text) if f.code == "indicator_wrong_number"]
    assert [f.where for f in found] == ["line 2"]


# --- digits ---------------------------------------------------------------------------------


def test_thai_and_arabic_digits_in_one_document_are_reported() -> None:
    parsed = document(
        measures=[
            measure(timeline="ไตรมาส ๒"),
            measure(issue="อื่น", timeline="ไตรมาส 3", steps=["ข"]),
        ]
    )
    (finding,) = [f for f in check(parsed) if f.code == "mixed_digits"]
    assert finding.severity == "warning"


def test_digits_inside_question_codes_and_links_do_not_count_as_mixing() -> None:
    parsed = document(
        measures=[
            measure(
                timeline="ไตรมาส ๒",
                question_codes=["i19"],
                result="ดู https://example.go.th/ita2567",
            )
        ]
    )
    text = "มาตรการ ปีงบประมาณ ๒๕๖๗\ni19 E11 O25 https://example.go.th/2567\n"
    assert "mixed_digits" not in codes(check(parsed, text=text))


def test_checking_does_not_change_the_parsed_document(fixture_file: File) -> None:
    parsed = check_file(fixture_file("plan_damaged.txt")).document
    before = copy.deepcopy(parsed)
    check_document(parsed, known_codes=None)
    assert parsed == before
