"""Progress on the measures of a plan, and the reports made from it.

Nothing here holds "the status" of a measure: the status, the quarters done and the actions of a
report are derived from dated `Action` records filtered by the report's period end (see
`selectors.measure_state`), so a later entry cannot leak into an earlier report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.files import OfficialCopy, StoredPath
from prongsai.core.thai import local_digits_lazy
from prongsai.orgs.models import Agency, Person
from prongsai.plans.models import Measure, Plan


class Period(models.TextChoices):
    # shown in the page's digits (and in the document's, which localises every digit)
    HALF = "half", local_digits_lazy(_("รอบ ๖ เดือน"))
    YEAR = "year", local_digits_lazy(_("รอบ ๑๒ เดือน"))


class Status(models.TextChoices):
    """A measure's status as of a date (derived, never stored)."""

    TODO = "todo", _("ยังไม่ดำเนินการ")
    DOING = "doing", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("ดำเนินการแล้ว")


class Action(models.Model):
    """Something done for a measure on a date: what, by whom, with its evidence."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress_actions")
    date = models.DateField(_("วันที่ดำเนินการ"))
    text = models.TextField(_("สิ่งที่ดำเนินการ"))
    by_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    by_text = models.CharField(_("ผู้ดำเนินการ (ระบุเอง)"), max_length=200, blank=True)
    completes = models.BooleanField(_("มาตรการนี้ดำเนินการแล้วเสร็จ"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["measure", "date"])]
        verbose_name = _("การดำเนินการ")

    def __str__(self) -> str:
        return f"{self.date} {self.text[:60]}"

    @property
    def by_label(self) -> str:
        parts = []
        if self.by_person is not None:
            parts.append(f"{self.by_person.name} ({self.by_person.position})")
        if self.by_text:
            parts.append(self.by_text)
        return ", ".join(parts)


class LinkStatus(models.TextChoices):
    UNCHECKED = "", _("ยังไม่ตรวจ")
    OK = "ok", _("ใช้งานได้")
    BROKEN = "broken", _("ลิงก์เสีย")
    UNREACHABLE = "unreachable", _("เข้าถึงไม่ได้")
    REFUSED = "refused", _("ไม่ตรวจ (ที่อยู่ภายใน)")


class Evidence(models.Model):
    """A web link or an uploaded file that proves an action. Files are kept through core.files
    and served only through `views.evidence_download`, which checks access."""

    class Kind(models.TextChoices):
        LINK = "link", _("ลิงก์")
        FILE = "file", _("ไฟล์")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("ชนิดหลักฐาน"), max_length=4, choices=Kind.choices)
    title = models.CharField(_("คำอธิบาย"), max_length=200, blank=True)
    url = models.URLField(_("ลิงก์"), max_length=1000, blank=True)
    file_path = StoredPath(blank=True)  # the file's name in the store (core.files)
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    link_status = models.CharField(
        _("สถานะลิงก์"), max_length=12, choices=LinkStatus.choices, blank=True, default=""
    )
    link_http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    link_detail = models.CharField(max_length=300, blank=True)
    link_checked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("หลักฐาน")

    def __str__(self) -> str:
        return self.url or self.file_name

    @property
    def label(self) -> str:
        return self.title or self.url or self.file_name

    @property
    def link_problem(self) -> bool:
        return self.kind == self.Kind.LINK and self.link_status in (
            LinkStatus.BROKEN,
            LinkStatus.UNREACHABLE,
        )


class MeasureNote(models.Model):
    """What the report of one period says about a measure beyond its actions."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress_notes")
    period = models.CharField(_("รอบรายงาน"), max_length=4, choices=Period.choices)
    result = models.TextField(_("ผลการดำเนินการ"), blank=True)
    suggestions = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    outcome = models.TextField(_("ผลลัพธ์หรือความสำเร็จของการดำเนินการ"), blank=True)
    cause = models.TextField(_("สาเหตุที่ยังไม่แล้วเสร็จ"), blank=True)
    problems = models.TextField(_("ปัญหาอุปสรรค"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"], name="progress_note_one_per_period"
            )
        ]
        verbose_name = _("ผลการดำเนินการตามรอบรายงาน")

    def __str__(self) -> str:
        return f"{self.measure} ({self.get_period_display()})"


# The memo's fields an officer edits (the form and the service share the list).
MEMO_FIELDS = (
    "memo_unit",
    "memo_ref",
    "memo_date",
    "memo_to",
    "memo_subject",
    "memo_closing",
    "memo_signer_head",
    "memo_signer_palad",
    "memo_signer_mayor",
)


class ProgressReport(models.Model):
    """The 6-month or the annual report of a plan, with its memo's head; draft → finalised."""

    class State(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        FINALISED = "final", _("สรุปแล้ว")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="progress_reports")
    period = models.CharField(_("รอบรายงาน"), max_length=4, choices=Period.choices)
    state = models.CharField(_("สถานะ"), max_length=5, choices=State.choices, default=State.DRAFT)
    memo_unit = models.CharField(_("ส่วนราชการ"), max_length=200, default="สำนักปลัด")
    memo_ref = models.CharField(_("ที่"), max_length=100, blank=True)
    memo_date = models.DateField(_("วันที่"), null=True, blank=True)
    memo_to = models.CharField(_("เรียน"), max_length=200, blank=True)
    # Blank: the memo's standard wording (progress/docs_memo.py); the officer may write their own.
    memo_subject = models.CharField(_("เรื่อง"), max_length=300, blank=True)
    memo_closing = models.TextField(_("ข้อความปิดท้าย"), max_length=1000, blank=True)
    # Empty: the head of สำนักปลัด, the ปลัด and the นายก among the people who sign documents.
    memo_signer_head = models.ForeignKey(
        "orgs.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ผู้ลงนามลำดับที่ ๑ (หัวหน้าสำนักปลัด)"),
    )  # fmt: skip
    memo_signer_palad = models.ForeignKey(
        "orgs.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ผู้ลงนามลำดับที่ ๒ (ปลัด)"),
    )  # fmt: skip
    memo_signer_mayor = models.ForeignKey(
        "orgs.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ผู้ลงนามลำดับที่ ๓ (นายก)"),
    )  # fmt: skip
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("สรุปโดย"),
    )
    finalised_at = models.DateTimeField(_("สรุปเมื่อ"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period"], name="progress_report_one_per_period"
            )
        ]
        verbose_name = _("รายงานผลการดำเนินการ")

    def __str__(self) -> str:
        return f"{self.plan} {self.get_period_display()}"

    @property
    def is_final(self) -> bool:
        return self.state == self.State.FINALISED


class ReportEvent(OfficialCopy):
    """Who finalised or reopened a report, when and why."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Act(models.TextChoices):
        FINALISE = "finalise", _("สรุปรายงาน")
        REOPEN = "reopen", _("เปิดแก้ไขรายงาน")

    action = models.CharField(_("การกระทำ"), max_length=20, choices=Act.choices)
    note = models.CharField(_("เหตุผล"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("การสรุปหรือเปิดแก้ไขรายงาน")
        verbose_name_plural = _("การสรุปหรือเปิดแก้ไขรายงาน")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class ReminderLog(models.Model):
    """One reminder e-mail sent to an agency on a day, so a rerun the same day sends nothing."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "sent_on"], name="progress_reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.sent_on}"
