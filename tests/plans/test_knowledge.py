"""The measures knowledge base (prongsai.plans.knowledge): shipped data, seeds coverage, suggest()
and validate_kb(). Pure Python: runs with `-p no:django`."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from prongsai.plans import knowledge
from prongsai.plans.knowledge import (
    KbMeasure,
    KnowledgeBaseError,
    MonitoringStep,
    measure_kb,
    measures_from_data,
    normalise_code,
    standard_issues,
    suggest,
    validate_kb,
)

DATA_DIR = Path(knowledge.__file__).resolve().parent / "data"
SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# The seven standard issues exactly as titled in BRIEF §2.
BRIEF_ISSUES = [
    "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
    "การให้บริการและระบบ E-Service",
    "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
    "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
    "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
    "กระบวนการควบคุมตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
    "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตในหน่วยงาน",
]
# The codes of the assessment year each seed analyses. 000: "ผลการประเมิน ITA ปี 2566" (its table
# reuses FY2566 question wording). 002: the memo analyses the FY2565 results. 003 states no year;
# its i7/i8/i19–i21 wording is the FY2566 wording of 000 (the FY2564 form differs), so 2566.
SEED_YEARS = {"000": 2566, "002": 2565, "003": 2566}
SEED_000_CODES = ["e4", "e13", "e8", "i19", "i20", "i21", "i7", "i8", "e10", "i25"]


@pytest.fixture(autouse=True)
def _fast_passwords() -> None:
    """Replaces tests/conftest.py's autouse fixture of that name, which needs pytest-django's
    `settings`: this module needs no Django and runs with `-p no:django`."""


def _seed_texts() -> dict[str, str]:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"{SEEDS_DIR} is not present: the real-document tests need ../shared/seeds")
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))}
    if not texts:
        pytest.skip(f"{SEEDS_DIR} holds no .txt seeds")
    return texts


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# "e4 ผู้รับบริการ…", "I27 ท่านทราบ…"
_EXPLICIT = re.compile(r"(?<![A-Za-z0-9])([IiEeOo])\s?(\d{1,2})(?![\d.])")
# seeds/003 writes I as 1 at the start of a cell: "119 ท่านรู้…" = i19, "17 ท่านทราบ…" = i7.
_MANGLED = re.compile(r"(?:^|[\t>])\s*1(\d{1,2})\s+(?=[\u0E00-\u0E7F])", re.MULTILINE)
# seeds/002: "ตัวชี้วัดที่ ๓ การใช้อำนาจ ข้อ ๑๓ ข้อ ๑๕".
_BY_INDICATOR = re.compile(r"ตัวชี้วัดที่\s*([0-9๐-๙]+)[^\t\n]*?((?:ข้อ\s*[0-9๐-๙]+\s*)+)")


def seed_codes(text: str) -> set[str]:
    codes = {m.group(1).lower() + m.group(2) for m in _EXPLICIT.finditer(text)}
    codes |= {"i" + m.group(1) for m in _MANGLED.finditer(text)}
    for m in _BY_INDICATOR.finditer(text):
        tool = "i" if int(m.group(1).translate(_THAI_DIGITS)) <= 5 else "e"
        for n in re.findall(r"ข้อ\s*([0-9๐-๙]+)", m.group(2)):
            codes.add(tool + n.translate(_THAI_DIGITS))
    return codes


def _entry(key: str = "k1", **changes: Any) -> dict[str, Any]:
    """A small valid entry; `changes` replace its fields."""
    entry: dict[str, Any] = {
        "key": key,
        "codes": ["i19"],
        "years": [2566],
        "indicator": 4,
        "issue": 4,
        "title": "ทดสอบ",
        "finding": "ข้อค้นพบ",
        "steps": ["ขั้นที่หนึ่ง", "ขั้นที่สอง", "ขั้นที่สาม"],
        "monitoring": [{"text": "รายงานผู้บริหาร", "month": 7}],
        "timeline": {"start_month": 1, "end_month": 12},
        "responsible": "กองคลัง",
        "outcome": "ผลลัพธ์",
        "provenance": "test",
    }
    entry.update(changes)
    return entry


def _by_key() -> dict[str, KbMeasure]:
    return {m.key: m for m in measure_kb()}


# ---------------------------------------------------------------------------------------------
# Shipped data


def test_standard_issues_are_the_seven_titled_in_the_brief() -> None:
    issues = standard_issues()
    assert [i.number for i in issues] == [1, 2, 3, 4, 5, 6, 7]
    assert [i.title for i in issues] == BRIEF_ISSUES
    assert all(re.search(r"[\u0E00-\u0E7F]", i.description) for i in issues)


def test_shipped_knowledge_base_validates_with_no_problems() -> None:
    raw = yaml.safe_load((DATA_DIR / "measures_kb.yaml").read_text(encoding="utf-8"))
    assert validate_kb(raw, complete=True) == []
    issues_raw = yaml.safe_load((DATA_DIR / "standard_issues.yaml").read_text(encoding="utf-8"))
    assert knowledge.validate_standard_issues(issues_raw) == []
    assert len(measure_kb()) == len(raw["measures"])


def test_every_entry_is_written_in_thai_with_three_to_five_steps() -> None:
    thai = re.compile(r"[\u0E00-\u0E7F]")
    for m in measure_kb():
        for text in (m.title, m.finding, m.outcome, m.responsible, *m.steps):
            assert thai.search(text), (m.key, text)
        assert 3 <= len(m.steps) <= 5, m.key
        assert all(thai.search(s.text) for s in m.monitoring), m.key
        assert m.provenance.startswith("ours"), m.key


@pytest.mark.parametrize("year", [2565, 2566, 2567, 2568, 2569])
def test_every_iit_and_eit_question_has_exactly_one_entry_each_year(year: int) -> None:
    expected = {f"i{n}" for n in range(1, 31)} | {f"e{n}" for n in range(1, 16)}
    for code in sorted(expected):
        owners = [m.key for m in measure_kb() if code in m.codes and m.applies_to(year)]
        assert len(owners) == 1, (code, year, owners)


@pytest.mark.parametrize(
    ("year", "items"),
    [
        (2566, range(1, 44)),  # o1–o43, titles C2
        (2567, range(1, 34)),  # O1–O4 verified, O5–O33 weak candidate layout
        (2568, range(1, 27)),
        (2569, range(1, 27)),
    ],
)
def test_every_oit_item_of_the_framework_years_has_an_entry(year: int, items: range) -> None:
    covered = {c for m in measure_kb() if m.applies_to(year) for c in m.codes}
    assert {f"o{n}" for n in items} <= covered
    assert f"o{items.stop}" not in covered


def test_there_is_one_fallback_per_indicator_for_any_year() -> None:
    fallbacks = {m.indicator: m for m in measure_kb() if m.is_fallback}
    assert sorted(fallbacks) == list(range(1, 11))
    assert all(m.years == () and m.applies_to(2570) for m in fallbacks.values())
    # IIT indicator 4 (assets) → issue 4; OIT indicator 10 (anti-corruption) → issue 7.
    assert fallbacks[4].issue == 4
    assert fallbacks[10].issue == 7


def test_the_measures_document_is_o42_in_fy2566_and_o25_in_fy2569() -> None:
    def owner(code: str, year: int) -> KbMeasure:
        (m,) = [m for m in measure_kb() if code in m.codes and m.applies_to(year)]
        return m

    fy66, fy69 = owner("o42", 2566), owner("o25", 2569)
    assert fy66.title == fy69.title
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส" in fy66.title
    assert owner("o25", 2566).key == "oit66_hr"  # same number, another item in FY2566
    assert not [m for m in measure_kb() if "o42" in m.codes and m.applies_to(2569)]


def test_monitoring_months_and_quarters_use_the_fiscal_calendar() -> None:
    m = _by_key()["iit_ethics_knowledge"]  # January–September, as seeds/003's ไตรมาส 2–4
    assert (m.timeline_start, m.timeline_end) == (4, 12)
    assert m.quarters == (2, 3, 4)
    assert MonitoringStep(m.monitoring[-1].text, 12) == m.monitoring[-1]


def test_measure_kb_returns_a_fresh_list_of_cached_entries() -> None:
    first = measure_kb()
    first.clear()
    second = measure_kb()
    assert second and second[0] is measure_kb()[0]


# ---------------------------------------------------------------------------------------------
# Seeds


@pytest.mark.seeds
def test_every_code_in_the_seeds_has_an_entry_for_the_seed_fiscal_year() -> None:
    texts = _seed_texts()
    found = {name: seed_codes(text) for name, text in texts.items()}
    # The extraction itself: each seed's known codes, mangled ones included.
    assert set(SEED_000_CODES) <= found.get("000", set(SEED_000_CODES))
    assert {"i13", "i15"} <= found.get("002", {"i13", "i15"})
    assert {"i1", "i7", "i8", "i19", "i20", "i21", "i27", "e9", "e14"} <= found.get("003", {"i1"})
    for name, codes in found.items():
        year = SEED_YEARS.get(name)
        if year is None:
            continue
        covered = {c for m in measure_kb() if m.applies_to(year) for c in m.codes}
        assert codes <= covered, (name, year, sorted(codes - covered))


@pytest.mark.seeds
def test_no_sentence_is_copied_from_the_seeds() -> None:
    window = 40  # characters, whitespace and markup removed
    seeds = "".join(re.sub(r"<[^>]+>|\s+", "", t) for t in _seed_texts().values())
    grams = {seeds[i : i + window] for i in range(len(seeds) - window + 1)}
    copied = []
    for m in measure_kb():
        for text in (m.title, m.finding, m.outcome, *m.steps, *(s.text for s in m.monitoring)):
            flat = re.sub(r"\s+", "", text)
            if any(flat[i : i + window] in grams for i in range(len(flat) - window + 1)):
                copied.append((m.key, text))
    assert copied == []


# ---------------------------------------------------------------------------------------------
# suggest()


def test_suggest_files_the_seed_000_codes_under_the_seven_issues_without_duplicates() -> None:
    groups, unknown = suggest(SEED_000_CODES, 2566)
    assert unknown == []
    assert [g.issue.number for g in groups] == [1, 2, 3, 4, 5, 6, 7]
    covered = {g.issue.number: [c for codes in g.codes for c in codes] for g in groups}
    assert covered == {
        1: ["e4"], 2: ["e13"], 3: ["e8"], 4: ["i19", "i20", "i21"], 5: ["i7", "i8"],
        6: ["e10"], 7: ["i25"],
    }  # fmt: skip
    keys = [m.key for g in groups for m in g.measures]
    assert len(keys) == len(set(keys)) == 7
    assets = groups[3]
    assert assets.issue.title == "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ"
    assert assets.pairs() == [(_by_key()["iit_asset_guidelines_borrowing"], ["i19", "i20", "i21"])]


def test_suggest_normalises_codes_and_ignores_repeats() -> None:
    groups, unknown = suggest(["I19", " i20 ", "i19", "E๑๐", "O42"], 2566)
    assert unknown == []
    pairs = [(m.key, codes) for g in groups for m, codes in g.pairs()]
    assert pairs == [
        ("iit_asset_guidelines_borrowing", ["i19", "i20"]),
        ("eit_corruption_complaint_channel", ["e10"]),
        ("oit66_integrity_measures", ["o42"]),
    ]
    assert normalise_code("o05") == "o5"
    assert normalise_code("x1") == "x1"


def test_suggest_reports_codes_without_an_entry_for_that_year() -> None:
    groups, unknown = suggest(["i99", "x1", "o40", "o20", "i19"], 2568)
    assert unknown == ["i99", "x1", "o40"]  # FY2568 has O1–O26 only
    assert [m.key for g in groups for m in g.measures] == [
        "oit68_participation",
        "iit_asset_guidelines_borrowing",
    ]


def test_suggest_gives_fallbacks_only_for_weak_indicators_no_code_covered() -> None:
    groups, _ = suggest(["i19", "e8"], 2567, weak_indicators=[4, 7, 9, 4])
    keys = [m.key for g in groups for m in g.measures]
    assert "fallback_ind4" not in keys and "fallback_ind7" not in keys
    assert keys.count("fallback_ind9") == 1
    issue3 = next(g for g in groups if g.issue.number == 3)
    # the code-level measure first, the fallback after it, with no codes of its own
    assert [(m.key, c) for m, c in issue3.pairs()] == [
        ("eit_feedback_channel", ["e8"]),
        ("fallback_ind9", []),
    ]


def test_suggest_falls_back_to_indicators_in_a_year_without_code_entries() -> None:
    groups, unknown = suggest(["i19"], 2570, weak_indicators=[4])
    assert unknown == ["i19"]
    assert [(g.issue.number, [m.key for m in g.measures]) for g in groups] == [
        (4, ["fallback_ind4"])
    ]


def test_suggest_groups_are_ordered_by_issue_number() -> None:
    groups, _ = suggest(["o42", "e13", "i27", "o1", "i1"], 2566, weak_indicators=[3])
    numbers = [g.issue.number for g in groups]
    assert numbers == sorted(numbers) == [1, 2, 3, 6, 7]


def test_suggest_rejects_an_indicator_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="11"):
        suggest([], 2566, weak_indicators=[11])


def test_suggest_works_on_a_given_knowledge_base() -> None:
    kb = measures_from_data({"measures": [_entry()]})
    groups, unknown = suggest(["i19", "i20"], 2566, kb=kb)
    assert unknown == ["i20"]
    assert [(g.issue.number, g.codes) for g in groups] == [(4, [["i19"]])]


# ---------------------------------------------------------------------------------------------
# validate_kb()


def test_a_small_valid_knowledge_base_has_no_problems() -> None:
    fallback = _entry("fb4", codes=[], years=[])
    same_code_other_year = _entry("k2", years=[2567])
    assert validate_kb({"measures": [_entry(), fallback, same_code_other_year]}) == []


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([_entry(issue=9)], "k1: ไม่มีประเด็นที่ 9"),
        ([_entry(monitoring=[{"text": "รายงาน", "month": 13}])], "k1: เดือน 13"),
        ([_entry(timeline={"start_month": 0, "end_month": 12})], "k1: เดือนเริ่มดำเนินการ 0"),
        ([_entry(timeline={"start_month": 9, "end_month": 3})], "k1: เดือนเริ่ม (9) อยู่หลังเดือนสิ้นสุด (3)"),
        ([_entry(steps=[])], "k1: ไม่มีขั้นตอน/วิธีการ"),
        ([_entry(), _entry(codes=["i20"])], "k1: key ซ้ำกับรายการที่ 1"),
        ([_entry(), _entry("k2", codes=["i20", "i19"])], "k2: รหัส i19 ของปี 2566 มีอยู่แล้วในรายการ k1"),
        ([_entry(codes=["i19", "i19"])], "k1: รหัส i19 ของปี 2566 ซ้ำในรายการเดียวกัน"),
        ([_entry(codes=["I19"])], "k1: รหัส 'I19' ต้องเป็นตัวพิมพ์เล็ก"),
        ([_entry(codes=["i25"])], "k1: รหัส i25 อยู่ในตัวชี้วัดที่ 5 แต่รายการระบุตัวชี้วัดที่ 4"),
        ([_entry(years=[])], "k1: ต้องระบุปีงบประมาณ"),
        ([_entry(stepz=["x"])], "k1: ไม่รู้จักช่อง stepz"),
    ],
    ids=[
        "unknown-issue", "monitoring-month", "start-month", "start-after-end", "empty-steps",
        "duplicate-key", "code-twice-same-year", "code-twice-in-entry", "upper-case-code",
        "code-in-other-indicator", "no-years", "unknown-field",
    ],
)  # fmt: skip
def test_validate_kb_names_the_entry_and_the_problem(
    entries: list[dict[str, Any]], expected: str
) -> None:
    problems = validate_kb({"measures": copy.deepcopy(entries)})
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems


def test_validate_kb_asks_for_every_fallback_only_when_complete() -> None:
    data = {"measures": [_entry()]}
    assert validate_kb(data) == []
    problems = validate_kb(data, complete=True)
    assert len(problems) == 10
    assert "ตัวชี้วัดที่ 4" in problems[3]


def test_loading_a_broken_knowledge_base_raises_with_every_problem() -> None:
    with pytest.raises(KnowledgeBaseError) as info:
        measures_from_data({"measures": [_entry(issue=0, steps=[])]})
    assert len(info.value.problems) == 2


def test_every_oit_item_of_fy2566_to_fy2569_has_a_measure_with_the_evidence_to_publish() -> None:
    from prongsai.frameworks.files import load_framework_file
    from prongsai.plans.knowledge import measure_kb

    kb = measure_kb()
    for year in (2566, 2567, 2568, 2569):
        codes = [i["code"] for i in load_framework_file(year)["oit"]["items"]]
        assert codes
        missing = [
            c for c in codes if not any(c in m.codes and year in m.years and m.evidence for m in kb)
        ]
        assert missing == [], (year, missing)
