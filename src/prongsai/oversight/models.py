"""One row that changes whenever data the oversight figures are made from changes, so the
figures computed for a version can be kept (in Django's cache) until the next change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.queued import QueuedWork


class DataVersion(models.Model):
    """A counter bumped after every committed change to results, plans, progress or places."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "รุ่นข้อมูลสำหรับการกำกับดูแล"

    def __str__(self) -> str:
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M})"


class BulkImport(QueuedWork, models.Model):
    """A checked bulk import file waiting for, or written by, a background worker: a national
    file of 8,000 rows takes a couple of minutes to save, longer than a web request should."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("รอคิว")
        RUNNING = "running", _("กำลังบันทึก")
        DONE = "done", _("เสร็จแล้ว")
        FAILED = "failed", _("ไม่สำเร็จ ไม่ได้บันทึกอะไร")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=200)
    content = models.BinaryField(editable=False)  # emptied once written
    rows = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    messages = models.JSONField(default=list)  # the report, or every problem (Thai)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("การนำเข้าผลการประเมินหลายหน่วยงาน")

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def percent(self) -> int:
        return {"queued": 0, "running": 50}.get(self.status, 100)

    @property
    def done(self) -> int:
        """Rows written: all of them at once, when the transaction commits."""
        return self.rows if self.status == self.Status.DONE else 0

    @property
    def total(self) -> int:
        return self.rows
