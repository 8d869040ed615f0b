"""Writes about agencies, their units, people and members."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.orgs.models import (
    AGENCY_ROLES,
    Agency,
    AgencyType,
    District,
    Membership,
    Person,
    Province,
    Role,
    Unit,
)

DEFAULT_UNITS = [
    "สำนักปลัด",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "หน่วยตรวจสอบภายใน",
]


def province_get_or_create(*, code: str, name: str) -> Province:
    province, _created = Province.objects.get_or_create(code=code, defaults={"name": name})
    return province


def district_get_or_create(*, province: Province, code: str, name: str) -> District:
    district, _created = District.objects.get_or_create(
        code=code, defaults={"province": province, "name": name}
    )
    return district


@transaction.atomic
def agency_create(
    *,
    slug: str,
    type: AgencyType,
    name: str,
    district: District,
    code: str | None = None,
    with_default_units: bool = True,
    **fields: object,
) -> Agency:
    agency = Agency(slug=slug, type=type, name=name, district=district, code=code, **fields)
    agency.full_clean()
    agency.save()
    if with_default_units:
        for order, unit_name in enumerate(DEFAULT_UNITS, start=1):
            Unit.objects.create(agency=agency, name=unit_name, order=order)
    return agency


def unit_save(unit: Unit) -> Unit:
    unit.full_clean()
    unit.save()
    return unit


def unit_delete(unit: Unit) -> None:
    unit.delete()


def person_save(person: Person) -> Person:
    if person.unit is not None and person.unit.agency_id != person.agency_id:
        raise ValidationError({"unit": _("ส่วนราชการต้องเป็นของหน่วยงานเดียวกัน")})
    person.full_clean()
    person.save()
    return person


def person_delete(person: Person) -> None:
    person.delete()


@transaction.atomic
def member_add(
    *, agency: Agency, username: str, email: str, role: Role, password: str | None = None
) -> Membership:
    """Give a user a role in the agency, creating the account when it does not exist yet."""
    if role not in AGENCY_ROLES:
        raise ValidationError({"role": _("บทบาทนี้ใช้ในหน่วยงานไม่ได้")})
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, email=email, password=password)
        if password is None:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    if Membership.objects.filter(user=user, agency=agency).exists():
        raise ValidationError({"username": _("ผู้ใช้นี้อยู่ในหน่วยงานแล้ว")})
    return Membership.objects.create(user=user, agency=agency, role=role)


def member_set_role(membership: Membership, role: Role) -> Membership:
    if role not in AGENCY_ROLES:
        raise ValidationError({"role": _("บทบาทนี้ใช้ในหน่วยงานไม่ได้")})
    _ensure_an_admin_remains(membership, new_role=role)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def member_remove(membership: Membership) -> None:
    _ensure_an_admin_remains(membership, new_role=None)
    membership.delete()


def _ensure_an_admin_remains(membership: Membership, *, new_role: Role | None) -> None:
    if membership.role != Role.ADMIN or new_role == Role.ADMIN:
        return
    others = Membership.objects.filter(agency=membership.agency, role=Role.ADMIN).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise ValidationError(_("หน่วยงานต้องมีผู้ดูแลอย่างน้อยหนึ่งคน"))


def oversight_grant(user: Any, role: Role, **scope: object) -> Membership:
    membership = Membership(user=user, role=role, **scope)
    membership.full_clean()
    membership.save()
    return membership
