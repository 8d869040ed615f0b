"""An agency's analysis of one year's ITA result: the rules chosen, the officer's own texts per
weak item (drafts come from the knowledge base until edited), and the constraints analysis."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Agency


class Analysis(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="ita_analyses")
    year = models.PositiveSmallIntegerField(_("ปีงบประมาณของผลการประเมิน"))
    rule_below_pass = models.BooleanField(_("ต่ำกว่าเกณฑ์ผ่าน"), default=True)
    rule_lowest_in_tool = models.BooleanField(_("ต่ำสุดในแต่ละเครื่องมือ"), default=True)
    rule_below_overall = models.BooleanField(_("ต่ำกว่าคะแนนรวมของหน่วยงาน"), default=False)
    threshold = models.DecimalField(
        _("ต่ำกว่าคะแนนที่กำหนด"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    include_questions = models.BooleanField(_("พิจารณารายข้อคำถามด้วย"), default=True)
    constraints = models.TextField(_("วิเคราะห์ข้อจำกัดของหน่วยงาน"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="analysis_one_per_agency_year")
        ]
        verbose_name = _("การวิเคราะห์ผลการประเมิน")
        verbose_name_plural = _("การวิเคราะห์ผลการประเมิน")

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class AnalysisNote(models.Model):
    """The officer's text for one weak indicator or question."""

    class Kind(models.TextChoices):
        INDICATOR = "indicator", _("ตัวชี้วัด")
        QUESTION = "question", _("ข้อคำถาม")
        OIT = "oit", _("รายการ OIT")

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    code = models.CharField(max_length=10)  # "4" for indicator 4, "i19" for a question
    deficiency = models.TextField(_("ข้อบกพร่อง"), blank=True)
    development = models.TextField(_("ประเด็นที่ควรพัฒนาหรือแก้ไข"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ข้อบกพร่องและประเด็นที่ควรพัฒนา")
        verbose_name_plural = _("ข้อบกพร่องและประเด็นที่ควรพัฒนา")
        constraints = [
            models.UniqueConstraint(fields=["analysis", "kind", "code"], name="analysisnote_unique")
        ]

    def __str__(self) -> str:
        return f"{self.analysis} {self.kind} {self.code}"
