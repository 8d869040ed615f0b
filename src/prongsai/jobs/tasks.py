"""The background task: render every document of a job into one zip on the worker's scratch disk,
then keep it through `prongsai.core.files` (jobs/…), where every web machine can serve it."""

from __future__ import annotations

import zipfile

from django.utils import timezone
from django_tasks import task

from prongsai.core import files
from prongsai.core.documents import DocumentOptions, DocumentUnavailable, build_document
from prongsai.core.queued import failure_message
from prongsai.core.thai import to_thai_digits
from prongsai.documents import render
from prongsai.jobs.models import DocumentJob


@task()
def render_documents(job_id: int) -> str:
    job = DocumentJob.objects.select_related("agency").get(pk=job_id)
    job.total = len(job.kinds) * len(job.formats)
    live = DocumentJob.objects.filter(pk=job.pk).exclude(status=DocumentJob.Status.CANCELLED)
    if not live.update(status=DocumentJob.Status.RUNNING, total=job.total):
        return ""  # cancelled before a worker took it
    name = f"{job.agency.slug}-{job.fiscal_year}-{job.pk}.zip"
    notes: list[str] = []
    try:
        with files.temporary_file() as scratch:
            with zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as zf:
                for kind in job.kinds:
                    try:
                        document = build_document(
                            kind, job.agency, job.fiscal_year, DocumentOptions()
                        )
                    except DocumentUnavailable as e:
                        notes.append(f"{kind}: {e}")
                        document = None
                    for fmt in job.formats:
                        if not live.exists():  # the agency admin cancelled it: stop here
                            return ""  # (the scratch file goes with the block)
                        if document is not None:
                            zf.writestr(
                                f"{kind}-{job.agency.slug}-{job.fiscal_year}.{fmt}",
                                render(document, fmt),
                            )
                        job.done += 1
                        DocumentJob.objects.filter(pk=job.pk).update(done=job.done)
            stored = files.stream_store(scratch, name=f"jobs/{name}")
    except Exception:
        live.update(
            status=DocumentJob.Status.FAILED,
            messages=[*notes, failure_message("document job", job.pk)],
            finished_at=timezone.now(),
        )
        raise
    if not live.update(
        status=DocumentJob.Status.DONE,
        result_path=stored.path,
        messages=notes or [to_thai_digits(f"สร้างเอกสาร {job.total} ไฟล์แล้ว")],
        finished_at=timezone.now(),
    ):
        files.delete(stored.path)  # cancelled during the last document
        return ""
    return name
