"""Reads for the oversight table: every agency of an area with its result, plan, reports and late
measures, as one query (joins and correlated subqueries, never a query per agency)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import AGENCY_TYPE_SHORT, Agency, AgencyType
from prongsai.oversight.filters import PAGE_SIZE, Filters, as_of, months_due
from prongsai.oversight.scope import Scope
from prongsai.plans.models import Measure, Plan
from prongsai.progress.models import Action, Period, ProgressReport
from prongsai.results.models import Result

PLAN_LABELS = {None: _("ยังไม่มี"), "draft": _("ร่าง"), "approved": _("อนุมัติแล้ว")}
REPORT_LABELS = {None: _("ยังไม่เริ่ม"), "draft": _("ร่าง"), "final": _("สรุปแล้ว")}
TOOLS = ("IIT", "EIT", "OIT")


def result_years() -> list[int]:
    return sorted(Result.objects.order_by().values_list("year", flat=True).distinct())


def _late_count(fy: int, plan_ref: str) -> Subquery:
    """Measures of the plan planned to end by the as-of date and not completed by then."""
    on = as_of(fy)
    done = Action.objects.filter(measure=OuterRef("pk"), completes=True, date__lte=on)
    late = (
        Measure.objects.filter(issue__plan=OuterRef(plan_ref), end_month__lte=months_due(fy, on))
        .filter(~Exists(done))
        .order_by()
        .values("issue__plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(late[:1], output_field=IntegerField())


def _report_state(period: str) -> Subquery:
    return Subquery(
        ProgressReport.objects.filter(plan=OuterRef("plan_id"), period=period).values("state")[:1]
    )


def agency_rows(scope: Scope, f: Filters) -> QuerySet[Agency]:
    """The agencies of the area with their figures, filtered and sorted as asked."""
    qs: QuerySet[Any] = (
        Agency.objects.filter(**f.population(scope))
        .select_related("district__province")
        .annotate(
            cur=FilteredRelation("ita_results", condition=Q(ita_results__year=f.year)),
            prev=FilteredRelation("ita_results", condition=Q(ita_results__year=f.year - 1)),
            pl=FilteredRelation("plans", condition=Q(plans__fiscal_year=f.plan_year)),
        )
        .annotate(
            overall=F("cur__overall"),
            level=F("cur__level"),
            passed=F("cur__passed"),
            tools=F("cur__tools"),
            national_rank=F("cur__rank"),
            ranked_count=F("cur__ranked_count"),
            prev_overall=F("prev__overall"),
            change=F("cur__overall") - F("prev__overall"),
            plan_id=F("pl__id"),
            plan_status=F("pl__status"),
            findings=F("pl__open_findings"),
        )
        .annotate(
            half=_report_state(Period.HALF),
            annual=_report_state(Period.YEAR),
            late=_late_count(f.plan_year, "plan_id"),
        )
    )
    if f.level:
        qs = qs.filter(level=f.level)
    if f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(code=f.q) | Q(slug=f.q))
    qs = _state_filter(qs, f.state)
    return qs.order_by(*_ordering(f))


def _state_filter(qs: QuerySet[Agency], state: str) -> QuerySet[Agency]:
    final = ProgressReport.State.FINALISED
    conditions = {
        "no_result": Q(overall__isnull=True),
        "failed": Q(passed=False),
        "plan_none": Q(plan_id__isnull=True),
        "plan_draft": Q(plan_status=Plan.Status.DRAFT),
        "plan_approved": Q(plan_status=Plan.Status.APPROVED),
        "findings": Q(findings__gt=0),
        "late": Q(late__gt=0),
        "half_missing": Q(half__isnull=True) | ~Q(half=final),
        "half_final": Q(half=final),
        "year_missing": Q(annual__isnull=True) | ~Q(annual=final),
        "year_final": Q(annual=final),
    }
    return qs.filter(conditions[state]) if state in conditions else qs


def _ordering(f: Filters) -> list[Any]:
    key, desc = f.sort_key, f.descending
    area = ["district__province__name", "district__name", "name", "pk"]

    def by(expr: Any) -> list[Any]:
        e = F(expr) if isinstance(expr, str) else expr
        return [e.desc(nulls_last=True) if desc else e.asc(nulls_last=True), *area]

    if key == "name":
        return ["-name", "pk"] if desc else ["name", "pk"]
    if key == "area":
        return [f"-{a}" for a in area] if desc else area
    if key == "rank":
        return by("national_rank")
    if key in ("half", "year"):
        field = "half" if key == "half" else "annual"
        return by(
            Case(
                When(**{field: ProgressReport.State.FINALISED}, then=2),
                When(**{field: ProgressReport.State.DRAFT}, then=1),
                When(plan_id__isnull=False, then=0),
                default=None,
                output_field=IntegerField(),
            )
        )
    if key == "plan":
        return by(
            Case(
                When(plan_status=Plan.Status.APPROVED, then=2),
                When(plan_status=Plan.Status.DRAFT, then=1),
                default=0,
                output_field=IntegerField(),
            )
        )
    return by(key)


@dataclass
class Row:
    """One agency's line in the table and in the exports (same values in both)."""

    agency: Agency
    overall: Decimal | None
    level: str
    passed: bool | None
    tools: dict[str, Decimal | None]
    prev_overall: Decimal | None
    change: Decimal | None
    area_rank: int | None
    national_rank: int | None
    ranked_count: int | None
    plan_status: str | None
    findings: int | None
    half: str | None
    annual: str | None
    late: int | None

    @property
    def type_label(self) -> str:
        return str(AgencyType(self.agency.type).label)

    @property
    def short_type(self) -> str:
        return AGENCY_TYPE_SHORT[AgencyType(self.agency.type)] or "อื่น ๆ"

    @property
    def plan_label(self) -> str:
        return str(PLAN_LABELS.get(self.plan_status, self.plan_status))

    @property
    def half_label(self) -> str:
        return str(REPORT_LABELS.get(self.half, self.half)) if self.plan_status else "—"

    @property
    def annual_label(self) -> str:
        return str(REPORT_LABELS.get(self.annual, self.annual)) if self.plan_status else "—"


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value))


def to_row(a: Any, ranks: AreaRanks) -> Row:
    tools = a.tools or {}
    overall = _decimal(a.overall)
    change = _decimal(a.change)
    return Row(
        agency=a,
        overall=overall,
        level=a.level or "",
        passed=a.passed,
        tools={t: _decimal(tools.get(t)) for t in TOOLS},
        prev_overall=_decimal(a.prev_overall),
        change=change.quantize(Decimal("0.01")) if change is not None else None,
        area_rank=ranks.rank(overall),
        national_rank=a.national_rank,
        ranked_count=a.ranked_count,
        plan_status=a.plan_status,
        findings=a.findings,
        half=a.half,
        annual=a.annual,
        late=(a.late or 0) if a.plan_id else None,
    )


class AreaRanks:
    """Competition ranking (1, 2, 2, 4 …) by overall score among the area's agencies."""

    def __init__(self, scores: Sequence[float], *, negated_sorted: bool = False) -> None:
        self.desc: Sequence[float] = scores if negated_sorted else sorted(-s for s in scores)
        self.count = len(scores)

    def rank(self, overall: Decimal | None) -> int | None:
        if overall is None:
            return None
        return bisect.bisect_left(self.desc, -float(overall)) + 1


def area_ranks(scope: Scope, f: Filters) -> AreaRanks:
    scores = Result.objects.filter(year=f.year, **f.population(scope, "agency__")).values_list(
        "overall", flat=True
    )
    return AreaRanks([float(s) for s in scores])


class _Counted(Paginator):
    """A paginator told its count (the area's agencies are counted with its figures)."""

    def __init__(self, items: Any, per_page: int, count: int) -> None:
        super().__init__(items, per_page)
        self._known = count

    @cached_property
    def count(self) -> int:
        return self._known


def page_of_rows(
    scope: Scope, f: Filters, ranks: AreaRanks, count: int | None = None
) -> tuple[Page[Any], list[Row]]:
    """One page of the table; `count` saves counting when the table is the whole area."""
    rows = agency_rows(scope, f)
    paginator = Paginator(rows, PAGE_SIZE) if count is None else _Counted(rows, PAGE_SIZE, count)
    page = paginator.get_page(f.page)
    return page, [to_row(a, ranks) for a in page.object_list]


def all_rows(scope: Scope, f: Filters, ranks: AreaRanks) -> list[Row]:
    return [to_row(a, ranks) for a in agency_rows(scope, f).iterator(chunk_size=2000)]
