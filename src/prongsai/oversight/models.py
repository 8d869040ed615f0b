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


class BulkImport(QueuedWork):
    """A bulk import file waiting for, or written by, a background worker: the upload only keeps
    the file; the worker checks every row, then writes them in chunks of `bulk.CHUNK_ROWS`, each
    in its own short transaction, so officers' own saves never wait long behind it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("รอคิว")
        RUNNING = "running", _("กำลังตรวจและบันทึก")
        DONE = "done", _("เสร็จแล้ว")
        FAILED = "failed", _("ไม่สำเร็จ")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=200)
    file_path = models.CharField(
        max_length=300, blank=True
    )  # through core.files; removed once done
    rows = models.PositiveIntegerField(default=0)  # known once the file is checked
    written = models.PositiveIntegerField(default=0)  # rows committed so far (chunk by chunk)
    created = models.PositiveIntegerField(default=0)  # agencies created so far
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    messages = models.JSONField(default=list)  # the report, or every problem
    language = models.CharField(max_length=10, default="th")  # of the messages: the uploader's
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("การนำเข้าผลการประเมินหลายหน่วยงาน")

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.written / self.rows) if self.rows else 0

    @property
    def done(self) -> int:
        return self.written

    @property
    def total(self) -> int:
        return self.rows

    def task_enqueue(self) -> None:
        from prongsai.oversight.bulk import bulk_import_run

        bulk_import_run.enqueue(self.pk)

    def partial_discard(self) -> None:
        from prongsai.core.files import delete

        delete(self.file_path)

    def gave_up_messages(self) -> list[str]:
        return [
            str(
                _(
                    "ตัวทำงานเบื้องหลังหยุดไประหว่างนำเข้าไฟล์นี้ %(n)s ครั้ง ระบบจึงหยุดลองใหม่: "
                    "บันทึกแล้ว %(written)s จาก %(rows)s แถว ส่งไฟล์เดิมอีกครั้งได้ "
                    "(แถวที่บันทึกแล้วจะได้ค่าเดิม) หรือแจ้งผู้ดูแลระบบ"
                )
                % {"n": self.attempts, "written": self.written, "rows": self.rows}
            )
        ]
