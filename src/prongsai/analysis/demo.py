"""Demo analysis: the demo agency looks at its FY2566 result with a threshold of 95 as well,
which finds the questions its real plan (seeds/000) worked on. The texts stay drafts."""

from __future__ import annotations

from decimal import Decimal

from prongsai.analysis.rules import Rules
from prongsai.analysis.services import analysis_rules_save
from prongsai.core.demo import DemoContext


def build_analysis(ctx: DemoContext) -> None:
    analysis_rules_save(ctx.objects["agency"], 2566, Rules(threshold=Decimal(95)))
