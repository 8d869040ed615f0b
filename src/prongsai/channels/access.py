"""Who may open the channels' records. Everything goes through `get_agency_for_user` first.

- A corruption report: only the agency's receivers (members named by its admin), never one
  the report names or who stood aside. The admin, other officers and overseers: 403 (they may
  see the agency; this is not theirs to read). Another agency: 404.
- A general complaint: the receivers and the agency's members who may write.
- Overseers never open a report or an identity: they read counts (`selectors.counts`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_noop

from prongsai.channels.models import Attachment, Kind, Receiver, Report
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user, get_or_404, memberships_of
from prongsai.orgs.models import Agency


def is_member(user: Any, agency: Agency) -> bool:
    return any(m.agency_id == agency.pk for m in memberships_of(user))


def is_receiver(user: Any, agency: Agency) -> bool:
    """A receiver who is still a member of the agency (removing the member ends the role)."""
    if not is_member(user, agency):
        return False
    return agency.pk in _receiver_of(user)


def _receiver_of(user: Any) -> set[int]:
    """The agencies the user receives reports for, read once per request (kept on the user
    object, as `memberships_of` keeps the memberships)."""
    cached = getattr(user, "_prongsai_receiver_of", None)
    if cached is None:
        cached = set(Receiver.objects.filter(user=user).values_list("agency_id", flat=True))
        user._prongsai_receiver_of = cached
    return cached


def may_handle_complaints(user: Any, access: AgencyAccess) -> bool:
    if not is_member(user, access.agency):
        return False
    return access.can_write or is_receiver(user, access.agency)


def get_channels_for_user(user: Any, slug: str) -> tuple[AgencyAccess, bool, bool]:
    """(access, receiver?, handles complaints?) for the officers' list; 403 when neither."""
    access = get_agency_for_user(user, slug, Need.READ)
    receiver = is_receiver(user, access.agency)
    complaints = may_handle_complaints(user, access)
    if not (receiver or complaints):
        raise PermissionDenied(gettext_noop("เฉพาะผู้รับเรื่องที่หน่วยงานกำหนดเท่านั้น"))
    return access, receiver, complaints


def get_report_for_user(user: Any, slug: str, pk: int) -> Report:
    access = get_agency_for_user(user, slug, Need.READ)
    report: Report = get_or_404(
        Report.objects.select_related("agency"),
        gettext_noop("ไม่พบเรื่องนี้"),
        agency=access.agency,
        pk=pk,
    )
    if report.kind == Kind.CORRUPTION:
        if not is_receiver(user, access.agency):
            raise PermissionDenied(gettext_noop("เฉพาะผู้รับเรื่องที่หน่วยงานกำหนดเท่านั้น"))
        if report.excluded.filter(pk=user.pk).exists():
            raise PermissionDenied(
                gettext_noop("เรื่องนี้กล่าวถึงคุณหรือคุณขอไม่รับเรื่องนี้ จึงเปิดไม่ได้ ผู้รับเรื่องคนอื่นจะดำเนินการแทน")
            )
    elif not may_handle_complaints(user, access):
        raise PermissionDenied(gettext_noop("เฉพาะผู้รับเรื่องและเจ้าหน้าที่ผู้รับผิดชอบเท่านั้น"))
    return report


def get_attachment_for_user(user: Any, slug: str, pk: int, file_pk: int) -> Attachment:
    report = get_report_for_user(user, slug, pk)
    attachment: Attachment = get_or_404(
        Attachment.objects, gettext_noop("ไม่พบไฟล์นี้"), report=report, pk=file_pk
    )
    return attachment


def get_receiver_for_user(user: Any, slug: str, pk: int) -> Receiver:
    access = get_agency_for_user(user, slug, Need.MANAGE)
    receiver: Receiver = get_or_404(
        Receiver.objects.select_related("user"),
        gettext_noop("ไม่พบผู้รับเรื่องนี้"),
        agency=access.agency,
        pk=pk,
    )
    return receiver
