"""Question codes as documents write them, and as OCR damages them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.ita_codes import scan_question_codes
from prongsai.docimport import normalise_question_code

CODES = (
    {f"i{n}" for n in range(1, 31)}
    | {f"e{n}" for n in range(1, 16)}
    | {f"o{n}" for n in range(1, 44)}
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # clean codes, any case, any digits
        ("i19", "i19"),
        ("I19", "i19"),
        ("e11", "e11"),
        ("E11", "e11"),
        ("o8", "o8"),
        ("O8", "o8"),
        ("O25", "o25"),
        ("i๑๙", "i19"),
        ("E๑๑", "e11"),
        ("e๔", "e4"),
        # spaces and separators inside the code
        ("i 19", "i19"),
        ("E-11", "e11"),
        ("O.8", "o8"),
        (" i7 ", "i7"),
        # leading zeros
        ("i07", "i7"),
        ("O08", "o8"),
        # the I read as 1
        ("119", "i19"),
        ("120", "i20"),
        ("121", "i21"),
        ("1๑๐", "i10"),
        ("๑๑๐", "i10"),
        ("17", "i7"),
        ("18", "i8"),
        ("11", "i1"),
        ("130", "i30"),
        # the I read as l or |, and lookalike letters from other scripts
        ("l19", "i19"),
        ("L22", "i22"),
        ("|19", "i19"),
        ("!5", "i5"),
        ("І12", "i12"),
        ("Е3", "e3"),
        # the O read as zero
        ("๐๘", "o8"),
        ("08", "o8"),
        ("O๔๒", "o42"),
        ("๐๔๓", "o43"),
    ],
)
def test_damaged_and_clean_codes_read_as_the_framework_code(raw: str, expected: str) -> None:
    assert normalise_question_code(raw, CODES) == expected
    assert normalise_question_code(raw, None) == expected


@pytest.mark.parametrize(
    "raw",
    ["", " ", "i", "E", "i0", "e0", "o0", "1", "0", "2566", "25", "i123", "x19", "ข้อ", "i-", "1.5"],
)
def test_text_that_is_no_code_reads_as_none(raw: str) -> None:
    assert normalise_question_code(raw, CODES) is None


def test_clear_code_unknown_to_the_year_is_kept_for_the_checker_to_report() -> None:
    assert normalise_question_code("e17", CODES) == "e17"
    assert normalise_question_code("O44", CODES) == "o44"


def test_repair_that_gives_an_unknown_code_is_refused() -> None:
    assert normalise_question_code("131", CODES) is None  # would be i31: no such question
    assert normalise_question_code("l45", CODES) is None
    assert normalise_question_code("131", None) == "i31"  # without a framework, read as written


def test_known_codes_choose_between_readings() -> None:
    only_o = {f"o{n}" for n in range(1, 44)}
    assert normalise_question_code("13", only_o, tool_hint="OIT") == "o13"
    assert normalise_question_code("13", {"i3"}) == "i3"


def test_bare_numbers_take_the_tool_of_their_table() -> None:
    assert normalise_question_code("๑๓", CODES, tool_hint="IIT") == "i13"
    assert normalise_question_code("2", CODES, tool_hint="EIT") == "e2"
    assert normalise_question_code("40", CODES, tool_hint="OIT") == "o40"
    assert normalise_question_code("13", CODES, tool_hint=None) == "i3"


def test_scan_finds_codes_at_question_starts_and_after_letters_anywhere() -> None:
    scan = scan_question_codes(["i19 ท่านรู้แนวปฏิบัติ i20 ขั้นตอนการขออนุญาต i21 เจ้าหน้าที่ยืมถูกต้อง"], CODES)
    assert scan.codes == ["i19", "i20", "i21"]
    assert scan.repaired == []


def test_scan_repairs_damaged_codes_and_says_so() -> None:
    scan = scan_question_codes(["119 ท่านรู้แนวปฏิบัติ", "17 ท่านทราบข้อมูลงบประมาณ"], CODES)
    assert scan.codes == ["i19", "i7"]
    assert scan.repaired == [("119", "i19"), ("17", "i7")]


def test_scan_ignores_numbers_inside_question_text() -> None:
    scan = scan_question_codes(["e4 ตอบข้อซักถามภายใน 15 วัน และแจ้งผล 30 วัน"], CODES)
    assert scan.codes == ["e4"]


def test_scan_ignores_list_numbers_and_words_like_e_service() -> None:
    scan = scan_question_codes(["1. ระบบ E-Service ของหน่วยงาน ISO 9001"], CODES)
    assert scan.codes == []
    assert scan.unreadable == []


def test_scan_reads_item_words_only_with_a_tool() -> None:
    fragment = "ตัวชี้วัดที่ ๓ การใช้อำนาจ ข้อ ๑๓ ข้อ ๑๕"
    assert scan_question_codes([fragment], CODES, tool_hint="IIT", item_words=True).codes == [
        "i13",
        "i15",
    ]
    assert scan_question_codes([fragment], CODES, item_words=True).codes == []


def test_scan_reports_a_letter_code_it_cannot_read() -> None:
    scan = scan_question_codes(["l99 ข้อความ"], CODES)
    assert scan.codes == []
    assert scan.unreadable == ["l99"]


@given(st.text(max_size=12))
def test_normalising_any_text_returns_none_or_a_canonical_code(raw: str) -> None:
    code = normalise_question_code(raw, CODES)
    assert code is None or (
        code[0] in "ieo" and code[1:].isdigit() and not code[1:].startswith("0")
    )


@given(st.sampled_from(sorted(CODES)), st.booleans())
def test_every_framework_code_reads_as_itself_in_any_case_and_digit_style(
    code: str, upper: bool
) -> None:
    from prongsai.core.thai import to_thai_digits

    written = code.upper() if upper else code
    assert normalise_question_code(written, CODES) == code
    assert normalise_question_code(to_thai_digits(written), CODES) == code
