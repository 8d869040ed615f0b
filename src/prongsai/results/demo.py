"""Demo results. The demo agency's FY2566 indicators and rank are those of seeds/000 (a real
อบต. plan); its question scores, its FY2565 result and the second agency's results are our own
plausible numbers. FY2565 carries a hand-typed total that disagrees with the computed one, as
happens in real files, so the flag is visible in the demo."""

from __future__ import annotations

from decimal import Decimal

from prongsai.core.demo import DemoContext
from prongsai.frameworks.models import Framework
from prongsai.frameworks.scoring import round2
from prongsai.results.models import Result
from prongsai.results.services import ResultInput, result_save

D = Decimal

SEED_2566 = ["99.00", "95.63", "96.49", "93.63", "97.50", "95.88", "93.88", "94.55", "100", "100"]
OURS_2565 = [
    "96.12",
    "90.45",
    "93.20",
    "88.75",
    "91.30",
    "89.60",
    "86.40",
    "85.10",
    "92.50",
    "87.50",
]
LAEM_NGOP_2566 = [
    "92.10",
    "88.35",
    "94.02",
    "85.77",
    "89.90",
    "90.12",
    "84.60",
    "86.02",
    "97.78",
    "93.75",
]
LAEM_NGOP_2565 = [
    "90.05",
    "84.10",
    "91.48",
    "82.30",
    "86.65",
    "87.40",
    "80.25",
    "83.90",
    "89.50",
    "81.25",
]

# FY2566 question scores a little below the rest where seeds/000 found weaknesses (our numbers).
LOW_2566 = {
    "i7": "91.20",
    "i8": "88.40",
    "i19": "86.10",
    "i20": "88.90",
    "i21": "90.30",
    "i25": "94.20",
    "e4": "92.50",
    "e8": "89.60",
    "e10": "90.10",
    "e13": "88.70",
}


def _indicators(values: list[str]) -> dict[int, Decimal]:
    return {n: D(v) for n, v in enumerate(values, start=1)}


def question_scores(
    year: int, indicators: dict[int, Decimal], low: dict[str, str]
) -> dict[str, Decimal]:
    """Question scores whose mean per indicator equals the indicator score (to 2 decimals):
    the given low ones as they are, the others sharing what is left."""
    fw = Framework.objects.get(year=year)
    scores: dict[str, Decimal] = {}
    for number, target in indicators.items():
        codes = list(
            fw.questions.filter(indicator__number=number)
            .order_by("order")
            .values_list("code", flat=True)
        )
        if not codes:
            continue
        fixed = {c: D(low[c]) for c in codes if c in low}
        rest = [c for c in codes if c not in fixed]
        total = target * len(codes) - sum(fixed.values(), D(0))
        share = round2(total / len(rest)) if rest else D(0)
        for c in rest[:-1]:
            scores[c] = min(share, D(100))
        if rest:
            scores[rest[-1]] = min(D(100), total - sum((scores[c] for c in rest[:-1]), D(0)))
        scores.update(fixed)
    return scores


def build_results(ctx: DemoContext) -> None:
    demo, other = ctx.objects["agency"], ctx.objects["other_agency"]
    ind_2566 = _indicators(SEED_2566)
    fw_2566 = Framework.objects.get(year=2566)
    result_save(
        demo,
        ResultInput(
            year=2566,
            indicators=ind_2566,
            entered_overall=D("97.37"),
            entered_level="AA",
            rank=737,  # ของหน่วยงานประเภท อบต. (seeds/000); the number ranked is not known
            questions=question_scores(2566, ind_2566, LOW_2566),
            oit={code: True for code in fw_2566.oit_items.values_list("code", flat=True)},
        ),
        source=Result.Source.DEMO,
    )
    result_save(
        demo,
        ResultInput(
            year=2565,
            indicators=_indicators(OURS_2565),
            entered_overall=D("89.07"),  # typed by hand, digits swapped: the indicators give 89.70
            entered_tools={"OIT": D("90.00")},
        ),
        source=Result.Source.DEMO,
    )
    for year, values in ((2566, LAEM_NGOP_2566), (2565, LAEM_NGOP_2565)):
        result_save(
            other, ResultInput(year=year, indicators=_indicators(values)), source=Result.Source.DEMO
        )
