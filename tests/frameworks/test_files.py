"""The framework files shipped with Prongsai, and the checker an uploaded file goes through."""

import copy

import pytest

from prongsai.frameworks.files import (
    FrameworkFileError,
    framework_codes,
    load_framework_file,
    package_years,
    parse_framework_text,
    validate_framework,
)


def test_every_fiscal_year_2565_to_2569_ships_and_validates() -> None:
    assert package_years() == [2565, 2566, 2567, 2568, 2569]
    for year in package_years():
        data = load_framework_file(year)
        assert data["year"] == year
        assert validate_framework(data) == [], year


def test_fy2566_has_the_ten_indicators_the_weights_and_all_43_oit_items() -> None:
    data = load_framework_file(2566)
    assert [(t["code"], t["weight"]) for t in data["tools"]] == [
        ("IIT", 30),
        ("EIT", 30),
        ("OIT", 40),
    ]
    assert [i["number"] for i in data["indicators"]] == list(range(1, 11))
    codes = framework_codes(data)
    assert {f"i{n}" for n in range(1, 31)} <= codes and {f"e{n}" for n in range(1, 16)} <= codes
    assert {f"o{n}" for n in range(1, 44)} <= codes and "o44" not in codes
    o42 = next(i for i in data["oit"]["items"] if i["code"] == "o42")
    assert o42["title"] == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert o42["provenance"]["confidence"] == "C2"


def test_question_texts_come_from_the_seeds_and_unknown_ones_stay_null() -> None:
    q = {q["code"]: q for q in load_framework_file(2566)["questions"]}
    assert q["i19"]["text"].startswith("ท่านรู้แนวปฏิบัติของหน่วยงานของท่านเกี่ยวกับการใช้ทรัพย์สินของราชการ")
    assert q["i19"]["provenance"]["sources"] == ["seeds/000", "seeds/003"]
    assert q["e13"]["text"] == "หน่วยงานมีระบบการให้บริการออนไลน์ หรือไม่"
    assert q["e13"]["answer_type"] == "yes_no"
    for code in ("e1", "i10", "i2"):
        assert q[code]["text"] is None and q[code]["provenance"]["note"], code


def test_fy2565_carries_the_fy2564_iit_list_and_no_oit_items() -> None:
    data = load_framework_file(2565)
    q = {q["code"]: q for q in data["questions"]}
    assert q["i4"]["answer_type"] == "multi_part"
    assert all(s["reverse"] for s in q["i4"]["sub_items"])
    # the FY2565 wording of i10 was found later (research-oit §0 finding 2)
    assert q["i10"]["text"].startswith("บุคลากรในหน่วยงานของท่าน มีการเบิกจ่ายเงิน ที่เป็นเท็จ")
    assert q["i10"]["reverse"] is True and q["i10"]["provenance"]["confidence"] == "C1"
    found = {"i10", "e11", "e12", "e14"}  # FY2565 texts quoted in a real FY2566 report
    assert all(
        x["provenance"]["confidence"] == "C1" for x in data["questions"] if x["code"] in found
    )
    assert all(
        x["provenance"]["confidence"] == "INF" for x in data["questions"] if x["code"] not in found
    )
    assert data["oit"]["items"] == []
    assert data["levels"]["scheme"] == "aa_f"


def test_fy2567_on_uses_the_five_rating_levels_and_upper_case_oit_codes() -> None:
    for year in (2567, 2568, 2569):
        data = load_framework_file(year)
        rules = data["levels"]["rules"]
        assert [r["label_th"] for r in rules] == [
            "ผ่านดีเยี่ยม",
            "ผ่านดี",
            "ผ่าน",
            "ต้องปรับปรุง",
            "ต้องปรับปรุงโดยด่วน",
        ]
        assert data["oit"]["display_prefix"] == "O"
    fy2569 = {i["code"]: i for i in load_framework_file(2569)["oit"]["items"]}
    assert fy2569["o25"]["title"] == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert fy2569["o2"]["title"] is None


def test_framework_codes_are_lower_case() -> None:
    data = {"questions": [{"code": "I1"}], "oit": {"items": [{"code": "O25"}]}}
    assert framework_codes(data) == {"i1", "o25"}


def test_the_checker_names_every_problem_with_its_path() -> None:
    data = copy.deepcopy(load_framework_file(2566))
    data["tools"][0]["weight"] = 35
    data["indicators"][3]["tool"] = "XYZ"
    data["questions"][0]["answer_type"] = "five_level"
    data["questions"][1]["code"] = "i1"
    data["questions"][40]["indicator"] = 2  # e-code on an IIT indicator
    data["oit"]["items"][0]["sub_indicator"] = "9.9"
    del data["oit"]["items"][1]["provenance"]
    data["levels"]["rules"][0]["min_total"] = 120
    errors = validate_framework(data)
    expected = [
        "tools: น้ำหนักของเครื่องมือรวมกันต้องเท่ากับ 100 (ได้ 105)",
        "indicators[3] (4).tool: ต้องเป็นรหัสเครื่องมือที่มีใน tools",
        "questions[0] (i1).answer_type: ต้องเป็น four_level, yes_no, multi_part หรือ null",
        "questions[1] (i1).code: รหัส i1 ซ้ำ",
        "questions[40] (e11).indicator: ข้อ e11 เป็นของ EIT แต่ตัวชี้วัดที่ 2 เป็นของ IIT",
        "oit.items[0] (o1).sub_indicator: ไม่มีตัวชี้วัดย่อย '9.9'",
        "oit.items[1] (o2).provenance: ต้องระบุที่มา",
        "levels.rules[0] (AA).min_total: ต้องอยู่ระหว่าง 0 ถึง 100",
    ]
    for text in expected:
        assert any(e.startswith(text) for e in errors), (text, errors)


def test_a_missing_text_must_be_an_explicit_null() -> None:
    data = copy.deepcopy(load_framework_file(2566))
    del data["questions"][2]["text"]
    assert validate_framework(data) == [
        "questions[2] (i3).text: ต้องเป็นข้อความที่ไม่ว่าง หรือ null เมื่อไม่ทราบ"
    ]


def test_a_file_that_is_not_yaml_is_reported_with_its_line() -> None:
    with pytest.raises(FrameworkFileError) as err:
        parse_framework_text(b"year: 2566\ntools: [a, b\nindicators: 1\n")
    assert err.value.errors[0].startswith("อ่านไฟล์ YAML ไม่ได้ บรรทัดที่")
    with pytest.raises(FrameworkFileError, match="mapping"):
        parse_framework_text("- just\n- a list\n")
    with pytest.raises(FrameworkFileError, match="UTF-8"):
        parse_framework_text(b"\xff\xfe\x00y")


@pytest.mark.parametrize(
    "raw",
    [b"0000-00-00", b"retrieved: 2024-02-30\n", b"a: " + b"[" * 5000 + b"]" * 5000],
    ids=["date 0000-00-00", "30 February", "5,000 nested lists"],
)
def test_yaml_that_parses_into_no_value_is_refused_in_thai(raw: bytes) -> None:
    # found by the form fuzzer: a date that does not exist raised ValueError through the upload
    with pytest.raises(FrameworkFileError) as err:
        parse_framework_text(raw)
    assert err.value.errors == ["อ่านไฟล์ YAML ไม่ได้: มีค่าที่ไม่ถูกต้อง (เช่น วันที่ที่ไม่มีจริง) หรือซ้อนกันลึกเกินไป"]
