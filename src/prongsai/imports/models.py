"""An uploaded document read into a draft, waiting for the officer's review before anything is
saved as a plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prongsai.orgs.models import Agency


class ImportDraft(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "รอตรวจทาน"
        SAVED = "saved", "บันทึกเป็นมาตรการแล้ว"
        DISCARDED = "discarded", "ยกเลิก"

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
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.kind})"
