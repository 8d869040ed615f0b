"""Thai dates, month ranges, quarters and fiscal years as documents write them."""

from __future__ import annotations

import datetime as dt

import pytest

from prongsai.docimport.dates import (
    date_span,
    find_dates,
    first_date,
    fiscal_years_in,
    month_spans,
    quarters_in_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ดำเนินการเมื่อวันที่ ๓ เดือนตุลาคม พ.ศ. ๒๕๖๕", dt.date(2022, 10, 3)),
        ("ลงวันที่ ๑ ธันวาคม ๒๕๖๕", dt.date(2022, 12, 1)),
        ("วันที่ 9 ธ.ค. 65", dt.date(2022, 12, 9)),
        ("๑๕ ก.พ. ๒๕๖๗", dt.date(2024, 2, 15)),
        ("วันที่ 3 ตค 2566", dt.date(2023, 10, 3)),
        ("วันที่ 3 เมษายน 2023", dt.date(2023, 4, 3)),
        ("เมื่อ 29 กุมภาพันธ์ 2567", dt.date(2024, 2, 29)),
        ("3/10/2565", dt.date(2022, 10, 3)),
        ("วันที่ ๓ เมษายน ๒๕๖๖", dt.date(2023, 4, 3)),
    ],
)
def test_thai_dates_read_as_iso_dates(text: str, expected: dt.date) -> None:
    found = first_date(text)
    assert found is not None
    assert found.value == expected


def test_impossible_date_is_found_but_has_no_value() -> None:
    found = first_date("วันที่ ๓๑ กุมภาพันธ์ ๒๕๖๖")
    assert found is not None
    assert found.value is None


def test_numbers_without_a_month_are_not_dates() -> None:
    assert find_dates("คำสั่งที่ ๒๒๗/๒๕๖๕ ข้อ ๑๓ และ ๑๕") == []


def test_every_date_in_a_text_is_found_in_order() -> None:
    text = "๑.ลงวันที่ ๑ ธันวาคม ๒๕๖๕ ๒.ลงวันที่ ๙ ธันวาคม ๒๕๖๕"
    assert [found.value for found in find_dates(text)] == [
        dt.date(2022, 12, 1),
        dt.date(2022, 12, 9),
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("มกราคม-มีนาคม 2567", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖", dt.date(2022, 10, 1), dt.date(2023, 3, 31)),
        ("เดือนตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖", dt.date(2022, 10, 1), dt.date(2023, 3, 31)),
        ("ตุลาคม - ธันวาคม 2566", dt.date(2023, 10, 1), dt.date(2023, 12, 31)),
        ("พฤศจิกายน - กุมภาพันธ์ 2567", dt.date(2023, 11, 1), dt.date(2024, 2, 29)),
        ("ต.ค. 66 ถึง ก.ย. 67", dt.date(2023, 10, 1), dt.date(2024, 9, 30)),
        ("มีนาคม 2567", dt.date(2024, 3, 1), dt.date(2024, 3, 31)),
    ],
)
def test_month_ranges_cover_whole_months(text: str, start: dt.date, end: dt.date) -> None:
    spans = month_spans(text)
    assert [(span.start, span.end) for span in spans] == [(start, end)]


def test_months_without_a_year_cannot_be_placed() -> None:
    assert month_spans("มกราคม - มีนาคม") == []
    assert date_span("ทุกไตรมาส") is None


@pytest.mark.parametrize(
    ("text", "quarters"),
    [
        ("ไตรมาส 1,2,4", [1, 2, 4]),
        ("ไตรมาส 2-4", [2, 3, 4]),
        ("ไตรมาสที่ ๒ และ ๓", [2, 3]),
        ("ไตรมาส 1 ไตรมาส 3", [1, 3]),
        ("ทุกไตรมาส", [1, 2, 3, 4]),
        ("ตลอด งบประมาณ", [1, 2, 3, 4]),
        ("ตลอดปีงบประมาณ", [1, 2, 3, 4]),
        ("มกราคม-มีนาคม 2567", [2]),
        ("มกราคม - มีนาคม", [2]),
        ("ตุลาคม 2566 - กันยายน 2567", [1, 2, 3, 4]),
        ("ไม่ระบุ", []),
    ],
)
def test_timelines_name_their_fiscal_quarters(text: str, quarters: list[int]) -> None:
    assert quarters_in_text(text) == quarters


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("ประจำปีงบประมาณ พ.ศ. 2566", 2566),
        ("ประจำปีงบประมาณ พ.ศ.๒๕๖๖", 2566),
        ("ปีงบประมาณ ๒๕๖๗", 2567),
        ("ปีงบประมาณ 67", 2567),
        ("ประจำปี พ.ศ. 2568", 2568),
        ("ปีงบประมาณ 2023", 2566),
    ],
)
def test_fiscal_years_are_read_in_buddhist_era(text: str, year: int) -> None:
    assert fiscal_years_in(text)[0][0] == year
