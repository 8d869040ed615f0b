"""Public channels: corruption reports (whistleblowing) and general complaints.

Privacy design (docs/channels.md): a report keeps no IP address, browser data or account; its
case code is kept only as a keyed hash; the reporter's identity (when given) lives in
`ReportIdentity` as ciphertext; attachments are kept encrypted. None of these models is written
to the audit trail (`audit_skip`): the trail is read by the agency admin and its overseers, who
must see neither content nor identity. Who opened an identity is kept in `IdentityView`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.files import OfficialCopy, StoredPath
from prongsai.orgs.models import Agency


class Kind(models.TextChoices):
    CORRUPTION = "corruption", _("แจ้งเบาะแสการทุจริตและประพฤติมิชอบ")
    COMPLAINT = "complaint", _("ร้องเรียนร้องทุกข์")


class Status(models.TextChoices):
    RECEIVED = "received", _("รับเรื่อง")
    IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
    DONE = "done", _("เสร็จสิ้น")
    REJECTED = "rejected", _("ไม่รับเรื่อง")


CLOSED = (Status.DONE, Status.REJECTED)


class Category(models.TextChoices):
    ROAD = "road", _("ถนน ทางเท้า")
    LIGHT = "light", _("ไฟฟ้าสาธารณะ")
    WASTE = "waste", _("ขยะ สิ่งปฏิกูล")
    WATER = "water", _("น้ำประปา ท่อระบายน้ำ")
    NUISANCE = "nuisance", _("เสียง กลิ่น ควัน")
    SERVICE = "service", _("การให้บริการของเจ้าหน้าที่")
    OTHER = "other", _("อื่น ๆ")


class ChannelSettings(models.Model):
    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="channel_settings")
    reply_days = models.PositiveSmallIntegerField(_("กำหนดตอบผู้แจ้ง (วัน)"), default=15)
    identity_retention_days = models.PositiveIntegerField(
        _("ลบข้อมูลผู้แจ้งหลังปิดเรื่อง (วัน)"), default=365
    )

    class Meta:
        verbose_name = _("การตั้งค่าช่องทางรับเรื่อง")

    def __str__(self) -> str:
        return f"{self.agency_id}"


class Receiver(models.Model):
    """A member of the agency named by its admin to receive corruption reports."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="receivers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="receiver_of",
        verbose_name=_("ผู้ใช้"),
    )
    # the receiver's real name, as a report would name them (routing away from the accused)
    name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ผู้รับเรื่องร้องเรียนการทุจริต")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "user"], name="channels_one_receiver_per_user"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    audit_skip = True

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="channel_reports")
    kind = models.CharField(_("ประเภท"), max_length=12, choices=Kind.choices)
    number = models.PositiveIntegerField(_("เลขที่"))  # per agency, kind and fiscal year
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    category = models.CharField(_("หมวด"), max_length=12, choices=Category.choices, blank=True)
    subject = models.CharField(_("เรื่อง"), max_length=300)
    body = models.TextField(_("รายละเอียด"))
    # the people the reporter named as involved, encrypted like the identity (channels.involved)
    involved_ciphertext = models.BinaryField(blank=True, default=b"")
    place = models.CharField(_("สถานที่"), max_length=300, blank=True)
    code_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    status_reason = models.TextField(_("เหตุผล"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("กำหนดตอบ"))
    closed_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    identity_erased_at = models.DateTimeField(null=True, blank=True)
    # receivers who may not open it (named in it, or stood aside)
    excluded = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        verbose_name = _("เรื่องที่แจ้ง")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "fiscal_year", "number"], name="channels_report_number"
            )
        ]
        indexes = [models.Index(fields=["agency", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.display_number}"

    @property
    def display_number(self) -> str:
        prefix = "ทจ" if self.kind == Kind.CORRUPTION else "รท"
        return f"{prefix} {self.number}/{self.fiscal_year}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    def overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.replied_at is None and not self.is_closed and self.due_on < today


class ReportIdentity(models.Model):
    """The reporter's identity or contact details, as one encrypted value (never in clear)."""

    audit_skip = True

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="identity")
    ciphertext = models.BinaryField()

    class Meta:
        verbose_name = _("ข้อมูลผู้แจ้ง (เข้ารหัส)")

    def __str__(self) -> str:
        return f"ข้อมูลผู้แจ้ง เรื่อง {self.report_id}"  # never the identity itself


class IdentityView(models.Model):
    """Who opened a reporter's identity, and when (never what it said)."""

    audit_skip = True

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="identity_views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("การเปิดดูข้อมูลผู้แจ้ง")

    def __str__(self) -> str:
        return f"เปิดดูข้อมูลผู้แจ้ง เรื่อง {self.report_id}"


class Message(models.Model):
    """Information the reporter added, or a reply the reporter reads with the case code."""

    audit_skip = True

    class Author(models.TextChoices):
        REPORTER = "reporter", _("ผู้แจ้ง")
        AGENCY = "agency", _("หน่วยงาน")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    body = models.TextField(_("ข้อความ"))
    status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ข้อความในเรื่องที่แจ้ง")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"ข้อความ เรื่อง {self.report_id}"


class Attachment(models.Model):
    """A file the reporter attached: checked by content, metadata stripped, kept encrypted."""

    audit_skip = True

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    path = StoredPath(_("ไฟล์แนบ"))
    kind = models.CharField(max_length=8)  # pdf, png, jpeg
    size = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ไฟล์แนบของเรื่องที่แจ้ง")

    def __str__(self) -> str:
        return f"ไฟล์แนบ เรื่อง {self.report_id}"


class StatsCopy(OfficialCopy):
    """An official copy of the O18 table of a fiscal year, as published (PDF + XLSX): it is
    the agency's public document for the OIT item, and a newer copy of the same year supersedes
    it. Counts only."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="channel_stats")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    by = models.CharField(_("แยกตาม"), max_length=8)
    at = models.DateTimeField(_("เผยแพร่เมื่อ"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    xlsx_path = StoredPath(_("ไฟล์ XLSX"), blank=True)
    xlsx_size = models.PositiveIntegerField(default=0)
    xlsx_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("สถิติเรื่องร้องเรียนฉบับเผยแพร่")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"O18 {self.fiscal_year}"
