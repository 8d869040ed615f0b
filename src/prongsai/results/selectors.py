"""Reads: an agency's results, one year in detail (with flags), and several years side by side."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from prongsai.frameworks.models import Framework
from prongsai.frameworks.scoring import oit_indicator_score, round2
from prongsai.orgs.models import Agency
from prongsai.results.models import Result


def results_year_for_cycle(fiscal_year: int) -> int:
    """The assessment a fiscal year's cycle works from: the previous year's ITA result (results
    arrive at the end of a fiscal year; the next year's measures are built on them)."""
    return fiscal_year - 1


def agency_results(agency: Agency) -> QuerySet[Result]:
    return Result.objects.filter(agency=agency).order_by("year")


def result_for(agency: Agency, year: int) -> Result | None:
    return (
        Result.objects.select_related("framework")
        .prefetch_related("indicator_scores", "question_scores", "oit_results")
        .filter(agency=agency, year=year)
        .first()
    )


def latest_result(agency: Agency) -> Result | None:
    return Result.objects.filter(agency=agency).order_by("-year").first()


@dataclass(frozen=True)
class Mismatch:
    """An entered value that disagrees with the computed one."""

    what: str
    entered: str
    computed: str


@dataclass(frozen=True)
class ToolRow:
    code: str
    name_th: str
    weight: Decimal
    score: Decimal
    entered: Decimal | None
    indicators: list[IndicatorRow]

    @property
    def mismatch(self) -> bool:
        return self.entered is not None and self.entered != self.score


@dataclass(frozen=True)
class IndicatorRow:
    number: int
    name_th: str
    tool: str
    score: Decimal
    from_items: Decimal | None = None  # OIT: computed from the item results, when complete

    @property
    def mismatch(self) -> bool:
        return self.from_items is not None and self.from_items != self.score


@dataclass(frozen=True)
class QuestionRow:
    code: str
    text: str | None
    indicator: int
    tool: str
    score: Decimal


@dataclass(frozen=True)
class OitRow:
    code: str
    display_code: str
    title: str | None
    indicator: int | None
    group: str | None
    passed: bool | None


@dataclass(frozen=True)
class ResultView:
    result: Result
    framework: Framework
    tools: list[ToolRow]
    questions: list[QuestionRow]
    oit: list[OitRow]
    flags: list[Mismatch] = field(default_factory=list)

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [i for t in self.tools for i in t.indicators]

    @property
    def overall_mismatch(self) -> bool:
        r = self.result
        return r.entered_overall is not None and r.entered_overall != r.overall

    @property
    def level_mismatch(self) -> bool:
        return bool(self.result.entered_level) and self.result.entered_level != self.result.level


def result_view(result: Result) -> ResultView:
    """One year's result with the framework's names, and every entered value that disagrees
    with the computed one."""
    fw = result.framework
    scores = {s.number: s.score for s in result.indicator_scores.all()}
    items = list(fw.oit_items.select_related("indicator").order_by("order"))
    oit_passed = {o.code: o.passed for o in result.oit_results.all()}
    from_items: dict[int, Decimal] = {}
    for number in {i.indicator.number for i in items if i.indicator}:
        mine = [i for i in items if i.indicator and i.indicator.number == number]
        if mine and all(i.code in oit_passed for i in mine):
            from_items[number] = oit_indicator_score(
                (i.group_key, oit_passed[i.code]) for i in mine
            )
    tools = []
    for tool in fw.tools.order_by("order"):
        rows = [
            IndicatorRow(
                ind.number,
                ind.name_th,
                tool.code,
                scores.get(ind.number, Decimal(0)),
                from_items.get(ind.number),
            )
            for ind in fw.indicators.filter(tool=tool).order_by("number")
        ]
        entered = (result.entered_tools or {}).get(tool.code)
        tools.append(
            ToolRow(
                tool.code,
                tool.name_th,
                tool.weight,
                Decimal((result.tools or {}).get(tool.code, "0")),
                Decimal(entered) if entered is not None else None,
                rows,
            )
        )
    qtext = {
        q.code: (q.text, q.indicator.number, q.indicator.tool.code)
        for q in fw.questions.select_related("indicator__tool")
    }
    order = {
        code: i
        for i, code in enumerate(fw.questions.order_by("order").values_list("code", flat=True))
    }
    questions = [
        QuestionRow(q.code, *qtext.get(q.code, (None, 0, "")), score=q.score)
        for q in sorted(result.question_scores.all(), key=lambda q: order.get(q.code, 999))
    ]
    oit = [
        OitRow(
            i.code,
            fw.display_code(i.code),
            i.title,
            i.indicator.number if i.indicator else None,
            i.group_key,
            oit_passed.get(i.code),
        )
        for i in items
    ]
    view = ResultView(result, fw, tools, questions, oit)
    view.flags.extend(_flags(view))
    return view


def _flags(view: ResultView) -> list[Mismatch]:
    r = view.result
    flags = []
    if view.overall_mismatch:
        flags.append(Mismatch("คะแนนรวม", str(r.entered_overall), str(r.overall)))
    for t in view.tools:
        if t.mismatch:
            flags.append(Mismatch(f"คะแนน {t.code}", str(t.entered), str(t.score)))
    if view.level_mismatch:
        flags.append(Mismatch("ระดับ", r.entered_level, r.level))
    for ind in view.indicators:
        if ind.mismatch:
            flags.append(
                Mismatch(
                    f"ตัวชี้วัดที่ {ind.number} เทียบกับผลรายการ OIT",
                    str(ind.score),
                    str(ind.from_items),
                )
            )
    return flags


@dataclass(frozen=True)
class Comparison:
    """Several years side by side: rows (label, tool code or "", values per year)."""

    years: list[int]
    rows: list[tuple[str, str, list[Decimal | None]]]
    levels: list[str]
    ranks: list[str]
    flagged: list[bool]


def results_side_by_side(agency: Agency) -> Comparison:
    results = list(
        Result.objects.filter(agency=agency)
        .select_related("framework")
        .prefetch_related("indicator_scores")
        .order_by("year")
    )
    years = [r.year for r in results]
    names: dict[int, str] = {}
    tool_of: dict[int, str] = {}
    tool_names: dict[str, str] = {}
    for r in results:  # the latest year's names win
        for ind in r.framework.indicators.select_related("tool"):
            names[ind.number] = ind.name_th
            tool_of[ind.number] = ind.tool.code
            tool_names[ind.tool.code] = ind.tool.name_th
    rows: list[tuple[str, str, list[Decimal | None]]] = [
        (_("คะแนนรวม"), "", [r.overall for r in results])
    ]
    for code in dict.fromkeys(tool_of.values()):
        rows.append((f"{code} {tool_names[code]}", code, [_tool(r, code) for r in results]))
        for number in sorted(n for n, t in tool_of.items() if t == code):
            by_year = [
                next((s.score for s in r.indicator_scores.all() if s.number == number), None)
                for r in results
            ]
            rows.append((f"{number}. {names[number]}", "", by_year))
    return Comparison(
        years=years,
        rows=rows,
        levels=[r.level for r in results],
        ranks=[_rank(r) for r in results],
        flagged=[bool(_quick_flags(r)) for r in results],
    )


def _tool(result: Result, code: str) -> Decimal | None:
    value = (result.tools or {}).get(code)
    return Decimal(value) if value is not None else None


def _rank(result: Result) -> str:
    if not result.rank:
        return ""
    return f"{result.rank}" + (f"/{result.ranked_count}" if result.ranked_count else "")


def _quick_flags(result: Result) -> bool:
    if result.entered_overall is not None and round2(result.entered_overall) != result.overall:
        return True
    if result.entered_level and result.entered_level != result.level:
        return True
    return any(
        Decimal(v) != Decimal((result.tools or {}).get(k, "0"))
        for k, v in (result.entered_tools or {}).items()
    )
