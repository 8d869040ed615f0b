"""Who may see and change an agency. Every view reaches an agency through `get_agency_for_user`;
objects that belong to an agency reach it through their own helper built on this one.

Outcomes: an agency the user may not read does not exist for them (404, so nothing leaks);
one they may read but not change answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_noop

from prongsai.core import thai
from prongsai.orgs.models import Agency, Invitation, Membership, Person, Role, Unit


class Need(IntEnum):
    READ = 1
    WRITE = 2
    MANAGE = 3


@dataclass(frozen=True)
class AgencyAccess:
    agency: Agency
    level: int  # 0 none, then Need values

    @property
    def can_read(self) -> bool:
        return self.level >= Need.READ

    @property
    def can_write(self) -> bool:
        return self.level >= Need.WRITE

    @property
    def can_manage(self) -> bool:
        return self.level >= Need.MANAGE


_ROLE_LEVEL = {Role.ADMIN: Need.MANAGE, Role.EDITOR: Need.WRITE, Role.VIEWER: Need.READ}


def memberships_of(user: Any) -> list[Membership]:
    """The user's memberships, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_prongsai_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user))
        user._prongsai_memberships = cached
    return cached


def access_level(user: Any, agency: Agency) -> int:
    level = 0
    for m in memberships_of(user):
        if m.agency_id == agency.pk:
            level = max(level, _ROLE_LEVEL[Role(m.role)])
        elif (
            m.role == Role.COUNTRY_OVERSEER
            or (m.role == Role.PROVINCE_OVERSEER and m.province_id == agency.district.province_id)
            or (m.role == Role.DISTRICT_OVERSEER and m.district_id == agency.district_id)
        ):
            level = max(level, Need.READ)
    return level


def agency_access(user: Any, agency: Agency) -> AgencyAccess:
    return AgencyAccess(agency=agency, level=access_level(user, agency))


def check_level(access: AgencyAccess, need: Need) -> None:
    if not access.can_read:
        raise Http404(gettext_noop("ไม่พบหน่วยงานนี้"))
    if access.level < need:
        raise PermissionDenied(gettext_noop("คุณไม่มีสิทธิ์แก้ไขข้อมูลของหน่วยงานนี้"))


def get_or_404(queryset: Any, message: str, **lookup: Any) -> Any:
    """The one object matching `lookup`, or a 404 with a Thai message (never a server error)."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(message) from None


def get_agency_for_user(user: Any, slug: str, need: Need = Need.READ) -> AgencyAccess:
    agency = get_or_404(
        Agency.objects.select_related("district__province"), "ไม่พบหน่วยงานนี้", slug=slug
    )
    access = agency_access(user, agency)
    check_level(access, need)
    # the page is about this agency: its numbers and dates follow the agency's digit choice
    thai.set_page_digits(agency.digit_style)
    return access


def get_unit_for_user(user: Any, slug: str, pk: int, need: Need = Need.READ) -> Unit:
    access = get_agency_for_user(user, slug, need)
    return get_or_404(Unit.objects, "ไม่พบส่วนราชการนี้", agency=access.agency, pk=pk)


def get_person_for_user(user: Any, slug: str, pk: int, need: Need = Need.READ) -> Person:
    access = get_agency_for_user(user, slug, need)
    return get_or_404(
        Person.objects.select_related("unit"), "ไม่พบบุคลากรนี้", agency=access.agency, pk=pk
    )


def get_membership_for_user(user: Any, slug: str, pk: int) -> Membership:
    access = get_agency_for_user(user, slug, Need.MANAGE)
    return get_or_404(
        Membership.objects.select_related("user"), "ไม่พบผู้ใช้นี้ในหน่วยงาน", agency=access.agency, pk=pk
    )


def get_invitation_for_user(user: Any, slug: str, pk: int) -> Invitation:
    """A pending invitation of the agency, for its admin to resend or withdraw."""
    access = get_agency_for_user(user, slug, Need.MANAGE)
    return get_or_404(
        Invitation.objects.select_related("user", "agency"),
        gettext_noop("ไม่พบคำเชิญนี้"),
        agency=access.agency,
        pk=pk,
        accepted_at=None,
    )


def get_own_invitation(user: Any, pk: int) -> Invitation:
    """A pending invitation to this signed-in user (nobody else's: accepting is the owner's)."""
    return get_or_404(
        Invitation.objects.select_related("agency"),
        gettext_noop("ไม่พบคำเชิญนี้"),
        user=user,
        pk=pk,
        accepted_at=None,
    )


def visible_agencies(user: Any) -> QuerySet[Agency]:
    """Every agency the user may read, as one query."""
    ms = memberships_of(user)
    if any(m.role == Role.COUNTRY_OVERSEER for m in ms):
        return Agency.objects.all()
    cond = Q(pk__in=[m.agency_id for m in ms if m.agency_id])
    cond |= Q(district_id__in=[m.district_id for m in ms if m.role == Role.DISTRICT_OVERSEER])
    cond |= Q(
        district__province_id__in=[m.province_id for m in ms if m.role == Role.PROVINCE_OVERSEER]
    )
    return Agency.objects.filter(cond)
