"""Every write of the channels. Nothing here logs, mails or audits a report's content or a
reporter's identity; the only trace of an identity being read is an `IdentityView` row."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.channels import attachments, crypto, involved
from prongsai.channels.models import (
    CLOSED,
    Attachment,
    ChannelSettings,
    IdentityView,
    Kind,
    Message,
    Receiver,
    Report,
    ReportIdentity,
    Status,
)
from prongsai.core import files, versions
from prongsai.core.thai import fiscal_year
from prongsai.orgs.models import Agency, Membership

logger = logging.getLogger(__name__)

IDENTITY_FIELDS = ("name", "phone", "email", "address")


@dataclass(frozen=True)
class Filed:
    report: Report
    code: str  # shown once, never kept


def settings_of(agency: Agency) -> ChannelSettings:
    found = ChannelSettings.objects.filter(agency=agency).first()
    return found or ChannelSettings(agency=agency)


def settings_save(agency: Agency, *, reply_days: int, identity_retention_days: int) -> None:
    ChannelSettings.objects.update_or_create(
        agency=agency,
        defaults={"reply_days": reply_days, "identity_retention_days": identity_retention_days},
    )


def report_create(
    agency: Agency,
    *,
    kind: str,
    subject: str,
    body: str,
    named_people: str = "",
    place: str = "",
    category: str = "",
    identity: dict[str, str] | None = None,
    uploads: list[Any] = (),  # type: ignore[assignment]
    now: dt.datetime | None = None,
    code: str | None = None,  # the demo's published code; otherwise a new random one
    notify: bool = True,
) -> Filed:
    """File a report: everything checked first, then written in one transaction (nothing
    half-written). No address, browser or account is kept with it."""
    now = now or timezone.now()
    cleaned = [attachments.clean_upload(u) for u in uploads]  # ValidationError before any write
    identity = {k: (identity or {}).get(k, "").strip() for k in IDENTITY_FIELDS}
    stored: list[tuple[str, files.StoredBytes]] = []
    try:
        stored = [(kind_, attachments.store(kind_, data)) for kind_, data in cleaned]
        given = code
        for _attempt in range(5):
            code = given or crypto.new_code()
            try:
                with transaction.atomic():
                    report = _create_row(
                        agency, kind, subject, body, named_people, place, category, code, now
                    )
                    if any(identity.values()):
                        ReportIdentity.objects.create(
                            report=report, ciphertext=crypto.encrypt_json(identity)
                        )
                    for kind_, s in stored:
                        Attachment.objects.create(
                            report=report, path=s.path, kind=kind_, size=s.size
                        )
                    involved.exclude_named(report)
                break
            except IntegrityError:
                continue  # a number or a code taken at the same moment: try again
        else:  # pragma: no cover - five collisions in a row
            raise ValidationError(_("ระบบไม่ว่าง ส่งเรื่องไม่สำเร็จ กรุณาลองใหม่อีกครั้ง"))
    except BaseException:
        for _kind, s in stored:
            files.delete(s.path)
        raise
    if notify:
        transaction.on_commit(lambda: notify_new(report))
    return Filed(report, code)


def _create_row(
    agency: Agency,
    kind: str,
    subject: str,
    body: str,
    named_people: str,
    place: str,
    category: str,
    code: str,
    now: dt.datetime,
) -> Report:
    year = fiscal_year(timezone.localtime(now).date())
    last = Report.objects.filter(agency=agency, kind=kind, fiscal_year=year).aggregate(
        n=Max("number")
    )["n"]
    due = timezone.localtime(now).date() + dt.timedelta(days=settings_of(agency).reply_days)
    return Report.objects.create(
        agency=agency,
        kind=kind,
        number=(last or 0) + 1,
        fiscal_year=year,
        category=category if kind == Kind.COMPLAINT else "",
        subject=subject,
        body=body,
        involved_ciphertext=involved.seal(named_people),
        place=place,
        code_hash=crypto.code_hash(code),
        created_at=now,
        due_on=due,
    )


def report_by_code(agency: Agency, text: str) -> Report | None:
    code = crypto.normalise_code(text)
    if code is None:
        return None
    return Report.objects.filter(agency=agency, code_hash=crypto.code_hash(code)).first()


def reporter_add(report: Report, body: str) -> Message:
    if report.is_closed:
        raise ValidationError(_("เรื่องนี้ปิดแล้ว เพิ่มข้อมูลไม่ได้"))
    message = Message.objects.create(report=report, author=Message.Author.REPORTER, body=body)
    transaction.on_commit(lambda: notify_new(report, added=True))
    return message


REPLY_LABELS = {
    "status": gettext_lazy("สถานะ"),
    "reason": gettext_lazy("เหตุผล"),
    "latest": gettext_lazy("ข้อความตอบล่าสุดของหน่วยงาน"),
}


def reply_state(report_pk: int) -> dict[str, Any]:
    """What the reply form shows of a case as it is now: its status, the reason, and the
    handlers' latest reply (who, when, what), so that a reply or status change made by another
    handler since the form was opened is a conflict (`core.versions`, decision 42)."""
    found = Report.objects.filter(pk=report_pk).values("status", "status_reason").first()
    if found is None:
        return {}
    last = _last_reply(report_pk)
    latest: dict[str, Any] = {}
    if last is not None:  # compared as data (text, who, when), shown as "text name date"
        who = versions.who_label(last.user) if last.user is not None else ""
        latest = {"reply": last.body.strip(), "by": who, "at": last.at}
    return {
        "status": _status_choice(found["status"]),
        "reason": found["status_reason"],
        "latest": latest,
    }


def _status_choice(status: str) -> versions.Choice:
    label = str(Status(status).label) if status in Status.values else status
    return versions.Choice(status, label)


def _last_reply(report_pk: int) -> Message | None:
    return (
        Message.objects.filter(report_id=report_pk, author=Message.Author.AGENCY)
        .select_related("user")
        .order_by("-at", "-pk")
        .first()
    )


def reply_guard(request: Any, report: Report) -> versions.Guard:
    """The edit-conflict check of a case's reply form: the case row is the lock every reply
    takes; who and when come from the latest reply (the channels keep no audit trail)."""

    def who() -> versions.Who:
        last = _last_reply(report.pk)
        return (last.user, last.at) if last is not None else (None, None)

    return versions.Guard(
        request,
        current=lambda: reply_state(report.pk),
        lock=Report.objects.filter(pk=report.pk),
        who=who,
    )


def reply(
    report: Report,
    user: Any,
    *,
    body: str,
    status: str,
    reason: str = "",
    guard: versions.Guard | None = None,
) -> Message:
    """A reply the reporter reads with the case code, with the case's new status. With a
    `guard` (the form's version), a case another handler replied to or changed since the form
    was opened raises `versions.Conflict` and nothing is written."""
    if status not in Status.values:
        raise ValidationError(_("สถานะไม่ถูกต้อง"))
    if status == Status.REJECTED and not (reason or "").strip():
        raise ValidationError(_("ไม่รับเรื่อง ต้องระบุเหตุผล"))
    now = timezone.now()
    checked = (
        guard.unchanged(
            {
                "status": _status_choice(status),
                "reason": reason.strip() if status in CLOSED else "",
                "latest": body.strip(),
            },
            labels={k: str(v) for k, v in REPLY_LABELS.items()},
        )
        if guard is not None
        else contextlib.nullcontext()
    )
    with checked, transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        message = Message.objects.create(
            report=locked, author=Message.Author.AGENCY, body=body, status=status, user=user
        )
        locked.status = status
        locked.status_reason = reason.strip() if status in CLOSED else ""
        if body.strip():
            locked.replied_at = locked.replied_at or now
        locked.closed_at = now if status in CLOSED else None
        locked.save(update_fields=["status", "status_reason", "replied_at", "closed_at"])
    report.refresh_from_db()
    return message


def identity_read(report: Report, user: Any) -> dict[str, str] | None:
    """The reporter's identity for a receiver who asked for it; the view is logged (who, when,
    which case) before anything is shown."""
    found = ReportIdentity.objects.filter(report=report).first()
    if found is None:
        return None
    IdentityView.objects.create(report=report, user=user)
    return crypto.decrypt_json(found.ciphertext)


def stand_aside(report: Report, user: Any) -> None:
    """A receiver the report concerns steps away from it; the admin is told to route it."""
    report.excluded.add(user)
    transaction.on_commit(lambda: notify_unrouted(report))


def receiver_add(agency: Agency, user: Any, name: str) -> Receiver:
    if not Membership.objects.filter(agency=agency, user=user).exists():
        raise ValidationError(_("ผู้รับเรื่องต้องเป็นสมาชิกของหน่วยงาน"))
    with transaction.atomic():
        receiver, _created = Receiver.objects.update_or_create(
            agency=agency, user=user, defaults={"name": name.strip()}
        )
        involved.recheck(agency, receiver)  # reports that name them stay closed to them
    return receiver


def receiver_remove(receiver: Receiver) -> None:
    receiver.delete()


def identity_erase_due(now: dt.datetime | None = None) -> int:
    """Erase the identity (and contact details) of cases closed longer than their agency's
    retention; attachments and the named people go too (who was kept out of the case stays).
    Returns how many cases were erased."""
    now = now or timezone.now()
    erased = 0
    candidates = Report.objects.filter(
        status__in=CLOSED, closed_at__isnull=False, identity_erased_at__isnull=True
    ).select_related("agency")
    retention: dict[int, int] = {}
    for report in candidates:
        days = retention.setdefault(
            report.agency_id, settings_of(report.agency).identity_retention_days
        )
        if report.closed_at and report.closed_at + dt.timedelta(days=days) > now:
            continue
        with transaction.atomic():
            ReportIdentity.objects.filter(report=report).delete()
            paths = list(Attachment.objects.filter(report=report).values_list("path", flat=True))
            Attachment.objects.filter(report=report).delete()
            Report.objects.filter(pk=report.pk).update(
                identity_erased_at=now, involved_ciphertext=b""
            )
        for path in paths:
            transaction.on_commit(functools.partial(files.delete, path))
        erased += 1
    return erased


def remind_due(today: dt.date | None = None) -> int:
    """Tell the receivers (corruption) or the agency's editors (complaints) of cases past their
    reply deadline, once a day at most. The mail names only the case number and agency."""
    today = today or timezone.localdate()
    sent = 0
    reports = (
        Report.objects.filter(replied_at__isnull=True, due_on__lt=today)
        .exclude(status__in=CLOSED)
        .select_related("agency")
    )
    for report in reports:
        if report.reminded_at and timezone.localtime(report.reminded_at).date() >= today:
            continue
        recipients = _handlers(report)
        if recipients:
            send_mail(
                _("เรื่องที่แจ้งเกินกำหนดตอบ: %(n)s") % {"n": report.display_number},
                _("เรื่องเลขที่ %(n)s ของ %(agency)s เกินกำหนดตอบผู้แจ้ง (%(due)s) กรุณาเข้าสู่ระบบเพื่อดำเนินการ")
                % {
                    "n": report.display_number,
                    "agency": report.agency.full_name,
                    "due": report.due_on.isoformat(),
                },
                None,
                recipients,
            )
            sent += 1
        # the day it was reminded (noon of `today`): once a day at most
        reminded = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
        Report.objects.filter(pk=report.pk).update(reminded_at=reminded)
    return sent


def _handlers(report: Report) -> list[str]:
    receivers = Receiver.objects.filter(agency=report.agency).select_related("user")
    excluded = set(report.excluded.values_list("pk", flat=True))
    members = set(Membership.objects.filter(agency=report.agency).values_list("user_id", flat=True))
    emails = [
        r.user.email
        for r in receivers
        if r.user_id not in excluded and r.user_id in members and r.user.email
    ]
    if report.kind == Kind.COMPLAINT and not emails:
        emails = list(
            Membership.objects.filter(agency=report.agency, role__in=["admin", "editor"])
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    return emails


def notify_unrouted(report: Report) -> None:
    """A corruption case no receiver may open (it names them, or they stood aside): the
    agency's admins are asked to name another receiver. The number only, never content."""
    if report.kind != Kind.CORRUPTION or report.is_closed or _handlers(report):
        return
    admins = list(
        Membership.objects.filter(agency=report.agency, role="admin")
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not admins:
        return
    try:
        send_mail(
            _("เรื่อง %(n)s ไม่มีผู้รับเรื่องที่เปิดได้") % {"n": report.display_number},
            _(
                "เรื่องเลขที่ %(n)s ของ %(agency)s กล่าวถึงผู้รับเรื่องทุกคน หรือผู้รับเรื่องถอนตัว "
                "กรุณากำหนดผู้รับเรื่องคนอื่นที่ไม่เกี่ยวข้องในหน้าผู้รับเรื่อง"
            )
            % {"n": report.display_number, "agency": report.agency.full_name},
            None,
            admins,
        )
    except Exception:
        logger.exception("channel notification could not be sent (case id %s)", report.pk)


def notify_new(report: Report, *, added: bool = False) -> None:
    """A new case (or new information) for its handlers: the number only, never content."""
    recipients = _handlers(report)
    if not recipients:
        if not added:
            notify_unrouted(report)
        return
    subject = (_("มีข้อมูลเพิ่มเติมในเรื่อง %(n)s") if added else _("มีเรื่องแจ้งใหม่: %(n)s")) % {
        "n": report.display_number
    }
    try:
        send_mail(
            subject,
            _("มีเรื่องในช่องทางรับเรื่องของ %(agency)s กรุณาเข้าสู่ระบบเพื่อดู")
            % {"agency": report.agency.full_name},
            None,
            recipients,
        )
    except Exception:
        logger.exception("channel notification could not be sent (case id %s)", report.pk)


def keys_rotate() -> int:
    """Re-encrypt every identity, list of named people and attachment under the first
    configured key (after a new key was put first in PRONGSAI_CHANNELS_KEY); the old key can
    then be removed."""
    done = 0
    for row in ReportIdentity.objects.all():
        ReportIdentity.objects.filter(pk=row.pk).update(ciphertext=crypto.rotate(row.ciphertext))
        done += 1
    named = Report.objects.exclude(involved_ciphertext=b"").values_list("pk", "involved_ciphertext")
    for pk, token in named:
        Report.objects.filter(pk=pk).update(involved_ciphertext=crypto.rotate(token))
        done += 1
    for attachment in Attachment.objects.all():
        data = crypto.rotate(files.read_bytes(attachment.path))
        stored = files.bytes_store(data, folder=attachments.FOLDER, extension="bin")
        Attachment.objects.filter(pk=attachment.pk).update(path=stored.path, size=attachment.size)
        files.delete(attachment.path)
        done += 1
    return done


def stats_publish(agency: Agency, year: int, by: str, user: Any) -> Any:
    """Publish the O18 table of `year` as an official copy (PDF through the document engine,
    XLSX beside it): the public page lists it and the OIT register row links to it."""
    from prongsai.channels import documents, selectors
    from prongsai.channels.models import StatsCopy
    from prongsai.documents import render

    table = selectors.stats(agency, year, by)
    copy = StatsCopy.objects.create(agency=agency, fiscal_year=year, by=by, user=user)
    xlsx = files.bytes_store(documents.stats_xlsx(table), folder="channels-stats", extension="xlsx")
    StatsCopy.objects.filter(pk=copy.pk).update(
        xlsx_path=xlsx.path, xlsx_size=xlsx.size, xlsx_sha256=xlsx.sha256
    )
    copy.refresh_from_db()
    copy.keep_copy(lambda: render(documents.stats_document(table), "pdf"), folder="channels-stats")
    return copy
