"""Reads of the สขร. ๑ registers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from prongsai.orgs.models import Agency
from prongsai.procurement.documents import MonthData, month_data, quarter_months
from prongsai.procurement.models import FISCAL_MONTHS, MonthEvent, ProcurementMonth


@dataclass(frozen=True)
class MonthRow:
    month: int
    register: ProcurementMonth | None
    entries: int
    total: Decimal
    closed_event: MonthEvent | None

    @property
    def recorded(self) -> bool:
        return self.register is not None and (self.register.nil or self.entries > 0)


def year_months(agency: Agency, fiscal_year: int) -> list[MonthRow]:
    """The twelve months of the fiscal year, October first, with what each holds."""
    registers = {
        r.month: r
        for r in ProcurementMonth.objects.filter(agency=agency, fiscal_year=fiscal_year).annotate(
            n=Count("entries"), total=Sum("entries__budget")
        )
    }
    closings = latest_closings(agency, fiscal_year)
    return [
        MonthRow(
            month,
            registers.get(month),
            getattr(registers.get(month), "n", 0),
            getattr(registers.get(month), "total", None) or Decimal(0),
            closings.get(month),
        )
        for month in FISCAL_MONTHS
    ]


def latest_closings(agency: Agency, fiscal_year: int) -> dict[int, MonthEvent]:
    out: dict[int, MonthEvent] = {}
    events = MonthEvent.objects.filter(
        register__agency=agency,
        register__fiscal_year=fiscal_year,
        action=MonthEvent.Action.CLOSED,
    ).select_related("register")
    for event in events.order_by("at", "pk"):
        out[event.register.month] = event
    return out


def months_for_bundle(
    agency: Agency, fiscal_year: int, quarter: int | None = None
) -> list[MonthData]:
    """The recorded months (entries or nil) of the fiscal year or one of its quarters, in order."""
    wanted = quarter_months(quarter) if quarter else FISCAL_MONTHS
    registers = {
        r.month: r
        for r in ProcurementMonth.objects.filter(
            agency=agency, fiscal_year=fiscal_year, month__in=wanted
        )
    }
    out = []
    for month in wanted:
        register = registers.get(month)
        if register is None:
            continue
        data = month_data(register)
        if data.nil or data.entries:
            out.append(data)
    return out


def empty_month(fiscal_year: int, month: int) -> MonthData:
    return MonthData(fiscal_year, month, False, [])
