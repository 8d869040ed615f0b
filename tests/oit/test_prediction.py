"""The predicted OIT score against hand-computed cases (issue #13)."""

from decimal import Decimal

from prongsai.frameworks.files import load_framework_file
from prongsai.frameworks.scoring import Scheme
from prongsai.oit.prediction import BY_INDICATOR, EXACT, FLAT, ItemSpec, costs, predict

D = Decimal
# indicator 9: sub-indicator 9.1 (o1, o2) and 9.2 (o3–o6); indicator 10: 10.1 (o7, o8)
ITEMS = [
    ItemSpec("o1", 9, "9.1"),
    ItemSpec("o2", 9, "9.1"),
    ItemSpec("o3", 9, "9.2"),
    ItemSpec("o4", 9, "9.2"),
    ItemSpec("o5", 9, "9.2"),
    ItemSpec("o6", 9, "9.2"),
    ItemSpec("o7", 10, "10.1"),
    ItemSpec("o8", 10, "10.1"),
]
ALL = {i.code for i in ITEMS}


def test_a_sub_indicator_with_one_failed_item() -> None:
    # 9.1 = 100, 9.2 = 3/4 = 75 → ind 9 = 87.5; ind 10 = 100 → OIT = (87.5 + 100) / 2 = 93.75
    p = predict(ITEMS, ALL - {"o3"})
    assert p.method == EXACT and not p.estimate
    assert p.indicators == {9: D("87.50"), 10: D("100.00")}
    assert p.oit == D("93.75")


def test_the_overall_with_the_last_iit_and_eit_and_what_the_missing_item_costs() -> None:
    scheme = Scheme.from_framework(load_framework_file(2566))
    others = {"IIT": D(90), "EIT": D(80)}
    p = predict(ITEMS, ALL - {"o3"}, scheme=scheme, other_tools=others)
    # 0.3·90 + 0.3·80 + 0.4·93.75 = 27 + 24 + 37.5 = 88.5 → A (AA–F scheme of FY2566)
    assert p.overall == D("88.50") and p.level == "A" and p.passed is True
    cost = costs(ITEMS, ALL - {"o3"}, scheme=scheme, other_tools=others)
    # o3 ready: 9.2 = 100 → OIT 100 (+6.25), overall 91.00 (+2.50)
    assert cost == {"o3": cost["o3"]} and cost["o3"].oit == D("6.25")
    assert cost["o3"].overall == D("2.50")


def test_an_item_of_unknown_indicator_makes_a_flat_estimate_and_says_so() -> None:
    items = [*ITEMS[:7], ItemSpec("o8", None, None)]  # o8: indicator not known
    p = predict(items, ALL - {"o3", "o8"})
    # 6 of 8 items ready → 75.00, every item weighted the same
    assert p.method == FLAT and p.estimate and p.oit == D("75.00")
    assert "ค่าประมาณ" in p.method_text and "ร้อยละของรายการที่พร้อมจากทุกรายการ" in p.method_text


def test_an_unknown_sub_indicator_averages_flat_within_the_indicator() -> None:
    items = [ItemSpec(i.code, i.indicator, None) for i in ITEMS]
    p = predict(items, ALL - {"o3"})
    # ind 9: 5 of 6 = 83.33…; ind 10: 100 → OIT = 91.666… → 91.67
    assert p.method == BY_INDICATOR and p.oit == D("91.67")


def test_every_item_ready_scores_100_and_costs_nothing() -> None:
    assert predict(ITEMS, ALL).oit == D("100.00")
    assert costs(ITEMS, ALL) == {}
