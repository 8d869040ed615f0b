"""The background task: render every document of a job into one zip under MEDIA_ROOT/jobs."""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from prongsai.core.documents import (
    DocumentOptions,
    DocumentUnavailable,
    build_document,
    cycle_year,
)
from prongsai.core.queued import failure_message
from prongsai.core.thai import to_thai_digits
from prongsai.documents import render
from prongsai.jobs.models import DocumentJob


def cycle_readme(job: DocumentJob, contents: list[str]) -> str:
    """What the set is: one cycle's documents, each named by the year it is of."""
    lines = [
        f"ชุดเอกสารประจำปีงบประมาณ พ.ศ. {job.fiscal_year} ของ{job.agency.full_name}",
        "มาตรการและรายงานของปีงบประมาณนี้ พร้อมการวิเคราะห์ผลการประเมิน ITA ที่มาตรการจัดทำจาก",
        "",
        *contents,
    ]
    return to_thai_digits("\n".join(lines)) + "\n"


@task()
def render_documents(job_id: int) -> str:
    job = DocumentJob.objects.select_related("agency").get(pk=job_id)
    job.total = len(job.kinds) * len(job.formats)
    live = DocumentJob.objects.filter(pk=job.pk).exclude(status=DocumentJob.Status.CANCELLED)
    if not live.update(status=DocumentJob.Status.RUNNING, total=job.total):
        return ""  # cancelled before a worker took it
    folder = Path(settings.MEDIA_ROOT) / "jobs"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{job.agency.slug}-cycle-{job.fiscal_year}-{job.pk}.zip"
    tmp = folder / (name + ".part")
    notes: list[str] = []
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            contents: list[str] = []
            for kind in job.kinds:
                year = cycle_year(kind, job.agency, job.fiscal_year)
                try:
                    document = build_document(kind, job.agency, year, DocumentOptions())
                except DocumentUnavailable as e:
                    notes.append(f"{kind}: {e}")
                    document = None
                else:
                    title = getattr(document, "title", kind)
                    contents.append(f"- {title} ({kind}-{job.agency.slug}-{year})")
                for fmt in job.formats:
                    if not live.exists():  # the agency admin cancelled it: stop here
                        tmp.unlink(missing_ok=True)
                        return ""
                    if document is not None:
                        zf.writestr(f"{kind}-{job.agency.slug}-{year}.{fmt}", render(document, fmt))
                    job.done += 1
                    DocumentJob.objects.filter(pk=job.pk).update(done=job.done)
            zf.writestr("อ่านก่อน.txt", cycle_readme(job, contents))
        tmp.replace(folder / name)
    except Exception:
        tmp.unlink(missing_ok=True)
        live.update(
            status=DocumentJob.Status.FAILED,
            messages=[*notes, failure_message("document job", job.pk)],
            finished_at=timezone.now(),
        )
        raise
    if not live.update(
        status=DocumentJob.Status.DONE,
        result_path=f"jobs/{name}",
        messages=notes or [to_thai_digits(f"สร้างเอกสาร {job.total} ไฟล์แล้ว")],
        finished_at=timezone.now(),
    ):
        (folder / name).unlink(missing_ok=True)  # cancelled during the last document
        return ""
    return name
