"""The measures plan (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน): issues, measures, history."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core import thai
from prongsai.core.files import OfficialCopy
from prongsai.orgs.models import Agency, Person, Unit

PLAN_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


def fiscal_month_date(fiscal_year: int, month: int, *, end: bool = False) -> dt.date:
    """The first (or last) day of fiscal month 1–12 (1 = October) of a B.E. fiscal year."""
    if not 1 <= month <= 12:
        raise ValueError("fiscal month must be 1–12")
    cal_month = (month + 8) % 12 + 1
    year = thai.ce_year(fiscal_year) - (1 if cal_month >= 10 else 0)
    first = dt.date(year, cal_month, 1)
    if not end:
        return first
    nxt = dt.date(year + (cal_month // 12), cal_month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def fiscal_month_of(value: dt.date) -> int:
    return (value.month - 10) % 12 + 1


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        APPROVED = "approved", _("อนุมัติแล้ว")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="plans")
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"))
    based_on_year = models.PositiveIntegerField(_("ใช้ผลการประเมินของปีงบประมาณ"))
    title = models.CharField(_("ชื่อเอกสาร"), max_length=300, default=PLAN_TITLE)
    constraints_text = models.TextField(_("วิเคราะห์ข้อจำกัดของหน่วยงาน"), blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("อนุมัติโดย"),
    )
    approved_at = models.DateTimeField(_("อนุมัติเมื่อ"), null=True, blank=True)
    approver_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้อนุมัติ (ลงนาม)"),
    )
    # The checker's findings on the plan, counted at its last change (for oversight lists).
    open_findings = models.PositiveIntegerField(default=0)
    findings = models.JSONField(default=list, blank=True)  # the checker's findings, as dicts
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="plan_one_per_year")
        ]
        verbose_name = _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส")

    def __str__(self) -> str:
        return f"{self.title} {self.agency.short_name} ปีงบประมาณ {self.fiscal_year}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class PlanIssue(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="issues")
    order = models.PositiveIntegerField(_("ลำดับ"), default=0)
    title = models.CharField(_("ประเด็น"), max_length=300)
    standard_number = models.PositiveSmallIntegerField(_("ประเด็นมาตรฐานที่"), null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ประเด็น")
        verbose_name_plural = _("ประเด็น")

    def __str__(self) -> str:
        return self.title


MAX_MONITORING = 10  # reporting and follow-up steps of one measure (checked by plans.services)


class Measure(models.Model):
    issue = models.ForeignKey(PlanIssue, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveIntegerField(_("ลำดับ"), default=0)
    title = models.CharField(_("ชื่อมาตรการ"), max_length=300)
    question_codes = models.JSONField(_("ข้อคำถาม ITA"), default=list, blank=True)
    indicator = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"), null=True, blank=True)
    finding = models.TextField(_("ข้อค้นพบ"), blank=True)
    steps = models.JSONField(_("ขั้นตอน/วิธีการปฏิบัติ"), default=list, blank=True)
    # [{"text": str, "deadline": "YYYY-MM-DD" | None}]
    monitoring = models.JSONField(_("การรายงานผลและการกำกับติดตาม"), default=list, blank=True)
    start_month = models.PositiveSmallIntegerField(_("เริ่มเดือนที่ของปีงบประมาณ"), default=1)
    end_month = models.PositiveSmallIntegerField(_("สิ้นสุดเดือนที่ของปีงบประมาณ"), default=12)
    responsible_units = models.ManyToManyField(Unit, blank=True, related_name="measures")
    responsible_people = models.ManyToManyField(Person, blank=True, related_name="measures")
    responsible_note = models.CharField(_("ผู้รับผิดชอบ (เพิ่มเติม)"), max_length=300, blank=True)
    expected_outcome = models.TextField(_("ผลลัพธ์ที่คาดหวัง"), blank=True)
    kb_key = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = pgettext_lazy("record", "มาตรการ")
        verbose_name_plural = pgettext_lazy("record", "มาตรการ")

    def __str__(self) -> str:
        return self.title

    @property
    def fiscal_year(self) -> int:
        return self.issue.plan.fiscal_year

    @property
    def start_date(self) -> dt.date:
        return fiscal_month_date(self.fiscal_year, self.start_month)

    @property
    def end_date(self) -> dt.date:
        return fiscal_month_date(self.fiscal_year, self.end_month, end=True)

    @property
    def planned_quarters(self) -> list[int]:
        return sorted({(m - 1) // 3 + 1 for m in range(self.start_month, self.end_month + 1)})

    @property
    def local_timeline(self) -> str:
        """timeline_label in the UI's language and digits (documents use timeline_label)."""
        if thai.ui_is_thai():
            return self.timeline_label(thai.page_digits())
        if self.start_month == 1 and self.end_month == 12:
            return _("ตลอดปีงบประมาณ พ.ศ. %(year)s") % {"year": self.fiscal_year}
        return thai.local_month_range(self.start_date, self.end_date)

    def timeline_label(self, digits_style: thai.Digits = "thai") -> str:
        if self.start_month == 1 and self.end_month == 12:
            return thai.digits(f"ตลอดปีงบประมาณ พ.ศ. {self.fiscal_year}", digits_style)
        return thai.month_range(self.start_date, self.end_date, digits_style=digits_style)


class PlanRevision(OfficialCopy):
    """One entry of a plan's history: who did what, when, and the plan as it was after."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=50)
    summary = models.CharField(max_length=300)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"
