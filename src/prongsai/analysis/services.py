"""Writes: saving an agency's analysis of a year (rules, the officer's texts, constraints)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from prongsai.analysis.models import Analysis, AnalysisNote
from prongsai.analysis.rules import Rules
from prongsai.core.fields import LONG_TEXT
from prongsai.orgs.models import Agency


def _analysis(agency: Agency, year: int) -> Analysis:
    analysis, _ = Analysis.objects.select_for_update().get_or_create(agency=agency, year=year)
    return analysis


@transaction.atomic
def analysis_rules_save(agency: Agency, year: int, rules: Rules, *, user: Any = None) -> Analysis:
    analysis = _analysis(agency, year)
    analysis.rule_below_pass = rules.below_pass
    analysis.rule_lowest_in_tool = rules.lowest_in_tool
    analysis.rule_below_overall = rules.below_overall
    analysis.threshold = rules.threshold
    analysis.include_questions = rules.questions
    analysis.updated_by = user if getattr(user, "pk", None) else None
    analysis.save()
    return analysis


@transaction.atomic
def analysis_texts_save(
    agency: Agency,
    year: int,
    *,
    notes: dict[tuple[str, str], tuple[str, str]],
    constraints: str | None = None,
    user: Any = None,
) -> Analysis:
    """Keep the officer's texts: notes maps (kind, code) → (deficiency, development). Items not
    given keep what they had; `constraints` None leaves the constraints as they are."""
    analysis = _analysis(agency, year)
    for (kind, code), (deficiency, development) in notes.items():
        AnalysisNote.objects.update_or_create(
            analysis=analysis,
            kind=kind,
            code=code,
            defaults={"deficiency": deficiency.strip(), "development": development.strip()},
        )
    if constraints is not None:
        analysis.constraints = constraints.strip()[:LONG_TEXT]  # the page's textarea stops there
    analysis.updated_by = user if getattr(user, "pk", None) else None
    analysis.save()
    return analysis


@transaction.atomic
def analysis_note_reset(agency: Agency, year: int, kind: str, code: str) -> None:
    """Forget the officer's text of one item: the knowledge-base draft shows again."""
    AnalysisNote.objects.filter(
        analysis__agency=agency, analysis__year=year, kind=kind, code=code
    ).delete()
