"""The version token of edit forms (`prongsai.core.versions`)."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from prongsai.core import versions


def test_the_token_changes_only_for_the_fields_that_changed() -> None:
    shown = versions.token({"title": "ก", "steps": "หนึ่ง\nสอง", "score": Decimal("95.50")})
    now = {"title": "ข", "steps": "หนึ่ง\r\nสอง  ", "score": Decimal("95.5")}
    assert versions.changed_since(shown, now) == ["title"]


def test_no_token_checks_nothing_and_a_garbled_one_counts_as_everything_changed() -> None:
    now = {"title": "ก", "deadline": dt.date(2024, 3, 31)}
    assert versions.changed_since(None, now) == []
    assert versions.changed_since("", now) == []
    assert versions.changed_since("%%%", now) == ["title", "deadline"]
    assert versions.changed_since("bnVsbA", now) == ["title", "deadline"]  # "null"


def test_a_field_that_disappeared_since_the_form_was_opened_counts_as_changed() -> None:
    shown = versions.token({"q_i1": Decimal(50), "q_i2": Decimal(60)})
    assert versions.changed_since(shown, {"q_i1": Decimal(50)}) == ["q_i2"]


@given(st.dictionaries(st.text(max_size=20), st.text(max_size=50) | st.none(), max_size=8))
def test_a_record_as_it_was_shown_never_conflicts(values: dict[str, str | None]) -> None:
    assert versions.changed_since(versions.token(values), values) == []


@given(st.text(max_size=300))
def test_any_posted_token_is_read_without_an_error(posted: str) -> None:
    assert set(versions.changed_since(posted, {"a": "x"})) <= {"a"}


def test_a_choice_is_compared_by_its_value_and_shown_by_its_label() -> None:
    shown = versions.token({"status": versions.Choice("done", "เสร็จสิ้น")})
    assert versions.changed_since(shown, {"status": versions.Choice("done", "Done")}) == []
    assert versions.changed_since(shown, {"status": versions.Choice("rejected", "ไม่รับ")}) == [
        "status"
    ]
    assert versions.display(versions.Choice("done", "เสร็จสิ้น")) == "เสร็จสิ้น"
