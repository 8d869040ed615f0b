"""A batch of documents rendered in the background (a worker process), with visible progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.queued import QueuedWork
from prongsai.orgs.models import Agency


class DocumentJob(QueuedWork, models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("รอคิว")
        RUNNING = "running", _("กำลังสร้างเอกสาร")
        DONE = "done", _("เสร็จแล้ว")
        FAILED = "failed", _("ไม่สำเร็จ")
        CANCELLED = "cancelled", _("ยกเลิกแล้ว")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="document_jobs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    fiscal_year = models.PositiveIntegerField()
    kinds = models.JSONField()  # ["plan", "analysis", ...]
    formats = models.JSONField()  # ["pdf", "docx"]
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    messages = models.JSONField(default=list)  # Thai notes: documents skipped and why
    result_path = models.CharField(max_length=300, blank=True)  # under MEDIA_ROOT
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("งานสร้างเอกสาร")
        verbose_name_plural = _("งานสร้างเอกสาร")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.agency} ปีงบประมาณ {self.fiscal_year}"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
