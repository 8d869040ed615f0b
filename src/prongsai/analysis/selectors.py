"""Reads: the analysis of an agency's ITA result for a year (`analysis_for`), for the analysis
page, the plan (its suggested measures) and the documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from prongsai.analysis import knowledge
from prongsai.analysis.models import Analysis, AnalysisNote
from prongsai.analysis.rules import Rules, Scored, weak_reasons
from prongsai.frameworks.models import Question
from prongsai.orgs.models import Agency
from prongsai.results.models import Result


@dataclass(frozen=True)
class WeakItem:
    """A weak indicator or question, with why, and its texts (saved, else the draft)."""

    kind: str  # "indicator" | "question" | "oit"
    code: str  # "4" | "i19" | "o25"
    label: str  # "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ" | "i19"
    text: str | None  # the indicator's name or the question's text (None: not known)
    indicator: int
    tool: str
    score: Decimal
    reasons: tuple[str, ...]
    deficiency: str
    development: str
    edited: bool  # the officer's saved text (else the knowledge-base draft)
    draft_source: str  # "question" | "indicator" (where the draft came from)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code}"


@dataclass(frozen=True)
class IndicatorRow:
    number: int
    name_th: str
    score: Decimal
    previous: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.score - self.previous


@dataclass(frozen=True)
class ToolAnalysis:
    code: str
    name_th: str
    weight: Decimal
    score: Decimal
    previous: Decimal | None
    indicators: tuple[IndicatorRow, ...]
    weak_indicators: tuple[WeakItem, ...]
    weak_questions: tuple[WeakItem, ...]
    weak_oit: tuple[WeakItem, ...] = ()  # failed OIT items (all or nothing)

    @property
    def weak(self) -> tuple[WeakItem, ...]:
        return self.weak_indicators + self.weak_questions + self.weak_oit

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.score - self.previous


@dataclass(frozen=True)
class TrendPoint:
    year: int
    overall: Decimal
    tools: dict[str, Decimal]
    indicators: dict[int, Decimal]
    level: str


@dataclass(frozen=True)
class Trend:
    """The agency's results up to the year, oldest first."""

    points: tuple[TrendPoint, ...]

    @property
    def previous(self) -> TrendPoint | None:
        return self.points[-2] if len(self.points) > 1 else None

    @property
    def change(self) -> Decimal | None:
        if len(self.points) < 2:
            return None
        return self.points[-1].overall - self.points[-2].overall


@dataclass(frozen=True)
class AnalysisResult:
    """Everything the analysis of one year's result says.

    scores: `overall`, `level`, `passed`, `pass_mark`, `rank`, `ranked_count` and, per tool,
    `tools[i].score` and its `indicators` (with last year's score for comparison);
    weak items per tool (`tools[i].weak_indicators`, `tools[i].weak_questions`), each with the
    reasons, the question text and the deficiency / development texts — the officer's saved
    ones (`edited`) or the knowledge-base drafts; `constraints` (saved, else the draft);
    `trend` over the agency's earlier years; `rules` as chosen (defaults until saved);
    `weak_codes` / `weak_indicators` for the plan's suggestions.
    """

    agency: Agency
    year: int
    overall: Decimal
    level: str
    passed: bool
    pass_mark: Decimal
    rank: int | None
    ranked_count: int | None
    tools: tuple[ToolAnalysis, ...]
    rules: Rules
    constraints: str
    constraints_edited: bool
    trend: Trend
    saved: bool
    no_weakness_text: str = field(default_factory=knowledge.tool_without_weakness)

    @property
    def weak_items(self) -> list[WeakItem]:
        return [item for tool in self.tools for item in tool.weak]

    @property
    def weak_codes(self) -> list[str]:
        """Codes of the weak questions and the failed OIT items, in the framework's order."""
        return [i.code for t in self.tools for i in t.weak_questions + t.weak_oit]

    @property
    def weak_indicators(self) -> list[int]:
        return [i.indicator for t in self.tools for i in t.weak_indicators]


def rules_of(analysis: Analysis | None) -> Rules:
    if analysis is None:
        return Rules()
    return Rules(
        below_pass=analysis.rule_below_pass,
        lowest_in_tool=analysis.rule_lowest_in_tool,
        below_overall=analysis.rule_below_overall,
        threshold=analysis.threshold,
        questions=analysis.include_questions,
    )


def analysis_for(agency: Agency, year: int, rules: Rules | None = None) -> AnalysisResult | None:
    """The analysis of the agency's result for `year`; None when there is no result that year.

    `rules` overrides the saved rules (to preview other rules without saving).
    """
    result = (
        Result.objects.select_related("framework")
        .prefetch_related("indicator_scores", "question_scores", "oit_results")
        .filter(agency=agency, year=year)
        .first()
    )
    if result is None:
        return None
    saved = Analysis.objects.filter(agency=agency, year=year).first()
    rules = rules or rules_of(saved)
    notes = {(n.kind, n.code): n for n in saved.notes.all()} if saved else {}
    trend = _trend(agency, year)
    previous = trend.previous
    fw = result.framework
    scores = {s.number: s.score for s in result.indicator_scores.all()}
    names = {i.number: (i.name_th, i.tool.code) for i in fw.indicators.select_related("tool")}
    questions = {
        q.code: q for q in fw.questions.select_related("indicator__tool").order_by("order")
    }
    qscores = sorted(
        result.question_scores.all(),
        key=lambda q: list(questions).index(q.code) if q.code in questions else 999,
    )
    ind_items = [Scored(n, names[n][1], s) for n, s in sorted(scores.items()) if n in names]
    q_items = [
        Scored(q.code, questions[q.code].indicator.tool.code, q.score)
        for q in qscores
        if q.code in questions
    ]
    ind_weak = weak_reasons(ind_items, rules, pass_mark=fw.pass_mark, overall=result.overall)
    q_weak = (
        weak_reasons(q_items, rules, pass_mark=fw.pass_mark, overall=result.overall)
        if rules.questions
        else {}
    )
    failed_oit = _failed_oit_items(result, notes)
    tools = []
    for tool in fw.tools.order_by("order"):
        rows = tuple(
            IndicatorRow(
                n, names[n][0], scores[n], previous.indicators.get(n) if previous else None
            )
            for n in sorted(scores)
            if n in names and names[n][1] == tool.code
        )
        weak_inds = tuple(
            _indicator_item(fw.year, row, tool.code, ind_weak[row.number], notes)
            for row in rows
            if row.number in ind_weak
        )
        weak_qs = tuple(
            _question_item(fw.year, questions[s.key], s.score, q_weak[s.key], notes)  # type: ignore[index]
            for s in q_items
            if s.tool == tool.code and s.key in q_weak
        )
        tools.append(
            ToolAnalysis(
                tool.code,
                tool.name_th,
                tool.weight,
                Decimal((result.tools or {}).get(tool.code, "0")),
                previous.tools.get(tool.code) if previous else None,
                rows,
                weak_inds,
                weak_qs,
                tuple(i for i in failed_oit if i.tool == tool.code),
            )
        )
    constraints_edited = bool(saved and saved.constraints.strip())
    return AnalysisResult(
        agency=agency,
        year=year,
        overall=result.overall,
        level=result.level,
        passed=result.passed,
        pass_mark=fw.pass_mark,
        rank=result.rank,
        ranked_count=result.ranked_count,
        tools=tuple(tools),
        rules=rules,
        constraints=saved.constraints
        if saved and constraints_edited
        else knowledge.constraints_draft(),
        constraints_edited=constraints_edited,
        trend=trend,
        saved=saved is not None,
    )


def _indicator_item(
    year: int,
    row: IndicatorRow,
    tool: str,
    reasons: list[str],
    notes: dict[tuple[str, str], AnalysisNote],
) -> WeakItem:
    draft = knowledge.indicator_draft(row.number)
    note = notes.get((AnalysisNote.Kind.INDICATOR, str(row.number)))
    return WeakItem(
        kind="indicator",
        code=str(row.number),
        label=_("ตัวชี้วัดที่ %(number)s %(name)s") % {"number": row.number, "name": row.name_th},
        text=row.name_th,
        indicator=row.number,
        tool=tool,
        score=row.score,
        reasons=tuple(reasons),
        deficiency=note.deficiency if note else draft.deficiency,
        development=note.development if note else draft.development,
        edited=note is not None,
        draft_source=draft.source,
    )


def _question_item(
    year: int,
    question: Question,
    score: Decimal,
    reasons: list[str],
    notes: dict[tuple[str, str], AnalysisNote],
) -> WeakItem:
    code = question.code
    indicator = question.indicator.number
    draft = knowledge.question_draft(code, year, indicator)
    note = notes.get((AnalysisNote.Kind.QUESTION, code))
    return WeakItem(
        kind="question",
        code=code,
        label=_("ข้อ %(code)s") % {"code": code},
        text=question.text,
        indicator=indicator,
        tool=question.indicator.tool.code,
        score=score,
        reasons=tuple(reasons),
        deficiency=note.deficiency if note else draft.deficiency,
        development=note.development if note else draft.development,
        edited=note is not None,
        draft_source=draft.source,
    )


def _failed_oit_items(result: Result, notes: dict[tuple[str, str], AnalysisNote]) -> list[WeakItem]:
    """The OIT items the result says failed, in the framework's order. The rule is fixed: an
    OIT item scores all or nothing, so every failed item is a weakness (it scored 0)."""
    from prongsai.plans.knowledge import measure_kb

    failed = {r.code for r in result.oit_results.all() if not r.passed}
    if not failed:
        return []
    fw = result.framework
    evidence = {
        code: m.evidence
        for m in measure_kb()
        if m.evidence and fw.year in m.years
        for code in m.codes
    }
    oit_tool = fw.tools.filter(indicators__number__in=[9, 10]).values_list("code", flat=True)
    tool_code = next(iter(oit_tool), "OIT")
    items = []
    for item in fw.oit_items.select_related("indicator").order_by("order"):
        if item.code not in failed:
            continue
        shown = fw.display_code(item.code)
        draft = knowledge.oit_draft(
            shown, item.title, fw.year, item.period, evidence.get(item.code, ())
        )
        note = notes.get((AnalysisNote.Kind.OIT, item.code))
        items.append(
            WeakItem(
                kind="oit",
                code=item.code,
                label=_("ข้อ %(code)s") % {"code": shown},
                text=item.title,
                indicator=item.indicator.number if item.indicator else 0,
                tool=tool_code,
                score=Decimal(0),
                reasons=(_("ไม่ผ่านในผลการตรวจ OIT (รายการ OIT ได้คะแนนทั้งหมดหรือไม่ได้เลย)"),),
                deficiency=note.deficiency if note else draft.deficiency,
                development=note.development if note else draft.development,
                edited=note is not None,
                draft_source=draft.source,
            )
        )
    return items


def _trend(agency: Agency, year: int) -> Trend:
    results = (
        Result.objects.filter(agency=agency, year__lte=year)
        .prefetch_related("indicator_scores")
        .order_by("year")
    )
    return Trend(
        tuple(
            TrendPoint(
                r.year,
                r.overall,
                {k: Decimal(v) for k, v in (r.tools or {}).items()},
                {s.number: s.score for s in r.indicator_scores.all()},
                r.level,
            )
            for r in results
        )
    )


def analysis_years(agency: Agency) -> list[int]:
    """The years the agency has results for (each can be analysed)."""
    return list(
        Result.objects.filter(agency=agency).order_by("year").values_list("year", flat=True)
    )
