"""The predicted OIT score of a register: pure functions over the score engine's own.

An item counts as passed when it is ready. The OIT tool score follows the framework: each
sub-indicator scores the percentage of its items that passed, an indicator the mean of its
sub-indicators, the tool the mean of its indicators (`scoring.oit_indicator_score`, `mean`).
When the year's split is not known the prediction says it is an estimate and how it was made:
items with an indicator but no sub-indicator are averaged flat within the indicator; when even
the indicator of some item is unknown, the tool score is the share of all items that passed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from prongsai.core.thai import local_digits
from prongsai.frameworks import scoring
from prongsai.frameworks.scoring import HUNDRED, Scheme, mean, oit_indicator_score, round2

EXACT, BY_INDICATOR, FLAT = "exact", "by_indicator", "flat"


@dataclass(frozen=True)
class ItemSpec:
    code: str
    indicator: int | None
    sub_indicator: str | None  # None: not known (averaged flat within the indicator)


@dataclass(frozen=True)
class Prediction:
    oit: Decimal  # rounded to 2 decimals
    oit_exact: Decimal  # unrounded, for the overall
    indicators: dict[int, Decimal]  # {} when the split between indicators is unknown
    method: str  # EXACT | BY_INDICATOR | FLAT
    overall: Decimal | None = None
    level: str | None = None
    passed: bool | None = None
    tools: dict[str, Decimal] = field(default_factory=dict)  # IIT/EIT used, OIT predicted

    @property
    def estimate(self) -> bool:
        return self.method != EXACT

    @property
    def method_text(self) -> str:
        if self.method == EXACT:
            return _(
                "คำนวณตามเกณฑ์ของปีนี้: ร้อยละของรายการที่พร้อมในแต่ละตัวชี้วัดย่อย "
                "→ ค่าเฉลี่ยของตัวชี้วัดย่อยเป็นคะแนนตัวชี้วัด → ค่าเฉลี่ยของตัวชี้วัดเป็นคะแนน OIT"
            )
        if self.method == BY_INDICATOR:
            return _(
                "เป็นค่าประมาณ: ไม่ทราบการแบ่งตัวชี้วัดย่อยของปีนี้ (หรือเป็นการอนุมาน) "
                "จึงคิดร้อยละของรายการที่พร้อมในแต่ละตัวชี้วัด โดยถือว่าทุกรายการมีน้ำหนักเท่ากัน "
                "แล้วเฉลี่ยตัวชี้วัดเป็นคะแนน OIT"
            )
        return local_digits(
            _(
                "เป็นค่าประมาณ: ไม่ทราบว่ารายการใดอยู่ในตัวชี้วัดที่ ๙ หรือ ๑๐ ของปีนี้ "
                "จึงคิดคะแนน OIT เป็นร้อยละของรายการที่พร้อมจากทุกรายการ โดยถือว่าทุกรายการมีน้ำหนักเท่ากัน"
            )
        )


def method_of(items: Sequence[ItemSpec]) -> str:
    if any(i.indicator is None for i in items):
        return FLAT
    if any(i.sub_indicator is None for i in items):
        return BY_INDICATOR
    return EXACT


def oit_score(items: Sequence[ItemSpec], ready: set[str]) -> tuple[Decimal, dict[int, Decimal]]:
    """The OIT tool score (unrounded mean of the indicators) and the indicator scores."""
    if not items:
        raise scoring.ScoreError("ไม่มีรายการ OIT ในเกณฑ์ของปีนี้")
    method = method_of(items)
    if method == FLAT:
        return HUNDRED * sum(1 for i in items if i.code in ready) / len(items), {}
    by_indicator: dict[int, list[tuple[str | None, bool]]] = {}
    for i in items:
        assert i.indicator is not None
        by_indicator.setdefault(i.indicator, []).append((i.sub_indicator, i.code in ready))
    indicators = {n: oit_indicator_score(pairs) for n, pairs in sorted(by_indicator.items())}
    return mean(indicators.values()), indicators


def predict(
    items: Sequence[ItemSpec],
    ready: set[str],
    *,
    scheme: Scheme | None = None,
    other_tools: Mapping[str, Decimal] | None = None,
) -> Prediction:
    """The predicted OIT score; with the scheme and the agency's last IIT/EIT scores (tool
    means), the overall score, level and pass too (what-if)."""
    value, indicators = oit_score(items, ready)
    overall = level = passed = None
    tools: dict[str, Decimal] = {}
    if scheme is not None and other_tools:
        oit_code = next((t.code for t in scheme.tools if set(t.indicators) & {9, 10}), "OIT")
        means = {**dict(other_tools), oit_code: value}
        try:
            score = scoring.score_tools(scheme, means)
        except scoring.ScoreError:
            pass
        else:
            overall, level, passed, tools = (
                score.overall,
                score.level.name,
                score.passed,
                dict(score.tools),
            )
    return Prediction(
        round2(value), value, indicators, method_of(items), overall, level, passed, tools
    )


@dataclass(frozen=True)
class Cost:
    oit: Decimal  # points of the OIT score the item costs while it is not ready
    overall: Decimal | None


def costs(
    items: Sequence[ItemSpec],
    ready: set[str],
    *,
    scheme: Scheme | None = None,
    other_tools: Mapping[str, Decimal] | None = None,
) -> dict[str, Cost]:
    """What each item that is not ready costs: the prediction with it ready minus without."""
    now = predict(items, ready, scheme=scheme, other_tools=other_tools)
    out = {}
    for item in items:
        if item.code in ready:
            continue
        then = predict(items, ready | {item.code}, scheme=scheme, other_tools=other_tools)
        overall = (
            then.overall - now.overall
            if then.overall is not None and now.overall is not None
            else None
        )
        out[item.code] = Cost(round2(then.oit_exact - now.oit_exact), overall)
    return out
