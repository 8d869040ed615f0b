"""Which indicators and questions are weak, by the rules the officer chooses."""

from decimal import Decimal

from prongsai.analysis.rules import Rules, Scored, weak_reasons

D = Decimal
# The seed plan's ten indicators (seeds/000): overall 97.37.
SEED = [
    Scored(1, "IIT", D("99.00")),
    Scored(2, "IIT", D("95.63")),
    Scored(3, "IIT", D("96.49")),
    Scored(4, "IIT", D("93.63")),
    Scored(5, "IIT", D("97.50")),
    Scored(6, "EIT", D("95.88")),
    Scored(7, "EIT", D("93.88")),
    Scored(8, "EIT", D("94.55")),
    Scored(9, "OIT", D("100")),
    Scored(10, "OIT", D("100")),
]
PASS, OVERALL = D(85), D("97.37")


def weak(rules: Rules, items: list[Scored] = SEED) -> dict:
    return weak_reasons(items, rules, pass_mark=PASS, overall=OVERALL)


def test_the_lowest_in_each_tool_finds_what_the_seed_plan_found() -> None:
    assert weak(Rules(below_pass=False)) == {4: ["ต่ำสุดใน IIT"], 7: ["ต่ำสุดใน EIT"]}


def test_a_perfect_tool_has_no_lowest_item() -> None:
    assert 9 not in weak(Rules()) and 10 not in weak(Rules())


def test_ties_for_lowest_all_count() -> None:
    items = [Scored("a", "X", D(90)), Scored("b", "X", D(90)), Scored("c", "X", D(95))]
    assert set(weak(Rules(below_pass=False), items)) == {"a", "b"}


def test_below_the_pass_mark() -> None:
    items = [Scored("a", "X", D("84.99")), Scored("b", "X", D(85)), Scored("c", "X", D(70))]
    assert weak(Rules(lowest_in_tool=False), items) == {
        "a": ["ต่ำกว่าเกณฑ์ผ่าน 85"],
        "c": ["ต่ำกว่าเกณฑ์ผ่าน 85"],
    }


def test_below_the_agencys_own_overall() -> None:
    found = weak(Rules(below_pass=False, lowest_in_tool=False, below_overall=True))
    assert set(found) == {2, 3, 4, 6, 7, 8}
    assert found[2] == ["ต่ำกว่าคะแนนรวมของหน่วยงาน (97.37)"]


def test_a_chosen_threshold() -> None:
    found = weak(Rules(below_pass=False, lowest_in_tool=False, threshold=D(95)))
    assert found == {4: ["ต่ำกว่า 95"], 7: ["ต่ำกว่า 95"], 8: ["ต่ำกว่า 95"]}


def test_every_reason_that_holds_is_given() -> None:
    assert weak(Rules(threshold=D("95.5"), below_overall=True))[4] == [
        "ต่ำสุดใน IIT",
        "ต่ำกว่าคะแนนรวมของหน่วยงาน (97.37)",
        "ต่ำกว่า 95.5",
    ]


def test_no_rule_chosen_means_nothing_is_weak() -> None:
    rules = Rules(below_pass=False, lowest_in_tool=False)
    assert not rules.any and weak(rules) == {}
