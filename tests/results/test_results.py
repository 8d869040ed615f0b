"""Saving results, computing totals, and flagging entered totals that disagree."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from prongsai.results.models import Result
from prongsai.results.selectors import result_view, results_side_by_side
from prongsai.results.services import ResultInput, result_save
from tests.results.conftest import SEED_2566, indicators

D = Decimal
pytestmark = pytest.mark.django_db


def test_saving_the_indicators_computes_the_published_totals(agency: Any) -> None:
    result = result_save(agency, ResultInput(year=2566, indicators=indicators(SEED_2566), rank=737))
    assert (result.overall, result.level, result.passed) == (D("97.37"), "AA", True)
    assert result.tools == {"IIT": "96.45", "EIT": "94.77", "OIT": "100.00"}
    assert result.ranked_count is None
    assert result_view(result).flags == []


def test_saving_again_updates_the_same_result(agency: Any) -> None:
    result_save(agency, ResultInput(year=2566, indicators=indicators(SEED_2566)))
    lower = ["80"] * 10
    result = result_save(agency, ResultInput(year=2566, indicators=indicators(lower)))
    assert Result.objects.filter(agency=agency).count() == 1
    assert result.overall == D("80.00") and result.level == "B" and not result.passed
    assert list(result.indicator_scores.values_list("score", flat=True)) == [D("80.00")] * 10


def test_entered_totals_that_disagree_are_kept_and_flagged_not_overwritten(agency: Any) -> None:
    data = ResultInput(
        year=2566,
        indicators=indicators(SEED_2566),
        entered_overall=D("97.73"),
        entered_tools={"IIT": D("96.45"), "EIT": D("94.70")},
        entered_level="A",
    )
    result = result_save(agency, data)
    assert result.entered_overall == D("97.73") and result.overall == D("97.37")
    flags = {(f.what, f.entered, f.computed) for f in result_view(result).flags}
    assert flags == {
        ("คะแนนรวม", "97.73", "97.37"),
        ("คะแนน EIT", "94.70", "94.77"),
        ("ระดับ", "A", "AA"),
    }
    assert results_side_by_side(agency).flagged == [True]


def test_the_flags_are_shown_in_red_with_both_values(world: Any, editor_client: Client) -> None:
    result_save(
        world.agency,
        ResultInput(year=2566, indicators=indicators(SEED_2566), entered_overall=D("97.73")),
    )
    body = editor_client.get(reverse("results:detail", args=["ours", 2566])).content.decode()
    assert 'class="score-big mismatch"' in body
    assert "คะแนนรวม: กรอก ๙๗.๗๓ · คำนวณได้ ๙๗.๓๗" in body  # the agency chose Thai digits


def test_oit_item_results_that_disagree_with_the_indicator_are_flagged(agency: Any) -> None:
    oit = {f"o{n}": True for n in range(1, 44)}
    oit["o1"] = False  # 9.1 becomes 9/10 → indicator 9 from the items = 98.00
    result = result_save(agency, ResultInput(year=2566, indicators=indicators(SEED_2566), oit=oit))
    ind9 = next(i for i in result_view(result).indicators if i.number == 9)
    assert ind9.from_items == D("98.00") and ind9.mismatch
    assert any(f.what.startswith("ตัวชี้วัดที่ 9") for f in result_view(result).flags)


def test_problems_are_refused_in_thai_and_nothing_is_written(agency: Any) -> None:
    bad = ResultInput(
        year=2566,
        indicators={n: D(90) for n in range(1, 10)},
        entered_level="ดีเยี่ยม",
        questions={"i31": D(50)},
        oit={"o99": True},
        rank=10,
        ranked_count=5,
    )
    with pytest.raises(ValidationError) as err:
        result_save(agency, bad)
    messages = err.value.messages
    assert "ปีงบประมาณ 2566: ขาดคะแนนตัวชี้วัดที่ 10 (ต้องมีครบ 10 ตัว)" in messages
    assert any(m.startswith("ระดับ “ดีเยี่ยม” ไม่มีในเกณฑ์ปี 2566") for m in messages)
    assert "ไม่มีข้อคำถาม i31 ในเกณฑ์ปี 2566" in messages
    assert "ไม่มีรายการ OIT o99 ในเกณฑ์ปี 2566" in messages
    assert "ลำดับที่ต้องไม่มากกว่าจำนวนหน่วยงานที่จัดลำดับ" in messages
    assert not Result.objects.exists()


def test_several_years_are_shown_side_by_side(agency: Any) -> None:
    result_save(agency, ResultInput(year=2566, indicators=indicators(SEED_2566)))
    result_save(agency, ResultInput(year=2565, indicators=indicators(["90"] * 10)))
    result_save(
        agency, ResultInput(year=2567, indicators=indicators(["99"] * 5 + ["80"] * 3 + ["100"] * 2))
    )
    table = results_side_by_side(agency)
    assert table.years == [2565, 2566, 2567]
    assert table.rows[0] == ("คะแนนรวม", "", [D("90.00"), D("97.37"), D("93.70")])
    assert table.levels == ["A", "AA", "ผ่าน"]
    ind4 = next(r for r in table.rows if r[0].startswith("4. "))
    assert ind4[2] == [D("90.00"), D("93.63"), D("99.00")]


def test_the_form_saves_ten_indicators_and_optional_questions(
    world: Any, editor_client: Client
) -> None:
    data = {f"ind_{n}": v for n, v in enumerate(SEED_2566, start=1)}
    data |= {"overall": "97.37", "level": "AA", "rank": "737", "q_i19": "86.10", "o_o42": "pass"}
    response = editor_client.post(reverse("results:edit", args=["ours", 2566]), data)
    assert response.status_code == 302
    result = Result.objects.get(agency=world.agency, year=2566)
    assert result.overall == D("97.37") and result.rank == 737
    assert dict(result.question_scores.values_list("code", "score")) == {"i19": D("86.10")}
    assert dict(result.oit_results.values_list("code", "passed")) == {"o42": True}


def test_the_form_requires_every_indicator(world: Any, editor_client: Client) -> None:
    data = {f"ind_{n}": "90" for n in range(1, 10)}
    response = editor_client.post(reverse("results:edit", args=["ours", 2567]), data)
    assert response.status_code == 200
    assert (
        "This field is required" in response.content.decode()
        or "จำเป็น" in response.content.decode()
    )
    assert not Result.objects.filter(agency=world.agency, year=2567).exists()


def test_the_cycle_step_shows_the_previous_years_result(world: Any, editor_client: Client) -> None:
    result_save(world.agency, ResultInput(year=2566, indicators=indicators(SEED_2566)))
    body = editor_client.get(reverse("orgs:home", args=["ours"]) + "?fy=2567").content.decode()
    assert "ปี ๒๕๖๖: ๙๗.๓๗ คะแนน ระดับ AA" in body
    body = editor_client.get(reverse("orgs:home", args=["ours"]) + "?fy=2568").content.decode()
    assert "ยังไม่มีผลปี ๒๕๖๗ · ล่าสุดปี ๒๕๖๖: ๙๗.๓๗" in body
