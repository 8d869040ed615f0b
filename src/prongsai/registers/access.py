"""Reaching register records: always through the agency's access check."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from prongsai.core.thai import is_fiscal_year
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user, get_or_404
from prongsai.registers.models import Asset, Event, EventFile, EventKind, Gift, Loan, Risk


def get_year_for_user(user: Any, slug: str, year: int, need: Need = Need.READ) -> AgencyAccess:
    access = get_agency_for_user(user, slug, need)
    if not is_fiscal_year(year):
        raise Http404("ไม่มีปีงบประมาณนี้")
    return access


def _get(
    model: Any, message: str, user: Any, slug: str, year: int, pk: int, need: Need
) -> tuple[AgencyAccess, Any]:
    access = get_year_for_user(user, slug, year, need)
    obj = get_or_404(model.objects.all(), message, agency=access.agency, fiscal_year=year, pk=pk)
    return access, obj


def get_gift_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Gift]:
    return _get(Gift, "ไม่พบรายการรับทรัพย์สินนี้", user, slug, year, pk, need)


def get_loan_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Loan]:
    return _get(Loan, "ไม่พบคำขอยืมนี้", user, slug, year, pk, need)


def get_risk_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Risk]:
    return _get(Risk, "ไม่พบความเสี่ยงนี้", user, slug, year, pk, need)


def get_event_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Event]:
    return _get(Event, "ไม่พบกิจกรรมนี้", user, slug, year, pk, need)


def get_asset_for_user(
    user: Any, slug: str, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Asset]:
    access = get_agency_for_user(user, slug, need)
    return access, get_or_404(Asset.objects.all(), "ไม่พบครุภัณฑ์นี้", agency=access.agency, pk=pk)


def get_event_file_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, EventFile]:
    access = get_year_for_user(user, slug, year, need)
    obj = get_or_404(
        EventFile.objects.select_related("event"),
        "ไม่พบไฟล์นี้",
        agency=access.agency,
        event__fiscal_year=year,
        pk=pk,
    )
    return access, obj


def event_kind(kind: str) -> str:
    if kind not in EventKind.values:
        raise Http404("ไม่มีทะเบียนนี้")
    return kind
