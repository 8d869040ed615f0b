"""Reads of the feedback app: the public Q&A, the officers' queue, survey results, figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from prongsai.core import thai
from prongsai.feedback.models import Question, QuestionStatus, Rating, Service
from prongsai.orgs.models import Agency


def public_questions(agency: Agency) -> QuerySet[Question]:
    """Only answered questions, newest answer first: nothing else is ever public."""
    return Question.objects.filter(agency=agency, status=QuestionStatus.ANSWERED).order_by(
        "-answered_at", "-pk"
    )


def question_queue(agency: Agency, status: str = "") -> QuerySet[Question]:
    questions = Question.objects.filter(agency=agency)
    if status in QuestionStatus.values:
        questions = questions.filter(status=status)
    return questions.order_by("-asked_at", "-pk")


def status_counts(agency: Agency) -> dict[str, int]:
    counts = {s: 0 for s in QuestionStatus.values}
    for status in Question.objects.filter(agency=agency).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def active_services(agency: Agency) -> QuerySet[Service]:
    return Service.objects.filter(agency=agency, active=True)


def _local_day(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _period_bounds(period: thai.Period) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


@dataclass
class Cell:
    count: int = 0
    total: int = 0

    def add(self, score: int) -> None:
        self.count += 1
        self.total += score

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None

    @property
    def percent(self) -> float | None:
        """The mean as a percentage of the top score (5 = 100%)."""
        return self.total * 20 / self.count if self.count else None


@dataclass
class SurveyTable:
    fiscal_year: int
    months: list[dt.date]
    rows: list[tuple[Service, list[Cell], Cell]]
    by_month: list[Cell]
    overall: Cell
    distribution: dict[int, int] = field(default_factory=dict)

    @property
    def month_labels(self) -> list[str]:
        """ "ต.ค. ๖๘" for each month, in the page's digits."""
        return [
            f"{thai.month_name(m.month, abbr=True)} {thai.local_digits(thai.be_year(m) % 100)}"
            for m in self.months
        ]


def survey_table(
    agency: Agency, fiscal_year: int, period: thai.Period | None = None
) -> SurveyTable:
    """Ratings of the fiscal year (or `period` inside it) by service and month."""
    period = period or thai.fiscal_year_period(fiscal_year)
    months: list[dt.date] = []
    day = period.start.replace(day=1)
    while day <= period.end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    services = list(Service.objects.filter(agency=agency))
    cells = {s.pk: [Cell() for _ in months] for s in services}
    totals = {s.pk: Cell() for s in services}
    by_month = [Cell() for _ in months]
    overall = Cell()
    distribution = dict.fromkeys(range(1, 6), 0)
    start, end = _period_bounds(period)
    ratings = Rating.objects.filter(agency=agency, at__gte=start, at__lt=end)
    for service_id, score, at in ratings.values_list("service_id", "score", "at"):
        local = _local_day(at)
        i = index.get((local.year, local.month))
        if i is None or service_id not in cells:
            continue
        cells[service_id][i].add(score)
        totals[service_id].add(score)
        by_month[i].add(score)
        overall.add(score)
        distribution[score] = distribution.get(score, 0) + 1
    rows = [(s, cells[s.pk], totals[s.pk]) for s in services if s.active or totals[s.pk].count]
    return SurveyTable(fiscal_year, months, rows, by_month, overall, distribution)


@dataclass(frozen=True)
class QaFigures:
    asked: int
    answered: int
    waiting: int
    median_days: float | None


def qa_figures(agency: Agency, period: thai.Period) -> QaFigures:
    start, end = _period_bounds(period)
    asked = Question.objects.filter(agency=agency, asked_at__gte=start, asked_at__lt=end).exclude(
        status__in=[QuestionStatus.HELD, QuestionStatus.REJECTED]
    )
    answered = [
        (a - q).total_seconds() / 86400
        for q, a in asked.filter(status=QuestionStatus.ANSWERED).values_list(
            "asked_at", "answered_at"
        )
        if a is not None
    ]
    answered.sort()
    median = None
    if answered:
        mid = len(answered) // 2
        median = answered[mid] if len(answered) % 2 else (answered[mid - 1] + answered[mid]) / 2
    total = asked.count()
    return QaFigures(total, len(answered), total - len(answered), median)


def recent_comments(agency: Agency, fiscal_year: int, limit: int = 50) -> list[Rating]:
    """The newest ratings of the year that carry a comment (officers only)."""
    start, end = _period_bounds(thai.fiscal_year_period(fiscal_year))
    ratings = Rating.objects.filter(agency=agency, at__gte=start, at__lt=end).exclude(comment="")
    return list(ratings.select_related("service").order_by("-at", "-pk")[:limit])
