"""A batch of documents rendered in the background (a worker process), with visible progress;
and the heartbeat of every running worker process."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.files import StoredPath
from prongsai.core.queued import QueuedWork
from prongsai.orgs.models import Agency


class DocumentJob(QueuedWork):
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
    result_path = StoredPath(blank=True)  # the zip's name in the store (core.files)
    # Each document made so far, "kind.format" -> its kept file ("" when the kind had no data):
    # a batch taken over from a dead worker resumes from here instead of from zero.
    parts = models.JSONField(default=dict)
    titles = models.JSONField(default=dict)  # kind -> the document's title, for the zip's read-me
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

    def task_enqueue(self) -> None:
        from prongsai.jobs.tasks import render_documents

        render_documents.enqueue(self.pk)

    def partial_discard(self) -> None:
        from prongsai.core.files import delete

        for path in self.parts.values():
            delete(path)
        if self.status != self.Status.DONE:
            delete(self.result_path)

    def gave_up_messages(self) -> list[str]:
        return [
            str(
                _(
                    "ตัวทำงานเบื้องหลังหยุดไประหว่างสร้างเอกสารชุดนี้ %(n)s ครั้ง ระบบจึงหยุดลองใหม่ "
                    "และลบไฟล์ที่สร้างไว้บางส่วนแล้ว สั่งสร้างเอกสารใหม่อีกครั้ง หรือแจ้งผู้ดูแลระบบ"
                )
                % {"n": self.attempts}
            )
        ]


class WorkerBeat(models.Model):
    """One running `prongsai worker` process and when it was last heard of (every few seconds):
    readiness checks count the live ones (`prongsai.jobs.selectors.workers_alive`)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("ตัวทำงานเบื้องหลัง")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} ({self.last_seen:%H:%M:%S})"
