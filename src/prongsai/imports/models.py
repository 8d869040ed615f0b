"""An uploaded document read into a draft, waiting for the officer's review before anything is
saved as a plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Agency

# The kinds docimport recognises (docimport.kinds.KINDS), named for the officer.
KIND_LABELS = {
    "analysis": gettext_noop("ผลการวิเคราะห์ผลการประเมิน ITA"),
    "plan": gettext_noop("มาตรการส่งเสริมคุณธรรมและความโปร่งใส"),
    "progress_report": gettext_noop("รายงานผลการดำเนินการระหว่างปี"),
    "annual_report": gettext_noop("รายงานผลการดำเนินการประจำปี"),
    "results": gettext_noop("ประกาศผลการประเมิน ITA"),
    "": gettext_noop("ไม่ทราบชนิดเอกสาร"),
}


class ImportDraft(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("รอตรวจทาน")
        SAVED = "saved", _("บันทึกเป็นมาตรการแล้ว")
        DISCARDED = "discarded", _("ยกเลิก")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="import_drafts")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    kind = models.CharField(max_length=30)
    fiscal_year = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField()
    findings = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("เอกสารที่นำเข้า")
        verbose_name_plural = _("เอกสารที่นำเข้า")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({KIND_LABELS.get(self.kind, KIND_LABELS[''])})"

    @property
    def kind_label(self) -> str:
        return gettext(KIND_LABELS.get(self.kind, KIND_LABELS[""]))
