"""Failed OIT items of a year's result in the analysis, its document and the plan's suggestions
(issue #13: FY2569 with O5, O10, O15, O20 and O25 failed showed none of them)."""

from decimal import Decimal
from typing import Any

import pytest

from prongsai.analysis.documents import analysis_section_blocks
from prongsai.analysis.selectors import analysis_for
from prongsai.analysis.services import analysis_texts_save
from prongsai.documents.model import Paragraph
from prongsai.plans.knowledge import suggest
from prongsai.results.services import ResultInput, result_save
from tests.results.conftest import indicators

pytestmark = pytest.mark.django_db
FAILED = ["o5", "o10", "o15", "o20", "o25"]


@pytest.fixture
def fy2569(agency: Any) -> Any:
    oit = {f"o{n}": f"o{n}" not in FAILED for n in range(1, 27)}
    return result_save(agency, ResultInput(year=2569, indicators=indicators(["95"] * 10), oit=oit))


def test_every_failed_oit_item_is_weak_with_the_rule_that_picked_it(agency, fy2569) -> None:
    a = analysis_for(agency, 2569)
    oit = next(t for t in a.tools if t.code == "OIT")
    assert [i.code for i in oit.weak_oit] == FAILED
    o25 = oit.weak_oit[-1]
    assert o25.label == "ข้อ O25" and o25.text == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert o25.score == Decimal(0) and "ไม่ผ่านในผลการตรวจ OIT" in o25.reasons[0]
    assert "ปีงบประมาณ พ.ศ. 2569" in o25.development
    assert "หลักฐานที่ควรเผยแพร่" in o25.development
    o5 = oit.weak_oit[0]  # title unknown in FY2569: said so, nothing invented
    assert o5.text is None and "ปีที่เกณฑ์กำหนด" in o5.deficiency
    assert all(c in a.weak_codes for c in FAILED)


def test_a_previous_year_item_asks_for_the_previous_years_data(agency) -> None:
    oit = {f"o{n}": n != 26 for n in range(1, 27)}
    result_save(agency, ResultInput(year=2569, indicators=indicators(["95"] * 10), oit=oit))
    item = analysis_for(agency, 2569).weak_items[-1]
    assert item.code == "o26" and "ปีงบประมาณ พ.ศ. 2568 (ปีที่ผ่านมา)" in item.development


def test_the_plan_suggestions_answer_every_failed_item(agency, fy2569) -> None:
    a = analysis_for(agency, 2569)
    suggestions, unknown = suggest(a.weak_codes, 2569, a.weak_indicators)
    answered = {c for s in suggestions for codes in s.codes for c in codes}
    assert set(FAILED) <= answered and unknown == []
    measures = [m for s in suggestions for m, codes in s.pairs() if "o25" in codes]
    assert measures and measures[0].evidence


def test_the_officers_text_for_an_oit_item_is_kept(agency, fy2569) -> None:
    analysis_texts_save(agency, 2569, notes={("oit", "o10"): ("ไม่มีระบบออนไลน์", "ทำระบบ")})
    item = next(i for i in analysis_for(agency, 2569).weak_items if i.code == "o10")
    assert item.edited and item.deficiency == "ไม่มีระบบออนไลน์"


def test_the_analysis_document_lists_the_failed_items(agency, fy2569) -> None:
    blocks = analysis_section_blocks(agency, 2569, with_charts=False)
    text = " ".join(
        "".join(r.text for r in b.runs) if hasattr(b, "runs") else str(getattr(b, "text", ""))
        for b in blocks
        if isinstance(b, Paragraph)
    )
    assert "O25 การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร ผลการตรวจไม่ผ่าน" in text
