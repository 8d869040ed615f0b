"""An agency's ITA result for one fiscal year, as published by the NACC (ITAS).

Indicators, questions and OIT items are stored by number/code, so correcting the year's framework
never touches results. Totals the officer typed in are kept as typed (`entered_*`); the computed
ones (`overall`, `tools`, `level`, `passed`) are recomputed on every save, and disagreements are
shown, never silently overwritten.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.frameworks.models import Framework
from prongsai.orgs.models import Agency


class Result(models.Model):
    class Source(models.TextChoices):
        FORM = "form", _("กรอกในแบบฟอร์ม")
        IMPORT = "import", _("นำเข้าจากไฟล์")
        DEMO = "demo", _("ข้อมูลสาธิต")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="ita_results")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="results")
    year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    # As typed in (from the ITAS result page); null when not given.
    entered_overall = models.DecimalField(
        _("คะแนนรวมที่กรอก"), null=True, blank=True, max_digits=5, decimal_places=2
    )
    entered_tools = models.JSONField(_("คะแนนเครื่องมือที่กรอก"), default=dict, blank=True)
    entered_level = models.CharField(_("ระดับที่กรอก"), max_length=40, blank=True)
    rank = models.PositiveIntegerField(_("ลำดับที่"), null=True, blank=True)
    ranked_count = models.PositiveIntegerField(
        _("จำนวนหน่วยงานประเภทเดียวกันที่จัดลำดับ"), null=True, blank=True
    )
    # Computed from the indicators by the year's framework.
    overall = models.DecimalField(_("คะแนนรวม"), max_digits=5, decimal_places=2)
    tools = models.JSONField(_("คะแนนรายเครื่องมือ"), default=dict)
    level = models.CharField(_("ระดับ"), max_length=40)
    passed = models.BooleanField(_("ผ่านเกณฑ์"))
    source = models.CharField(_("ที่มา"), max_length=10, choices=Source.choices, default=Source.FORM)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["agency", "year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="result_one_per_agency_year")
        ]
        indexes = [models.Index(fields=["year", "overall"])]
        verbose_name = _("ผลการประเมิน ITA")
        verbose_name_plural = _("ผลการประเมิน ITA")

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.overall}"


class IndicatorScore(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicator_scores")
    number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    score = models.DecimalField(_("คะแนน"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("คะแนนตัวชี้วัด")
        verbose_name_plural = _("คะแนนตัวชี้วัด")
        ordering = ["result", "number"]
        constraints = [
            models.UniqueConstraint(fields=["result", "number"], name="indicatorscore_unique")
        ]

    def __str__(self) -> str:
        return f"ตัวชี้วัดที่ {self.number}: {self.score}"


class QuestionScore(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="question_scores")
    code = models.CharField(_("ข้อ"), max_length=10)
    score = models.DecimalField(_("คะแนน"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("คะแนนรายข้อคำถาม")
        verbose_name_plural = _("คะแนนรายข้อคำถาม")
        constraints = [
            models.UniqueConstraint(fields=["result", "code"], name="questionscore_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.score}"


class OitItemResult(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="oit_results")
    code = models.CharField(_("ข้อ"), max_length=10)
    passed = models.BooleanField(_("ผ่าน"))

    class Meta:
        verbose_name = _("ผลรายการ OIT")
        verbose_name_plural = _("ผลรายการ OIT")
        constraints = [models.UniqueConstraint(fields=["result", "code"], name="oitresult_unique")]

    def __str__(self) -> str:
        return f"{self.code}: {'ผ่าน' if self.passed else 'ไม่ผ่าน'}"
