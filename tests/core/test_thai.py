import datetime as dt
import itertools

import pytest

from prongsai.core import thai


def test_it_formats_a_full_be_date_in_thai_digits() -> None:
    assert thai.format_date(dt.date(2023, 4, 3)) == "๓ เมษายน ๒๕๖๖"


def test_it_formats_an_abbreviated_be_date_in_arabic_digits() -> None:
    assert (
        thai.format_date(dt.date(2023, 4, 3), style="abbr", digits_style="arabic") == "3 เม.ย. 66"
    )


def test_it_converts_digits_both_ways() -> None:
    assert thai.to_thai_digits("ข้อ 13 ปี 2566") == "ข้อ ๑๓ ปี ๒๕๖๖"
    assert thai.to_arabic_digits("ไตรมาส ๔ ปี ๒๕๖๗") == "ไตรมาส 4 ปี 2567"
    assert thai.digits("12", "arabic") == "12"


def test_a_help_text_made_before_the_page_shows_the_digits_of_the_page_it_is_shown_on() -> None:
    from django.utils import translation

    help_text = thai.local_digits_in_text_lazy("เช่น หัวข้อ O12 ไฟล์ลำดับที่ 3 ที่ https://x.go.th/1")
    with translation.override("th"):
        thai.set_page_digits("thai")
        assert str(help_text) == "เช่น หัวข้อ O12 ไฟล์ลำดับที่ ๓ ที่ https://x.go.th/1"
        thai.set_page_digits("arabic")
        assert str(help_text) == "เช่น หัวข้อ O12 ไฟล์ลำดับที่ 3 ที่ https://x.go.th/1"
        thai.set_page_digits(None)


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (dt.date(2023, 9, 30), 2566),
        (dt.date(2023, 10, 1), 2567),
        (dt.date(2024, 3, 31), 2567),
        (dt.date(2024, 12, 31), 2568),
    ],
)
def test_it_names_the_fiscal_year_by_the_be_year_it_ends_in(day: dt.date, fy: int) -> None:
    assert thai.fiscal_year(day) == fy


def test_fiscal_year_2567_runs_from_october_2023_to_september_2024() -> None:
    period = thai.fiscal_year_period(2567)
    assert (period.start, period.end) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))
    assert dt.date(2024, 2, 29) in period
    assert dt.date(2024, 10, 1) not in period


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (dt.date(2023, 10, 1), 1),
        (dt.date(2023, 12, 31), 1),
        (dt.date(2024, 1, 1), 2),
        (dt.date(2024, 6, 30), 3),
        (dt.date(2024, 9, 30), 4),
    ],
)
def test_quarter_one_is_october_to_december(day: dt.date, quarter: int) -> None:
    assert thai.quarter_of(day) == quarter


def test_quarter_periods_tile_the_fiscal_year() -> None:
    quarters = [thai.quarter_period(2567, q) for q in (1, 2, 3, 4)]
    assert quarters[0].start == dt.date(2023, 10, 1)
    assert quarters[1] == thai.Period(dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert quarters[3].end == dt.date(2024, 9, 30)
    for a, b in itertools.pairwise(quarters):
        assert b.start - a.end == dt.timedelta(days=1)
    with pytest.raises(ValueError):
        thai.quarter_period(2567, 5)


def test_the_six_month_round_is_october_to_march() -> None:
    period = thai.half_year_period(2566)
    assert (period.start, period.end) == (dt.date(2022, 10, 1), dt.date(2023, 3, 31))
    assert period.months_label() == "ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖"


def test_it_writes_month_ranges_within_and_across_years() -> None:
    assert thai.month_range(dt.date(2024, 1, 1), dt.date(2024, 3, 31)) == "มกราคม – มีนาคม ๒๕๖๗"
    assert (
        thai.month_range(dt.date(2024, 1, 1), dt.date(2024, 3, 31), digits_style="arabic")
        == "มกราคม – มีนาคม 2567"
    )
    assert thai.month_range(dt.date(2024, 5, 1), dt.date(2024, 5, 31)) == "พฤษภาคม ๒๕๖๗"
    with pytest.raises(ValueError):
        thai.month_range(dt.date(2024, 5, 1), dt.date(2024, 4, 1))


def test_ui_months_and_dates_follow_the_language_and_stay_buddhist_era() -> None:
    import datetime as dt

    from django.utils import translation

    from prongsai.core import thai

    start, end = dt.date(2023, 11, 1), dt.date(2024, 3, 31)
    with translation.override("en"):
        assert thai.local_month_range(start, end) == "November 2566 – March 2567"
        assert thai.local_date(end) == "31 March 2567"
        assert thai.local_digits("ปี ๒๕๖๗") == "ปี 2567"
    with translation.override("th"):
        assert thai.local_month_range(start, end) == "พฤศจิกายน ๒๕๖๖ – มีนาคม ๒๕๖๗"
        assert thai.local_digits(2567) == "๒๕๖๗"
