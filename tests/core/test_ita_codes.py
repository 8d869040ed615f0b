"""One module reads ITA codes for every part of Prongsai (decision 35)."""

from __future__ import annotations

import pytest

from prongsai.core.ita_codes import canonical_code, normalise_code, split_codes
from prongsai.frameworks.files import framework_codes
from prongsai.plans.codes import invalid_codes, normalise_codes
from prongsai.plans.knowledge import normalise_code as knowledge_code


@pytest.mark.parametrize(
    ("typed", "code"),
    [("i19", "i19"), ("I 19", "i19"), ("E-11", "e11"), ("e๑๑", "e11"), ("O05", "o5"),
     ("o 5", "o5"), ("e.8", "e8")],
)  # fmt: skip
def test_every_reader_gives_the_same_canonical_code(typed: str, code: str) -> None:
    assert canonical_code(typed) == code
    assert normalise_code(typed) == code
    assert knowledge_code(typed) == code
    assert normalise_codes(typed) == [code]


def test_a_list_typed_in_one_box_is_split_into_codes() -> None:
    assert split_codes("i 19, e 8") == ["i19", "e8"]
    assert split_codes("I19, e 8 ,O๒๕ E-11, i19") == ["i19", "e8", "o25", "e11"]
    assert split_codes(["i 19", "O05"]) == ["i19", "o5"]
    assert split_codes("i19 และ i20") == ["i19", "i20"]


@pytest.mark.django_db
def test_what_is_not_a_code_is_kept_to_be_named() -> None:
    assert canonical_code("119") is None  # damage repair is the importer's, with known codes
    assert split_codes("x7, i99") == ["x7", "i99"]
    assert invalid_codes(["x7", "i19"], 2566) == ["x7"]


def test_the_framework_loader_reads_codes_the_same_way() -> None:
    data = {"questions": [{"code": "I19"}, {"code": "e 8"}], "oit": {"items": [{"code": "O05"}]}}
    assert framework_codes(data) == {"i19", "e8", "o5"}
