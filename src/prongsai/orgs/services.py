"""Writes about agencies, their units, people and members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.orgs.models import (
    AGENCY_ROLES,
    Agency,
    AgencyType,
    District,
    Invitation,
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
    """A new account with a role in the agency (without a password, it cannot sign in until its
    owner sets one through an invitation). An existing account is never attached here: its owner
    must accept an invitation (`member_invite`)."""
    _check_agency_role(role)
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        if Membership.objects.filter(user=user, agency=agency).exists():
            raise ValidationError({"username": _("ผู้ใช้นี้อยู่ในหน่วยงานแล้ว")})
        raise ValidationError({"username": _("มีบัญชีชื่อนี้อยู่แล้ว เจ้าของบัญชีต้องตอบรับคำเชิญ")})
    user = User.objects.create_user(username=username, email=email, password=password)
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return Membership.objects.create(user=user, agency=agency, role=role)


def _check_agency_role(role: Role) -> None:
    if role not in AGENCY_ROLES:
        raise ValidationError({"role": _("บทบาทนี้ใช้ในหน่วยงานไม่ได้")})


LinkMaker = Callable[[str], str]  # a path on this site → the absolute address for an e-mail
MAX_PENDING_INVITATIONS = 50  # per agency: an admin's script cannot make accounts without end
RESEND_AFTER = dt.timedelta(minutes=5)  # nobody's mailbox is flooded through "resend"


@transaction.atomic
def member_invite(
    *, agency: Agency, username: str, email: str, role: Role, invited_by: Any, link: LinkMaker
) -> Invitation:
    """Invite someone into the agency. A name no account has yet: the account is made (with the
    e-mail, required) and gets a link to set its password. An existing account: it is sent an
    invitation to accept, and joins only when its owner accepts (its e-mail is never shown)."""
    _check_agency_role(role)
    pending = Invitation.objects.filter(agency=agency, accepted_at=None).count()
    if pending >= MAX_PENDING_INVITATIONS:
        raise ValidationError(
            _("มีคำเชิญที่ยังไม่ตอบรับครบ %(n)s รายการแล้ว ยกเลิกคำเชิญเก่าก่อน")
            % {"n": thai.local_digits(MAX_PENDING_INVITATIONS)}
        )
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        if not email:
            raise ValidationError({"email": _("กรุณาระบุอีเมลของผู้ใช้ใหม่ เพื่อส่งลิงก์ตั้งรหัสผ่าน")})
        membership = member_add(agency=agency, username=username, email=email, role=role)
        invitation = Invitation.objects.create(
            agency=agency,
            user=membership.user,
            role=role,
            kind=Invitation.Kind.NEW,
            invited_by=_actor(invited_by),
        )
    else:
        if Membership.objects.filter(user=user, agency=agency).exists():
            raise ValidationError({"username": _("ผู้ใช้นี้อยู่ในหน่วยงานแล้ว")})
        if Invitation.objects.filter(user=user, agency=agency, accepted_at=None).exists():
            raise ValidationError({"username": _("ส่งคำเชิญถึงผู้ใช้นี้แล้ว ส่งอีกครั้งได้จากรายการคำเชิญด้านล่าง")})
        invitation = Invitation.objects.create(
            agency=agency,
            user=user,
            role=role,
            kind=Invitation.Kind.JOIN,
            invited_by=_actor(invited_by),
        )
    invitation_send(invitation, link=link)
    return invitation


def _actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def invitation_send(invitation: Invitation, *, link: LinkMaker) -> Invitation:
    """(Re)send the invitation's e-mail: a new one-time link for a new account (the older links
    stay valid until they expire or the password is set)."""
    if not invitation.pending:
        raise ValidationError(_("ผู้ใช้ตอบรับคำเชิญนี้แล้ว"))
    if invitation.sent_at is not None and timezone.now() - invitation.sent_at < RESEND_AFTER:
        raise ValidationError(_("เพิ่งส่งคำเชิญนี้ไป โปรดรอสักครู่ (๕ นาที) ก่อนส่งอีกครั้ง"))
    from prongsai.orgs.invitation_mail import send_invitation

    send_invitation(invitation, link=link)
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return invitation


@transaction.atomic
def invitation_accept(invitation: Invitation, *, user: Any) -> Membership:
    """The invited account's owner, signed in, accepts: the membership is made now."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.user_id != user.pk or not invitation.pending:
        raise ValidationError(_("ไม่พบคำเชิญนี้"))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership = Membership.objects.filter(user=user, agency=invitation.agency).first()
    if membership is not None:  # joined meanwhile by other means: keep that role
        return membership
    return Membership.objects.create(user=user, agency=invitation.agency, role=invitation.role)


def invitation_password_set(user: Any) -> None:
    """A new account's owner set the password through the link: its invitations are accepted."""
    Invitation.objects.filter(user=user, kind=Invitation.Kind.NEW, accepted_at=None).update(
        accepted_at=timezone.now()
    )


def invitation_cancel(invitation: Invitation) -> None:
    """Withdraw (by the admin) or decline (by the invited owner) a pending invitation."""
    if not invitation.pending:
        raise ValidationError(_("ผู้ใช้ตอบรับคำเชิญนี้แล้ว"))
    if invitation.kind == Invitation.Kind.NEW:
        raise ValidationError(_("บัญชีใหม่อยู่ในหน่วยงานแล้ว ให้นำผู้ใช้ออกแทน"))
    invitation.delete()


@transaction.atomic
def member_set_role(membership: Membership, role: Role) -> Membership:
    _check_agency_role(role)
    _ensure_an_admin_remains(membership, new_role=role)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_remove(membership: Membership) -> None:
    _ensure_an_admin_remains(membership, new_role=None)
    Invitation.objects.filter(
        user_id=membership.user_id, agency=membership.agency, accepted_at=None
    ).delete()
    membership.delete()


def _ensure_an_admin_remains(membership: Membership, *, new_role: Role | None) -> None:
    """Inside the caller's transaction: the agency's admin rows are locked first, so two admins
    demoting each other at once cannot both succeed and leave the agency with none."""
    admins = list(
        Membership.objects.select_for_update()
        .filter(agency=membership.agency, role=Role.ADMIN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if membership.pk not in admins or new_role == Role.ADMIN:
        return
    if not [pk for pk in admins if pk != membership.pk]:
        raise ValidationError(_("หน่วยงานต้องมีผู้ดูแลอย่างน้อยหนึ่งคน"))


def oversight_grant(user: Any, role: Role, **scope: object) -> Membership:
    membership = Membership(user=user, role=role, **scope)
    membership.full_clean()
    membership.save()
    return membership


def agency_emblem_set(agency: Agency, png: bytes | None) -> Agency:
    """Keep `png` (checked and re-encoded by `orgs.emblem.emblem_png`) as the agency's Garuda
    emblem, or remove it (None). The file is written before the record points to it."""
    from prongsai.core import files
    from prongsai.orgs.emblem import FOLDER

    old, path = agency.emblem_path, ""
    if png is not None:
        path = files.bytes_store(png, folder=f"{FOLDER}/{agency.pk}", extension="png").path
    try:
        with transaction.atomic():
            agency.emblem_path = path
            agency.save(update_fields=["emblem_path"])
    except BaseException:
        files.delete(path)  # the record does not point to it: no orphan file
        raise
    if old and old != path:
        transaction.on_commit(lambda: files.delete(old))  # the replaced one, once saved
    return agency
