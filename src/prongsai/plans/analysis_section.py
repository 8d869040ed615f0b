"""The analysis section of the plan document (section 1 of real plans), from the analysis app."""

from __future__ import annotations

from prongsai.core import thai
from prongsai.documents.model import Block
from prongsai.plans.models import Plan


def analysis_blocks(plan: Plan, digits: thai.Digits) -> list[Block]:
    try:
        from prongsai.analysis.documents import analysis_section_blocks
    except ImportError:
        return []
    return analysis_section_blocks(plan.agency, plan.based_on_year, digits=digits)
