"""The ITA score engine: pure functions on Decimal, no database.

- An answer scores 0/33/67/100 on the 4-level scale (100/67/33/0 when reverse-scored); a yes/no
  answer scores มี = 100, ไม่มี = 0 (reversed for bad-behaviour questions: มี = 0, ไม่มี = 100).
- A multi-part answer scores the mean of its sub-items; a question scores the mean over
  respondents; an indicator from its questions is their mean.
- An OIT item is all or nothing; a sub-indicator scores the share of its items that passed;
  an OIT indicator is the mean of its sub-indicators.
- A tool is the plain mean of its indicators; the overall score is the weighted sum of the tools
  (30/30/40), computed from the unrounded tool means.
- Every published value is rounded to 2 decimals, half up (97.366 → 97.37). Levels and the
  pass mark are judged on the rounded values, as published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

TWO_PLACES = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
FOUR_LEVEL_LABELS = ("น้อยที่สุดหรือไม่มีเลย", "น้อย", "มาก", "มากที่สุด")
FOUR_LEVEL_POINTS = (Decimal(0), Decimal(33), Decimal(67), Decimal(100))
YES, NO = "มี", "ไม่มี"


class ScoreError(ValueError):
    """A value the engine cannot use; the message is in Thai."""


def to_decimal(value: Any, what: str = "คะแนน") -> Decimal:
    """A Decimal from an int, a str ("95.63", Thai digits allowed) or a float (via its repr)."""
    if isinstance(value, bool) or value is None:
        raise ScoreError(f"{what}: ต้องเป็นตัวเลข")
    if isinstance(value, Decimal):
        result = value
    else:
        text = str(value).strip().translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ScoreError(f"{what}: “{value}” ไม่ใช่ตัวเลข") from None
    if not result.is_finite():
        raise ScoreError(f"{what}: ต้องเป็นตัวเลข")
    return result


def score_value(value: Any, what: str = "คะแนน") -> Decimal:
    """A score 0–100."""
    result = to_decimal(value, what)
    if not ZERO <= result <= HUNDRED:
        raise ScoreError(f"{what}: ต้องอยู่ระหว่าง 0 ถึง 100 (ได้ {value})")
    return result


def round2(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def mean(values: Iterable[Decimal]) -> Decimal:
    items = list(values)
    if not items:
        raise ScoreError("ไม่มีคะแนนให้หาค่าเฉลี่ย")
    return sum(items, ZERO) / Decimal(len(items))


# ---------------------------------------------------------------- the year's scheme


@dataclass(frozen=True)
class ToolSpec:
    code: str
    name_th: str
    weight: Decimal  # percent
    indicators: tuple[int, ...]


@dataclass(frozen=True)
class LevelRule:
    code: str
    label_th: str | None
    min_total: Decimal
    min_each_tool: Decimal | None = None

    @property
    def name(self) -> str:
        """What the level is called: the Thai label when it has one, else the code ("AA")."""
        return self.label_th or self.code


@dataclass(frozen=True)
class Scheme:
    year: int
    tools: tuple[ToolSpec, ...]
    levels: tuple[LevelRule, ...]
    pass_mark: Decimal
    indicator_names: Mapping[int, str] = field(default_factory=dict)

    @property
    def indicator_numbers(self) -> list[int]:
        return [n for tool in self.tools for n in tool.indicators]

    def tool_of(self, indicator: int) -> ToolSpec:
        for tool in self.tools:
            if indicator in tool.indicators:
                return tool
        raise ScoreError(f"ไม่มีตัวชี้วัดที่ {indicator} ในเกณฑ์ปี {self.year}")

    @classmethod
    def from_framework(cls, data: Mapping[str, Any]) -> Scheme:
        """The scheme of a framework file (already validated)."""
        tools = []
        for tool in data["tools"]:
            numbers = tuple(
                sorted(i["number"] for i in data["indicators"] if i["tool"] == tool["code"])
            )
            tools.append(
                ToolSpec(tool["code"], tool["name_th"], to_decimal(tool["weight"]), numbers)
            )
        levels = tuple(
            LevelRule(
                code=rule["code"],
                label_th=rule.get("label_th"),
                min_total=to_decimal(rule["min_total"]),
                min_each_tool=(
                    None if rule.get("min_each_tool") is None else to_decimal(rule["min_each_tool"])
                ),
            )
            for rule in data["levels"]["rules"]
        )
        return cls(
            year=int(data["year"]),
            tools=tuple(tools),
            levels=levels,
            pass_mark=to_decimal(data["levels"]["pass_mark"]),
            indicator_names={i["number"]: i["name_th"] for i in data["indicators"]},
        )


@dataclass(frozen=True)
class Score:
    overall: Decimal  # rounded, as published
    tools: dict[str, Decimal]  # rounded
    level: LevelRule
    passed: bool
    indicators: dict[int, Decimal] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "overall": float(self.overall),
            "tools": {code: float(value) for code, value in self.tools.items()},
            "level": self.level.name,
            "passed": self.passed,
        }


def level_for(scheme: Scheme, overall: Decimal, tools: Mapping[str, Decimal]) -> LevelRule:
    """The first level whose total (and, when it has one, every-tool) minimum is met."""
    overall = round2(overall)
    rounded = [round2(v) for v in tools.values()]
    for rule in scheme.levels:
        if overall < rule.min_total:
            continue
        if rule.min_each_tool is not None and any(v < rule.min_each_tool for v in rounded):
            continue
        return rule
    return scheme.levels[-1]


def passed(scheme: Scheme, overall: Decimal) -> bool:
    return round2(overall) >= scheme.pass_mark


def score_tools(scheme: Scheme, tool_means: Mapping[str, Decimal]) -> Score:
    """Score from the tools' (unrounded) means."""
    missing = [t.code for t in scheme.tools if t.code not in tool_means]
    if missing:
        raise ScoreError(f"ขาดคะแนนเครื่องมือ {', '.join(missing)}")
    overall = sum((tool_means[t.code] * t.weight / HUNDRED for t in scheme.tools), ZERO)
    rounded_tools = {t.code: round2(tool_means[t.code]) for t in scheme.tools}
    return Score(
        overall=round2(overall),
        tools=rounded_tools,
        level=level_for(scheme, overall, rounded_tools),
        passed=passed(scheme, overall),
    )


def score_indicators(scheme: Scheme, indicators: Mapping[int, Any] | Sequence[Any]) -> Score:
    """Score from the indicator scores: a mapping number → score, or a sequence in the order of
    the scheme's indicators (1, 2, …, 10)."""
    numbers = scheme.indicator_numbers
    if isinstance(indicators, Mapping):
        values = dict(indicators)
        missing = [n for n in numbers if n not in values]
        extra = [n for n in values if n not in numbers]
        if missing:
            raise ScoreError(
                f"ขาดคะแนนตัวชี้วัดที่ {', '.join(map(str, missing))} (ต้องมีครบ {len(numbers)} ตัว)"
            )
        if extra:
            raise ScoreError(f"ไม่มีตัวชี้วัดที่ {', '.join(map(str, extra))} ในเกณฑ์ปี {scheme.year}")
    else:
        if len(indicators) != len(numbers):
            raise ScoreError(
                f"ต้องมีคะแนนตัวชี้วัด {len(numbers)} ตัวตามเกณฑ์ปี {scheme.year} (ได้ {len(indicators)} ตัว)"
            )
        values = dict(zip(numbers, indicators, strict=True))
    scores = {n: score_value(values[n], f"ตัวชี้วัดที่ {n}") for n in numbers}
    tool_means = {t.code: mean(scores[n] for n in t.indicators) for t in scheme.tools}
    result = score_tools(scheme, tool_means)
    return Score(
        overall=result.overall,
        tools=result.tools,
        level=result.level,
        passed=result.passed,
        indicators=scores,
    )


# ---------------------------------------------------------------- questions and OIT items


def answer_points(answer_type: str, reverse: bool, answer: Any) -> Decimal:
    """The points of one answer to a four_level or yes_no question (or sub-item).

    four_level: the label ("มาก") or its index 0–3 (0 = น้อยที่สุดหรือไม่มีเลย).
    yes_no: "มี"/"ไม่มี" or True/False (True = มี).
    """
    if answer_type == "four_level":
        if isinstance(answer, str) and answer.strip() in FOUR_LEVEL_LABELS:
            index = FOUR_LEVEL_LABELS.index(answer.strip())
        elif isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= 3:
            index = answer
        else:
            raise ScoreError(f"คำตอบ “{answer}” ไม่ใช่คำตอบแบบ ๔ ระดับ")
        points = FOUR_LEVEL_POINTS[index]
        return HUNDRED - points if reverse else points
    if answer_type == "yes_no":
        if answer in (YES, True):
            yes = True
        elif answer in (NO, False):
            yes = False
        else:
            raise ScoreError(f"คำตอบ “{answer}” ต้องเป็น มี หรือ ไม่มี")
        return (ZERO if yes else HUNDRED) if reverse else (HUNDRED if yes else ZERO)
    raise ScoreError(f"ไม่รู้จักประเภทคำตอบ {answer_type!r}")


def response_points(question: Mapping[str, Any], response: Any) -> Decimal:
    """One respondent's points for a question; a multi_part response lists one answer per
    sub-item and scores their mean."""
    answer_type = question.get("answer_type")
    if answer_type == "multi_part":
        subs = question.get("sub_items") or []
        if not isinstance(response, Sequence) or isinstance(response, str):
            raise ScoreError("คำตอบข้อหลายส่วนต้องเป็นรายการคำตอบของแต่ละส่วน")
        if len(response) != len(subs):
            raise ScoreError(f"ข้อนี้มี {len(subs)} ส่วน แต่ได้คำตอบ {len(response)} ส่วน")
        return mean(
            answer_points(sub["answer_type"], bool(sub["reverse"]), answer)
            for sub, answer in zip(subs, response, strict=True)
        )
    if answer_type is None:
        raise ScoreError(f"ไม่ทราบประเภทคำตอบของข้อ {question.get('code', '')}")
    return answer_points(answer_type, bool(question.get("reverse")), response)


def question_score(question: Mapping[str, Any], responses: Iterable[Any]) -> Decimal:
    """A question's score: the mean over respondents, rounded to 2 decimals."""
    return round2(mean(response_points(question, r) for r in responses))


def indicator_from_questions(scores: Iterable[Any]) -> Decimal:
    """An IIT/EIT indicator from its question scores: their mean, rounded."""
    return round2(mean(score_value(s) for s in scores))


def oit_indicator_score(items: Iterable[tuple[str | None, bool]]) -> Decimal:
    """An OIT indicator from its items' results, given as (sub-indicator, passed) pairs.

    Each sub-indicator scores the percentage of its items that passed; the indicator is the mean
    of its sub-indicators. Items with no known sub-indicator form one group together.
    """
    groups: dict[str | None, list[bool]] = {}
    for sub, ok in items:
        groups.setdefault(sub, []).append(bool(ok))
    if not groups:
        raise ScoreError("ไม่มีผลรายการ OIT")
    return round2(mean(HUNDRED * sum(g) / len(g) for g in groups.values()))
