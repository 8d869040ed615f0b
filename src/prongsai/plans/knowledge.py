"""The knowledge base from which Prongsai proposes measures for the plan
"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน".

Pure Python (PyYAML + stdlib, no Django), so it is tested without a database. Two data files ship
in `prongsai/plans/data/`:

`standard_issues.yaml`
    ``issues``: the seven standard ประเด็น, each ``{number: 1..7, title, description}``.

`measures_kb.yaml`
    ``measures``: one entry per measure::

        key          stable id; accepted measures keep it (Measure.kb_key), so never rename
        codes        ITA codes it answers, lower case: i1–i30, e1–e15, o<N>;
                     [] = the indicator's fallback, used when only indicator scores are known
        years        fiscal years (B.E.) in which the codes mean this;
                     [] only on fallbacks (= any year)
        indicator    1–10
        issue        1–7, the standard issue it is filed under (our suggestion, not official)
        title        the measure's name
        finding      draft ข้อค้นพบ: what a low score on these codes typically means
        steps        3–5 ขั้นตอน/วิธีการ, unnumbered (documents number them)
        monitoring   1–3 of {text, month}: the month (fiscal, 1 = October … 12 = September)
                     by which that monitoring or reporting step is due
        timeline     {start_month, end_month}, fiscal months 1–12, start <= end
        responsible  the unit usually responsible (สำนักปลัด, กองคลัง, หน่วยตรวจสอบภายใน…)
        outcome      ผลลัพธ์ที่คาดหวัง
        evidence     optional (OIT entries): 1–6 texts, what to publish on the main website
        provenance   where the text comes from ("ours, patterned on seeds/000 …")

    A code may belong to one entry only per year: OIT numbering changes between years (the
    measures document is o42 in FY2566, O25 in FY2569), so OIT entries are per year. Entries
    may share text through YAML anchors and merge keys (``<<: *name``).

API: `standard_issues()`, `measure_kb()` (both cached; fresh lists), `validate_kb(data)` (Thai
problems, each naming the entry), `suggest(weak_codes, year, weak_indicators)` which returns
``(suggestions, unknown_codes)``: suggestions grouped by standard issue, ordered by issue
number, and the weak codes that have no entry for that year (never silently dropped).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NamedTuple, TypeGuard

import yaml

from prongsai.core import ita_codes
from prongsai.core.thai import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR

ISSUES_FILE = "standard_issues.yaml"
KB_FILE = "measures_kb.yaml"
INDICATORS = range(1, 11)
MONTHS = range(1, 13)
MIN_STEPS, MAX_STEPS = 3, 5
MIN_MONITORING, MAX_MONITORING = 1, 3
MIN_YEAR, MAX_YEAR = FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR

_FIELDS = (
    "key", "codes", "years", "indicator", "issue", "title", "finding", "steps", "monitoring",
    "timeline", "responsible", "outcome", "provenance",
)  # fmt: skip
# Optional fields: `evidence` (OIT entries: what to publish on the main website, 1–6 texts).
_OPTIONAL_FIELDS = ("evidence",)
Say = Callable[[str], None]
_TEXT_FIELDS = ("title", "finding", "responsible", "outcome", "provenance")
_CODE = re.compile(r"^([ieo])([1-9][0-9]*)$")
# IIT: 6 questions per indicator (i1–i6 → 1 … i25–i30 → 5); EIT: 5 per indicator (e1–e5 → 6 …).
_QUESTION_RANGES = {"i": (30, 6, 1), "e": (15, 5, 6)}


class KnowledgeBaseError(ValueError):
    """A knowledge-base file that does not validate; `problems` lists each one in Thai."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class StandardIssue:
    number: int
    title: str
    description: str


@dataclass(frozen=True)
class MonitoringStep:
    text: str
    month: int  # fiscal month by which it is due: 1 = October … 12 = September


@dataclass(frozen=True)
class KbMeasure:
    key: str
    codes: tuple[str, ...]
    years: tuple[int, ...]
    indicator: int
    issue: int
    title: str
    finding: str
    steps: tuple[str, ...]
    monitoring: tuple[MonitoringStep, ...]
    timeline_start: int
    timeline_end: int
    responsible: str
    outcome: str
    provenance: str
    evidence: tuple[str, ...] = ()  # OIT: what to publish on the main website

    @property
    def is_fallback(self) -> bool:
        """An indicator-level entry, proposed when only the indicator score is known."""
        return not self.codes

    def applies_to(self, year: int) -> bool:
        return not self.years or year in self.years

    @property
    def quarters(self) -> tuple[int, ...]:
        """The fiscal quarters (1–4) the timeline touches, for the ☐/☑ ไตรมาส columns."""
        return tuple(range((self.timeline_start - 1) // 3 + 1, (self.timeline_end - 1) // 3 + 2))


@dataclass
class Suggestion:
    """The measures proposed under one standard issue. ``codes[n]`` are the weak codes that
    ``measures[n]`` answers (empty for an indicator fallback)."""

    issue: StandardIssue
    measures: list[KbMeasure] = field(default_factory=list)
    codes: list[list[str]] = field(default_factory=list)

    def pairs(self) -> list[tuple[KbMeasure, list[str]]]:
        return list(zip(self.measures, self.codes, strict=True))


class SuggestResult(NamedTuple):
    """What `suggest` returns; unpacks as ``suggestions, unknown_codes = suggest(...)``."""

    suggestions: list[Suggestion]
    unknown_codes: list[str]


# --------------------------------------------------------------------------------------------
# Loading


def _read_data(name: str) -> Any:
    text = resources.files(__package__ or "prongsai.plans").joinpath("data").joinpath(name)
    return yaml.safe_load(text.read_text(encoding="utf-8"))


@cache
def _issues_cached() -> tuple[StandardIssue, ...]:
    data = _read_data(ISSUES_FILE)
    problems = validate_standard_issues(data)
    if problems:
        raise KnowledgeBaseError(problems)
    return tuple(
        StandardIssue(int(i["number"]), str(i["title"]).strip(), str(i["description"]).strip())
        for i in data["issues"]
    )


@cache
def _kb_cached() -> tuple[KbMeasure, ...]:
    return tuple(measures_from_data(_read_data(KB_FILE), complete=True))


def standard_issues() -> list[StandardIssue]:
    """The seven standard issues, numbered 1–7 (a fresh list of shared, immutable items)."""
    return list(_issues_cached())


def measure_kb() -> list[KbMeasure]:
    """Every entry of the shipped knowledge base, in file order (a fresh list)."""
    return list(_kb_cached())


def clear_caches() -> None:
    _issues_cached.cache_clear()
    _kb_cached.cache_clear()


def measures_from_data(
    data: Any, *, issue_numbers: Iterable[int] | None = None, complete: bool = False
) -> list[KbMeasure]:
    """Parsed YAML → entries; raises KnowledgeBaseError when `validate_kb` finds problems."""
    problems = validate_kb(data, issue_numbers=issue_numbers, complete=complete)
    if problems:
        raise KnowledgeBaseError(problems)
    return [_measure(entry) for entry in _entries(data)]


def _measure(e: Mapping[str, Any]) -> KbMeasure:
    return KbMeasure(
        key=str(e["key"]).strip(),
        codes=tuple(str(c) for c in e["codes"]),
        years=tuple(int(y) for y in e["years"]),
        indicator=int(e["indicator"]),
        issue=int(e["issue"]),
        title=str(e["title"]).strip(),
        finding=str(e["finding"]).strip(),
        steps=tuple(str(s).strip() for s in e["steps"]),
        monitoring=tuple(
            MonitoringStep(str(m["text"]).strip(), int(m["month"])) for m in e["monitoring"]
        ),
        timeline_start=int(e["timeline"]["start_month"]),
        timeline_end=int(e["timeline"]["end_month"]),
        responsible=str(e["responsible"]).strip(),
        outcome=str(e["outcome"]).strip(),
        provenance=str(e["provenance"]).strip(),
        evidence=tuple(str(x).strip() for x in e.get("evidence") or ()),
    )


# --------------------------------------------------------------------------------------------
# Codes


def normalise_code(raw: object) -> str:
    """ " I19" → "i19", "e๑๐" → "e10", "O05" → "o5" (`core.ita_codes.normalise_code`)."""
    return ita_codes.normalise_code(raw)


def code_indicator(code: str) -> int | None:
    """The indicator of an IIT/EIT question code (i1–i30, e1–e15); None for OIT items (their
    split between indicators 9 and 10 changes by year) and for unknown codes."""
    m = _CODE.match(code)
    if not m or m.group(1) not in _QUESTION_RANGES:
        return None
    count, per, first = _QUESTION_RANGES[m.group(1)]
    n = int(m.group(2))
    return first + (n - 1) // per if n <= count else None


def _dedupe(items: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


# --------------------------------------------------------------------------------------------
# Validation


def validate_standard_issues(data: Any) -> list[str]:
    """Problems in standard_issues.yaml (Thai); empty when it is fine."""
    issues = data.get("issues") if isinstance(data, Mapping) else None
    if not isinstance(issues, list) or not issues:
        return ["ไฟล์ประเด็นมาตรฐานต้องมีรายการ issues"]
    problems: list[str] = []
    numbers = []
    for n, issue in enumerate(issues, start=1):
        if not isinstance(issue, Mapping):
            problems.append(f"ประเด็นรายการที่ {n}: ต้องเป็นชุดข้อมูล (number, title, description)")
            continue
        numbers.append(issue.get("number"))
        for name in ("title", "description"):
            if not isinstance(issue.get(name), str) or not issue[name].strip():
                problems.append(f"ประเด็นรายการที่ {n}: ไม่มี {name}")
    if numbers != list(range(1, len(issues) + 1)):
        problems.append("ประเด็นมาตรฐานต้องเรียงเลข 1, 2, 3 … ไม่ข้ามและไม่ซ้ำ")
    return problems


def _entries(data: Any) -> list[Any]:
    if isinstance(data, Mapping):
        data = data.get("measures")
    return data if isinstance(data, list) else []


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_kb(
    data: Any, *, issue_numbers: Iterable[int] | None = None, complete: bool = False
) -> list[str]:
    """Problems in a parsed measures_kb.yaml (the mapping, or its list of entries), in Thai,
    each naming the entry's key. `issue_numbers` defaults to the shipped standard issues;
    `complete` also asks for one fallback entry for every indicator 1–10."""
    entries = _entries(data)
    if not entries:
        return ["ไฟล์ฐานความรู้ต้องมีรายการมาตรการ (measures) อย่างน้อยหนึ่งรายการ"]
    valid_issues = set(
        issue_numbers if issue_numbers is not None else (i.number for i in standard_issues())
    )
    problems: list[str] = []
    keys: dict[str, int] = {}
    owner: dict[tuple[str, int], str] = {}  # (code, year) → key of the entry that has it
    fallbacks: list[tuple[int, tuple[int, ...], str]] = []
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping):
            problems.append(f"รายการที่ {n}: ต้องเป็นชุดข้อมูลของมาตรการ")
            continue
        key = entry.get("key")
        label = key.strip() if isinstance(key, str) and key.strip() else f"รายการที่ {n}"
        say = problems.append
        if not (isinstance(key, str) and key.strip()):
            say(f"{label}: ไม่มี key")
        elif label in keys:
            say(f"{label}: key ซ้ำกับรายการที่ {keys[label]}")
        else:
            keys[label] = n
        for name in sorted(set(entry) - set(_FIELDS) - set(_OPTIONAL_FIELDS), key=str):
            say(f"{label}: ไม่รู้จักช่อง {name}")
        for name in _FIELDS[1:]:
            if name not in entry:
                say(f"{label}: ไม่มีช่อง {name}")
        for name in _TEXT_FIELDS:
            if name in entry and not (isinstance(entry[name], str) and entry[name].strip()):
                say(f"{label}: {name} ต้องเป็นข้อความที่ไม่ว่าง")

        indicator = entry.get("indicator")
        if "indicator" in entry and not (_is_int(indicator) and indicator in INDICATORS):
            say(f"{label}: ตัวชี้วัด {indicator!r} ต้องเป็นเลข 1–10")
            indicator = None
        issue = entry.get("issue")
        if "issue" in entry and not (_is_int(issue) and issue in valid_issues):
            say(f"{label}: ไม่มีประเด็นที่ {issue} ในประเด็นมาตรฐาน (มี {_span(valid_issues)})")

        years = _check_years(entry, label, say)
        codes = _check_codes(entry, label, indicator, say)
        if codes is not None and years is not None:
            if codes and not years:
                say(f"{label}: ต้องระบุปีงบประมาณ (years) ที่รหัสมีความหมายตามนี้")
            if not codes and _is_int(indicator):
                fallbacks.append((indicator, tuple(years), label))
            for code in codes:
                for year in years:
                    other = owner.get((code, year))
                    if other == label:
                        say(f"{label}: รหัส {code} ของปี {year} ซ้ำในรายการเดียวกัน")
                    elif other is not None:
                        say(f"{label}: รหัส {code} ของปี {year} มีอยู่แล้วในรายการ {other}")
                    else:
                        owner[(code, year)] = label

        _check_steps(entry, label, say)
        evidence = entry.get("evidence")
        if evidence is not None and (
            not isinstance(evidence, list)
            or not 1 <= len(evidence) <= 6
            or not all(isinstance(x, str) and x.strip() for x in evidence)
        ):
            say(f"{label}: evidence ต้องเป็นรายการหลักฐานที่ต้องเผยแพร่ 1–6 ข้อ")
        _check_monitoring(entry, label, say)
        _check_timeline(entry, label, say)

    for i, (ind, fb_years, fb_label) in enumerate(fallbacks):
        for ind2, years2, label2 in fallbacks[:i]:
            if ind == ind2 and (not fb_years or not years2 or set(fb_years) & set(years2)):
                problems.append(f"{fb_label}: ตัวชี้วัดที่ {ind} มีรายการสำรองแล้วคือ {label2}")
    if complete:
        covered = {ind for ind, _, _ in fallbacks}
        for ind in INDICATORS:
            if ind not in covered:
                problems.append(f"ยังไม่มีรายการสำรองระดับตัวชี้วัด (codes: []) ของตัวชี้วัดที่ {ind}")
    return problems


def _span(numbers: set[int]) -> str:
    ordered = sorted(numbers)
    if ordered and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(n) for n in ordered) or "ไม่มีเลย"


def _check_years(entry: Mapping[str, Any], label: str, say: Say) -> list[int] | None:
    years = entry.get("years")
    if "years" not in entry:
        return None
    if not isinstance(years, list):
        say(f"{label}: years ต้องเป็นรายการปี พ.ศ.")
        return None
    good = []
    for year in years:
        if _is_int(year) and MIN_YEAR <= year <= MAX_YEAR:
            good.append(year)
        else:
            say(f"{label}: ปี {year!r} ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2567)")
    for year in {y for y in good if good.count(y) > 1}:
        say(f"{label}: ปี {year} ซ้ำใน years")
    return _dedupe(good)


def _check_codes(
    entry: Mapping[str, Any], label: str, indicator: Any, say: Say
) -> list[str] | None:
    codes = entry.get("codes")
    if "codes" not in entry:
        return None
    if not isinstance(codes, list):
        say(f"{label}: codes ต้องเป็นรายการรหัส เช่น [i19, i20]")
        return None
    good = []
    for code in codes:
        if not (isinstance(code, str) and ita_codes.canonical_code(code) == code):
            say(f"{label}: รหัส {code!r} ต้องเป็นตัวพิมพ์เล็กแบบ i1–i30, e1–e15 หรือ o1, o2 …")
            continue
        good.append(code)
        expected = code_indicator(code)
        if code[0] != "o" and expected is None:
            say(f"{label}: ไม่มีข้อคำถาม {code} (IIT มี i1–i30, EIT มี e1–e15)")
        elif _is_int(indicator) and expected is not None and expected != indicator:
            say(f"{label}: รหัส {code} อยู่ในตัวชี้วัดที่ {expected} แต่รายการระบุตัวชี้วัดที่ {indicator}")
        elif _is_int(indicator) and code[0] == "o" and indicator not in (9, 10):
            say(f"{label}: รหัส OIT {code} ต้องอยู่ในตัวชี้วัดที่ 9 หรือ 10")
    return good


def _check_steps(entry: Mapping[str, Any], label: str, say: Say) -> None:
    steps = entry.get("steps")
    if "steps" not in entry:
        return
    if not isinstance(steps, list) or not steps:
        say(f"{label}: ไม่มีขั้นตอน/วิธีการ (steps ว่าง)")
        return
    if any(not (isinstance(s, str) and s.strip()) for s in steps):
        say(f"{label}: ขั้นตอนทุกข้อต้องเป็นข้อความที่ไม่ว่าง")
    if not MIN_STEPS <= len(steps) <= MAX_STEPS:
        say(f"{label}: ขั้นตอนควรมี {MIN_STEPS}–{MAX_STEPS} ข้อ (มี {len(steps)} ข้อ)")


def _month_problem(value: Any) -> bool:
    return not (_is_int(value) and value in MONTHS)


def _check_monitoring(entry: Mapping[str, Any], label: str, say: Say) -> None:
    steps = entry.get("monitoring")
    if "monitoring" not in entry:
        return
    if not isinstance(steps, list) or not MIN_MONITORING <= len(steps) <= MAX_MONITORING:
        count = len(steps) if isinstance(steps, list) else 0
        say(f"{label}: การกำกับติดตามต้องมี {MIN_MONITORING}–{MAX_MONITORING} ข้อ (มี {count} ข้อ)")
        if not isinstance(steps, list):
            return
    for n, step in enumerate(steps, start=1):
        if not isinstance(step, Mapping) or set(step) != {"text", "month"}:
            say(f"{label}: การกำกับติดตามข้อ {n} ต้องมี text และ month เท่านั้น")
            continue
        if not (isinstance(step["text"], str) and step["text"].strip()):
            say(f"{label}: การกำกับติดตามข้อ {n} ไม่มีข้อความ")
        if _month_problem(step["month"]):
            say(
                f"{label}: เดือน {step['month']!r} ของการกำกับติดตามข้อ {n} อยู่นอกช่วง 1–12 "
                "(1 = ตุลาคม … 12 = กันยายน)"
            )


def _check_timeline(entry: Mapping[str, Any], label: str, say: Say) -> None:
    timeline = entry.get("timeline")
    if "timeline" not in entry:
        return
    if not isinstance(timeline, Mapping) or set(timeline) != {"start_month", "end_month"}:
        say(f"{label}: timeline ต้องมี start_month และ end_month เท่านั้น")
        return
    start, end = timeline["start_month"], timeline["end_month"]
    bad = False
    for name, value in (("เริ่ม", start), ("สิ้นสุด", end)):
        if _month_problem(value):
            say(f"{label}: เดือน{name}ดำเนินการ {value!r} อยู่นอกช่วง 1–12 (1 = ตุลาคม … 12 = กันยายน)")
            bad = True
    if not bad and start > end:
        say(f"{label}: เดือนเริ่ม ({start}) อยู่หลังเดือนสิ้นสุด ({end})")


# --------------------------------------------------------------------------------------------
# Suggestions


def suggest(
    weak_codes: Sequence[str],
    year: int,
    weak_indicators: Sequence[int] = (),
    *,
    kb: Sequence[KbMeasure] | None = None,
    issues: Sequence[StandardIssue] | None = None,
) -> SuggestResult:
    """Measures for the weak question/item codes of the assessment of fiscal year `year`,
    grouped by standard issue (ordered by issue number).

    Codes are normalised ("I19" → "i19"); one measure per knowledge-base entry however many of
    its codes are weak. A weak indicator gets its fallback measure only when no code-level
    measure of that indicator was proposed. Codes with no entry for `year` come back in
    `unknown_codes`. `kb` and `issues` default to the shipped files.
    """
    measures = measure_kb() if kb is None else list(kb)
    issue_by_number = {i.number: i for i in (standard_issues() if issues is None else issues)}
    position = {m.key: n for n, m in enumerate(measures)}

    by_code: dict[str, KbMeasure] = {}
    for m in measures:
        if m.codes and m.applies_to(year):
            for code in m.codes:
                by_code.setdefault(code, m)

    chosen: dict[str, tuple[KbMeasure, list[str]]] = {}
    unknown: list[str] = []
    for code in _dedupe(normalise_code(c) for c in weak_codes):
        found = by_code.get(code)
        if found is None:
            unknown.append(code)
        else:
            chosen.setdefault(found.key, (found, []))[1].append(code)

    picked = sorted(chosen.values(), key=lambda pair: position[pair[0].key])
    covered = {m.indicator for m, _ in picked}
    for indicator in _dedupe(int(i) for i in weak_indicators):
        if indicator not in INDICATORS:
            raise ValueError(f"ตัวชี้วัดที่ {indicator} ไม่มีอยู่ (มี 1–10)")
        if indicator in covered:
            continue
        fallback = next(
            (
                m
                for m in measures
                if m.is_fallback and m.indicator == indicator and m.applies_to(year)
            ),
            None,
        )
        if fallback is not None and fallback.key not in chosen:
            picked.append((fallback, []))
            chosen[fallback.key] = (fallback, [])

    groups: dict[int, Suggestion] = {}
    for m, codes in picked:
        if m.issue not in issue_by_number:
            raise KnowledgeBaseError([f"{m.key}: ไม่มีประเด็นที่ {m.issue} ในประเด็นมาตรฐาน"])
        group = groups.setdefault(m.issue, Suggestion(issue=issue_by_number[m.issue]))
        group.measures.append(m)
        group.codes.append(sorted(codes, key=m.codes.index))
    return SuggestResult([groups[n] for n in sorted(groups)], unknown)
