"""The score engine: exact values, levels at their boundaries, answers to question scores."""

from decimal import Decimal

import pytest

from prongsai.frameworks.files import load_framework_file
from prongsai.frameworks.scoring import (
    Scheme,
    ScoreError,
    answer_points,
    indicator_from_questions,
    level_for,
    oit_indicator_score,
    question_score,
    round2,
    score_indicators,
    score_tools,
)

D = Decimal
SEED_2566 = ["99.00", "95.63", "96.49", "93.63", "97.50", "95.88", "93.88", "94.55", "100", "100"]


@pytest.fixture(scope="module")
def fy2566() -> Scheme:
    return Scheme.from_framework(load_framework_file(2566))


@pytest.fixture(scope="module")
def fy2567() -> Scheme:
    return Scheme.from_framework(load_framework_file(2567))


def test_the_seed_plans_indicators_give_97_37_and_aa(fy2566: Scheme) -> None:
    score = score_indicators(fy2566, SEED_2566)
    assert score.overall == D("97.37")
    assert score.tools == {"IIT": D("96.45"), "EIT": D("94.77"), "OIT": D("100.00")}
    assert score.level.name == "AA" and score.passed
    assert score.as_json() == {
        "overall": 97.37,
        "tools": {"IIT": 96.45, "EIT": 94.77, "OIT": 100.0},
        "level": "AA",
        "passed": True,
    }


def test_a_second_published_fy2566_result_is_reproduced(fy2566: Scheme) -> None:
    values = [85.21, 70.59, 75.10, 72.88, 73.24, 81.14, 83.12, 76.79, 100, 100]
    score = score_indicators(fy2566, values)
    assert score.overall == D("86.73") and score.level.code == "A"
    assert score.tools["IIT"] == D("75.40")  # 75.404 as published


def test_indicators_can_be_given_by_number(fy2566: Scheme) -> None:
    by_number = {n: v for n, v in enumerate(SEED_2566, start=1)}
    assert score_indicators(fy2566, by_number).overall == D("97.37")


def test_rounding_is_half_up_not_bankers() -> None:
    assert round2(D("97.365")) == D("97.37")
    assert round2(D("97.375")) == D("97.38")
    assert round2(D("84.994999")) == D("84.99")


def test_fy2567_total_85_or_more_with_eit_below_85_is_pass_not_pass_good(fy2567: Scheme) -> None:
    score = score_indicators(fy2567, [99, 99, 99, 99, 99, 80, 80, 80, 100, 100])
    assert score.overall == D("93.70") and score.tools["EIT"] == D("80.00")
    assert score.level.name == "ผ่าน" and score.passed


@pytest.mark.parametrize(
    ("total", "level", "passed"),
    [
        ("100", "AA", True),
        ("95.00", "AA", True),
        ("94.99", "A", True),
        ("85.00", "A", True),
        ("84.99", "B", False),
        ("75.00", "B", False),
        ("74.99", "C", False),
        ("65.00", "C", False),
        ("64.99", "D", False),
        ("55.00", "D", False),
        ("54.99", "E", False),
        ("50.00", "E", False),
        ("49.99", "F", False),
        ("0", "F", False),
    ],
)
def test_aa_to_f_levels_at_their_boundaries(
    fy2566: Scheme, total: str, level: str, passed: bool
) -> None:
    score = score_tools(fy2566, {"IIT": D(total), "EIT": D(total), "OIT": D(total)})
    assert score.overall == D(total).quantize(D("0.01"))
    assert (score.level.name, score.passed) == (level, passed)


@pytest.mark.parametrize(
    ("tools", "level"),
    [
        ((95, 95, 95), "ผ่านดีเยี่ยม"),
        ((100, "94.99", 100), "ผ่านดี"),
        ((85, 85, 85), "ผ่านดี"),
        ((90, "84.99", 90), "ผ่าน"),
        ((100, 60, 100), "ผ่าน"),
        ((70, 70, 70), "ต้องปรับปรุง"),
        (("84.99", "84.99", "84.99"), "ต้องปรับปรุง"),
        (("69.99", "69.99", "69.99"), "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_fy2567_five_levels_at_their_boundaries(fy2567: Scheme, tools: tuple, level: str) -> None:
    iit, eit, oit = (D(str(v)) for v in tools)
    score = score_tools(fy2567, {"IIT": iit, "EIT": eit, "OIT": oit})
    assert score.level.name == level
    assert score.passed == (score.overall >= 85)


def test_level_is_judged_on_the_published_rounded_total(fy2566: Scheme) -> None:
    assert level_for(fy2566, D("84.995"), {"IIT": D(85)}).code == "A"
    assert level_for(fy2566, D("84.9949"), {"IIT": D(85)}).code == "B"


def test_a_wrong_number_of_indicators_or_a_score_out_of_range_is_refused(fy2566: Scheme) -> None:
    with pytest.raises(ScoreError, match="ต้องมีคะแนนตัวชี้วัด 10 ตัว"):
        score_indicators(fy2566, SEED_2566[:9])
    with pytest.raises(ScoreError, match="ตัวชี้วัดที่ 3: ต้องอยู่ระหว่าง 0 ถึง 100"):
        score_indicators(fy2566, ["99", "95", "100.01", *SEED_2566[3:]])
    with pytest.raises(ScoreError, match="ไม่ใช่ตัวเลข"):
        score_indicators(fy2566, ["abc", *SEED_2566[1:]])
    with pytest.raises(ScoreError, match="ขาดคะแนนตัวชี้วัดที่ 10"):
        score_indicators(fy2566, {n: 90 for n in range(1, 10)})


def test_thai_digits_are_read_as_numbers(fy2566: Scheme) -> None:
    thai = ["๙๙.๐๐", "๙๕.๖๓", "๙๖.๔๙", "๙๓.๖๓", "๙๗.๕๐", "๙๕.๘๘", "๙๓.๘๘", "๙๔.๕๕", "๑๐๐", "๑๐๐"]
    assert score_indicators(fy2566, thai).overall == D("97.37")


# ---------------------------------------------------------------- answers and questions


@pytest.mark.parametrize(
    ("answer", "points", "reversed_points"),
    [
        ("น้อยที่สุดหรือไม่มีเลย", 0, 100),
        ("น้อย", 33, 67),
        ("มาก", 67, 33),
        ("มากที่สุด", 100, 0),
        (2, 67, 33),
    ],
)
def test_four_level_answers_score_0_33_67_100_and_reverse(
    answer: object, points: int, reversed_points: int
) -> None:
    assert answer_points("four_level", False, answer) == points
    assert answer_points("four_level", True, answer) == reversed_points


def test_yes_no_answers_score_100_or_0_and_bad_behaviour_is_reversed() -> None:
    assert answer_points("yes_no", False, "มี") == 100
    assert answer_points("yes_no", False, "ไม่มี") == 0
    assert answer_points("yes_no", True, "มี") == 0  # e.g. i4 "was money asked for?"
    assert answer_points("yes_no", True, False) == 100
    with pytest.raises(ScoreError):
        answer_points("yes_no", False, "บางครั้ง")
    with pytest.raises(ScoreError):
        answer_points("four_level", False, 4)


def test_a_question_scores_the_mean_over_respondents() -> None:
    q = {"code": "i20", "answer_type": "four_level", "reverse": False}
    assert question_score(q, ["มากที่สุด", "มาก", "มาก"]) == D("78.00")
    q_rev = {"code": "i19", "answer_type": "four_level", "reverse": True}
    assert question_score(q_rev, ["น้อยที่สุดหรือไม่มีเลย", "น้อย"]) == D("83.50")


def test_a_multi_part_question_scores_the_mean_of_its_sub_items() -> None:
    # FY2564 i11: transparent (normal) and favouring one supplier (reversed)
    q = {
        "code": "i11",
        "answer_type": "multi_part",
        "sub_items": [
            {"text": "โปร่งใส ตรวจสอบได้", "answer_type": "four_level", "reverse": False},
            {
                "text": "เอื้อประโยชน์ให้ผู้ประกอบการรายใดรายหนึ่ง",
                "answer_type": "four_level",
                "reverse": True,
            },
        ],
    }
    # respondent 1: (100 + 100) / 2 = 100; respondent 2: (67 + 67) / 2 = 67; respondent 3: (33 + 0) / 2
    responses = [["มากที่สุด", "น้อยที่สุดหรือไม่มีเลย"], ["มาก", "น้อย"], ["น้อย", "มากที่สุด"]]
    assert question_score(q, responses) == D("61.17")
    with pytest.raises(ScoreError, match="2 ส่วน"):
        question_score(q, [["มาก"]])


def test_a_question_of_unknown_answer_type_cannot_be_scored_from_answers() -> None:
    with pytest.raises(ScoreError, match="ไม่ทราบประเภทคำตอบของข้อ e1"):
        question_score({"code": "e1", "answer_type": None}, ["มาก"])


def test_an_indicator_from_its_questions_is_their_mean() -> None:
    assert indicator_from_questions(["86.10", "88.90", "90.30", "98.83", "98.83", "98.82"]) == D(
        "93.63"
    )


def test_an_oit_indicator_is_the_mean_of_its_sub_indicators_shares() -> None:
    # 9.1: 10 items, 9 pass → 90; 9.2: 8 items all pass → 100 → indicator 95 (a flat mean would be 94.44)
    items = [("9.1", i != 0) for i in range(10)] + [("9.2", True)] * 8
    assert oit_indicator_score(items) == D("95.00")
    assert oit_indicator_score([(None, True), (None, False), (None, True)]) == D("66.67")
