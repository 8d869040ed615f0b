"""Reaching register objects: always through the agency's access check."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from prongsai.core.thai import is_fiscal_year
from prongsai.oit.models import Entry, EntryFile, EntryLink, Register
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user, get_or_404


def get_register_for_user(
    user: Any, slug: str, year: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Register]:
    access = get_agency_for_user(user, slug, need)
    if not is_fiscal_year(year):
        raise Http404("ไม่มีปีงบประมาณนี้")
    register = get_or_404(
        Register.objects, "ยังไม่มีทะเบียน OIT ของปีนี้", agency=access.agency, fiscal_year=year
    )
    register.agency = access.agency  # already read, with its district, by the access check
    return access, register


def get_entry_for_user(
    user: Any, slug: str, year: int, code: str, need: Need = Need.READ
) -> tuple[AgencyAccess, Entry]:
    access, register = get_register_for_user(user, slug, year, need)
    entry = get_or_404(
        Entry.objects.select_related("register__agency", "unit", "person"),
        "ไม่พบรายการนี้ในทะเบียน",
        register=register,
        code=code[:10].lower(),
    )
    return access, entry


def get_link_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, EntryLink]:
    access, register = get_register_for_user(user, slug, year, need)
    link = get_or_404(
        EntryLink.objects.select_related("entry__register"),
        "ไม่พบลิงก์นี้",
        entry__register=register,
        pk=pk,
    )
    return access, link


def get_file_for_user(
    user: Any, slug: str, year: int, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, EntryFile]:
    access, register = get_register_for_user(user, slug, year, need)
    file = get_or_404(
        EntryFile.objects.select_related("entry__register"),
        "ไม่พบไฟล์นี้",
        entry__register=register,
        pk=pk,
    )
    return access, file
