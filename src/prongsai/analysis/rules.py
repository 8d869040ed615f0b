"""Which indicators and questions count as weak: pure, configurable rules.

- below the pass mark (85);
- the lowest in each tool (ties all count; a perfect 100 never counts);
- below the agency's own overall score;
- below a chosen threshold (e.g. 95).
An item is weak when any chosen rule holds; the reasons say which.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Rules:
    below_pass: bool = True
    lowest_in_tool: bool = True
    below_overall: bool = False
    threshold: Decimal | None = None
    questions: bool = True  # apply the rules to question scores too

    @property
    def any(self) -> bool:
        return (
            self.below_pass
            or self.lowest_in_tool
            or self.below_overall
            or self.threshold is not None
        )


@dataclass(frozen=True)
class Scored:
    key: Hashable
    tool: str
    score: Decimal


def _num(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def weak_reasons(
    items: Sequence[Scored], rules: Rules, *, pass_mark: Decimal, overall: Decimal
) -> dict[Hashable, list[str]]:
    """key → the reasons it is weak, for every weak item (in the items' order)."""
    lowest: dict[str, Decimal] = {}
    for item in items:
        lowest[item.tool] = min(lowest.get(item.tool, item.score), item.score)
    out: dict[Hashable, list[str]] = {}
    for item in items:
        reasons = []
        if rules.below_pass and item.score < pass_mark:
            reasons.append(_("ต่ำกว่าเกณฑ์ผ่าน %(mark)s") % {"mark": _num(pass_mark)})
        if rules.lowest_in_tool and item.score == lowest[item.tool] and item.score < HUNDRED:
            reasons.append(_("ต่ำสุดใน %(tool)s") % {"tool": item.tool})
        if rules.below_overall and item.score < overall:
            reasons.append(_("ต่ำกว่าคะแนนรวมของหน่วยงาน (%(overall)s)") % {"overall": _num(overall)})
        if rules.threshold is not None and item.score < rules.threshold:
            reasons.append(_("ต่ำกว่า %(score)s") % {"score": _num(rules.threshold)})
        if reasons:
            out[item.key] = reasons
    return out
