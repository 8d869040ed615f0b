"""Reads of the registers (never writes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from prongsai.orgs.models import Agency
from prongsai.registers.models import (
    Asset,
    Event,
    Gift,
    Loan,
    LoanItem,
    LoanStatus,
    NoGiftPolicy,
    Publication,
    Risk,
)


def today() -> dt.date:
    return timezone.localdate()


def policy_for(agency: Agency, year: int) -> NoGiftPolicy | None:
    return NoGiftPolicy.objects.filter(agency=agency, fiscal_year=year).first()


def gifts(agency: Agency, year: int) -> list[Gift]:
    return list(Gift.objects.filter(agency=agency, fiscal_year=year))


def loans(agency: Agency, year: int) -> list[Loan]:
    return list(
        Loan.objects.filter(agency=agency, fiscal_year=year).prefetch_related("rows__asset")
    )


def assets(agency: Agency) -> list[Asset]:
    return list(Asset.objects.filter(agency=agency))


def asset_loans(asset: Asset) -> list[LoanItem]:
    """Every loan row of an asset, the latest loan first (its borrowing history)."""
    return list(
        LoanItem.objects.filter(asset=asset)
        .select_related("loan")
        .order_by("-loan__starts_on", "-pk")[:200]
    )


def events(agency: Agency, year: int, kind: str) -> list[Event]:
    return list(
        Event.objects.filter(agency=agency, fiscal_year=year, kind=kind).prefetch_related(
            "files", "groups"
        )
    )


def risks(agency: Agency, year: int) -> list[Risk]:
    return list(Risk.objects.filter(agency=agency, fiscal_year=year))


def publications(agency: Agency, year: int | None = None) -> list[Publication]:
    query = Publication.objects.filter(agency=agency).exclude(copy_path="")
    if year is not None:
        query = query.filter(fiscal_year=year)
    return list(query)


def current_publications(agency: Agency, year: int) -> dict[str, Publication]:
    """The newest publication of each kind."""
    newest: dict[str, Publication] = {}
    for p in publications(agency, year):  # newest first
        newest.setdefault(p.kind, p)
    return newest


@dataclass
class Overview:
    gifts: int
    gifts_overdue: int
    gifts_to_report: int
    loans: int
    loans_waiting: int
    loans_out: int
    loans_overdue: int
    ethics: int
    participation: int
    risks: int
    risks_high: int

    @property
    def attention(self) -> int:
        return self.gifts_overdue + self.loans_overdue + self.loans_waiting


def overview(agency: Agency, year: int) -> Overview:
    day = today()
    g = gifts(agency, year)
    loan_list = loans(agency, year)
    r = risks(agency, year)
    counts: dict[str, Any] = {
        k: Event.objects.filter(agency=agency, fiscal_year=year, kind=k).count()
        for k in ("ethics", "participation")
    }
    return Overview(
        gifts=len(g),
        gifts_overdue=sum(1 for x in g if x.overdue(day)),
        gifts_to_report=sum(1 for x in g if x.must_report and x.reported_on is None),
        loans=len(loan_list),
        loans_waiting=sum(1 for x in loan_list if x.status == LoanStatus.REQUESTED),
        loans_out=sum(1 for x in loan_list if x.status == LoanStatus.APPROVED),
        loans_overdue=sum(1 for x in loan_list if x.overdue(day)),
        ethics=counts["ethics"],
        participation=counts["participation"],
        risks=len(r),
        risks_high=sum(1 for x in r if x.score >= 10),
    )


def overdue_loans(day: dt.date | None = None) -> list[Loan]:
    """Every agency's approved loans past their due date (the reminder command)."""
    day = day or today()
    return list(
        Loan.objects.filter(status=LoanStatus.APPROVED, due_on__lt=day)
        .select_related("agency")
        .prefetch_related("rows__asset")
        .order_by("agency__slug", "due_on")
    )
