"""Access to the สขร. ๑ registers, built on `get_agency_for_user`: another agency's month or
entry does not exist for the user (404); reading needs READ, writing WRITE, closing MANAGE."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_noop

from prongsai.core.thai import is_fiscal_year
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user, get_or_404
from prongsai.procurement.models import ProcurementEntry, ProcurementMonth


def check_month(year: int, month: int) -> None:
    if not is_fiscal_year(year) or month not in range(1, 13):
        raise Http404(gettext_noop("ไม่มีเดือนนี้ในปีงบประมาณ"))


def get_procurement_year_for_user(
    user: Any, slug: str, year: int, need: Need = Need.READ
) -> AgencyAccess:
    access = get_agency_for_user(user, slug, need)
    if not is_fiscal_year(year):
        raise Http404(gettext_noop("ไม่มีปีงบประมาณนี้"))
    return access


def get_month_for_user(
    user: Any, slug: str, year: int, month: int, need: Need = Need.READ
) -> tuple[AgencyAccess, ProcurementMonth | None]:
    """The agency and the month's register, None when nothing was recorded for it yet."""
    access = get_agency_for_user(user, slug, need)
    check_month(year, month)
    register = ProcurementMonth.objects.filter(
        agency=access.agency, fiscal_year=year, month=month
    ).first()
    return access, register


def get_entry_for_user(
    user: Any, slug: str, year: int, month: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, ProcurementEntry]:
    access = get_agency_for_user(user, slug, need)
    check_month(year, month)
    entry = get_or_404(
        ProcurementEntry.objects.select_related("register"),
        gettext_noop("ไม่พบรายการจัดซื้อจัดจ้างนี้"),
        register__agency=access.agency,
        register__fiscal_year=year,
        register__month=month,
        pk=pk,
    )
    return access, entry
