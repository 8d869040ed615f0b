"""Reads: lists for the handlers (never identity), counts and the O18 statistics (no content)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from prongsai.channels.models import CLOSED, Kind, Report
from prongsai.core import thai
from prongsai.orgs.models import Agency


def reports_for(
    agency: Agency, user: Any, *, corruption: bool, complaints: bool
) -> QuerySet[Report]:
    kinds = [k for k, on in ((Kind.CORRUPTION, corruption), (Kind.COMPLAINT, complaints)) if on]
    qs = Report.objects.filter(agency=agency, kind__in=kinds).only(
        "pk",
        "agency_id",
        "kind",
        "number",
        "fiscal_year",
        "category",
        "subject",
        "status",
        "created_at",
        "due_on",
        "replied_at",
        "closed_at",
    )
    return qs.exclude(kind=Kind.CORRUPTION, excluded=user).order_by("-created_at")


def without_receiver(agency: Agency) -> list[Report]:
    """Open corruption reports no current receiver may open: the admin must name another."""
    from prongsai.channels.models import Receiver
    from prongsai.orgs.models import Membership

    members = set(Membership.objects.filter(agency=agency).values_list("user_id", flat=True))
    receivers = {
        r
        for r in Receiver.objects.filter(agency=agency).values_list("user_id", flat=True)
        if r in members
    }
    out = []
    for report in (
        Report.objects.filter(agency=agency, kind=Kind.CORRUPTION)
        .exclude(status__in=CLOSED)
        .prefetch_related("excluded")
    ):
        if not receivers - {u.pk for u in report.excluded.all()}:
            out.append(report)
    return out


@dataclass(frozen=True)
class Counts:
    total: int
    open: int
    overdue: int


def counts(
    agency_ids: Iterable[int], *, year: int, kind: str = Kind.CORRUPTION
) -> dict[int, Counts]:
    """Per agency: cases of a fiscal year, still open, past their reply deadline. Nothing else."""
    today = timezone.localdate()
    rows = (
        Report.objects.filter(agency_id__in=list(agency_ids), fiscal_year=year, kind=kind)
        .values("agency_id")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=~Q(status__in=CLOSED)),
            late=Count(
                "pk", filter=~Q(status__in=CLOSED) & Q(replied_at__isnull=True, due_on__lt=today)
            ),
        )
    )
    return {r["agency_id"]: Counts(r["total"], r["open"], r["late"]) for r in rows}


@dataclass(frozen=True)
class StatsRow:
    label: str
    total: int
    done: int
    in_progress: int


@dataclass(frozen=True)
class Stats:
    agency: Agency
    year: int
    by: str
    kind: str
    rows: list[StatsRow]
    as_of: dt.date

    @property
    def total(self) -> StatsRow:
        return StatsRow(
            "รวม",
            sum(r.total for r in self.rows),
            sum(r.done for r in self.rows),
            sum(r.in_progress for r in self.rows),
        )

    @property
    def empty(self) -> bool:
        return self.total.total == 0


BY = ("month", "quarter", "half")


def _periods(year: int, by: str) -> list[tuple[str, thai.Period]]:
    if by == "quarter":
        quarters = [thai.quarter_period(year, q) for q in (1, 2, 3, 4)]
        return [
            (f"{thai.quarter_label(q)} ({p.months_label()})", p)
            for q, p in zip((1, 2, 3, 4), quarters, strict=True)
        ]
    if by == "half":
        whole = thai.fiscal_year_period(year)
        first = thai.half_year_period(year)
        second = thai.Period(first.end + dt.timedelta(days=1), whole.end)
        return [
            (f"ครึ่งปีแรก ({first.months_label()})", first),
            (f"ครึ่งปีหลัง ({second.months_label()})", second),
        ]
    whole = thai.fiscal_year_period(year)
    out = []
    day = whole.start
    while day <= whole.end:
        nxt = dt.date(day.year + (day.month // 12), day.month % 12 + 1, 1)
        out.append(
            (
                thai.digits(f"{thai.month_name(day.month)} {thai.be_year(day)}", "thai"),
                thai.Period(day, nxt - dt.timedelta(days=1)),
            )
        )
        day = nxt
    return out


def stats(agency: Agency, year: int, by: str = "month", kind: str = Kind.CORRUPTION) -> Stats:
    """The O18 table: cases received per period of the fiscal year, how many are finished
    (เสร็จสิ้น or ไม่รับเรื่อง) and how many still in progress, as of today."""
    if by not in BY:
        raise ValueError(f"by must be one of {BY}")
    dates = [
        (timezone.localtime(created).date(), status)
        for created, status in Report.objects.filter(
            agency=agency, kind=kind, fiscal_year=year
        ).values_list("created_at", "status")
    ]
    rows = []
    for label, period in _periods(year, by):
        inside = [s for d, s in dates if d in period]
        done = sum(1 for s in inside if s in CLOSED)
        rows.append(StatsRow(label, len(inside), done, len(inside) - done))
    return Stats(agency, year, by, kind, rows, timezone.localdate())
