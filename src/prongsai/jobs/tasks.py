"""The background task: render every document of a job, one document per chunk, then zip them.

Each document is kept as it is made (through `core.files`) and named in the job's `parts` in the
same update that renews its lease; a batch taken over from a dead worker skips the documents it
already has. On SIGTERM the worker finishes the document in hand, and hands the job back. A
cancelled batch (`job_cancel`) stops before its next document: its lease can no longer be
renewed."""

from __future__ import annotations

import zipfile

from django.utils import timezone
from django_tasks import task

from prongsai.core import queued
from prongsai.core.documents import (
    DocumentOptions,
    DocumentUnavailable,
    build_document,
    cycle_year,
)
from prongsai.core.files import bytes_store, copy_to, delete, stream_store, temporary_file
from prongsai.core.queued import failure_message
from prongsai.core.thai import to_thai_digits
from prongsai.documents import render
from prongsai.jobs.models import DocumentJob


def cycle_readme(job: DocumentJob, contents: list[tuple[str, str]]) -> str:
    """What the set is: one cycle's documents, each (title, file name) named by the year it is
    of. The text is in Thai digits; the file names stay as they are in the zip."""
    lines = [
        to_thai_digits(f"ชุดเอกสารประจำปีงบประมาณ พ.ศ. {job.fiscal_year} ของ{job.agency.full_name}"),
        "มาตรการและรายงานของปีงบประมาณนี้ พร้อมการวิเคราะห์ผลการประเมิน ITA ที่มาตรการจัดทำจาก",
        "",
        *(f"- {to_thai_digits(title)} ({name})" for title, name in contents),
    ]
    return "\n".join(lines) + "\n"


@task()
def render_documents(job_id: int) -> str:
    job = queued.job_claim(DocumentJob, job_id)
    if job is None:
        return ""  # finished, cancelled, or run by another worker
    try:
        return _render(job)
    except queued.JobLost:
        return ""  # cancelled (job_cancel removed its files), or taken over by another worker
    except Exception:
        DocumentJob.objects.filter(
            pk=job.pk, status=DocumentJob.Status.RUNNING, worker_id=queued.worker_id()
        ).update(
            status=DocumentJob.Status.FAILED,
            messages=[*job.messages, failure_message("document job", job.pk)],
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        job.partial_discard()
        raise


def _render(job: DocumentJob) -> str:
    agency = job.agency
    # one consistent set for the cycle: each kind's document of the year that belongs to it
    years = {kind: cycle_year(kind, agency, job.fiscal_year) for kind in job.kinds}
    total = len(job.kinds) * len(job.formats)
    queued.job_beat(job, total=total, done=len(job.parts))
    for kind in job.kinds:
        missing = [f for f in job.formats if f"{kind}.{f}" not in job.parts]
        if not missing:
            continue
        try:
            document = build_document(kind, agency, years[kind], DocumentOptions())
            if kind not in job.titles:
                title = str(getattr(document, "title", kind))
                queued.job_beat(job, titles={**job.titles, kind: title})
        except DocumentUnavailable as e:
            parts = {**job.parts, **{f"{kind}.{f}": "" for f in missing}}
            queued.job_beat(
                job, parts=parts, done=len(parts), messages=[*job.messages, f"{kind}: {e}"]
            )
            continue
        for fmt in missing:
            stored = bytes_store(render(document, fmt), folder=f"jobs/{job.pk}", extension=fmt)
            parts = {**job.parts, f"{kind}.{fmt}": stored.path}
            try:
                queued.job_beat(job, parts=parts, done=len(parts))
            except queued.JobLost:
                delete(stored.path)  # the new holder makes its own
                raise
            if queued.stop_requested():
                queued.job_release(job)
                return "released"
    with temporary_file() as scratch:  # the zip on the worker's disk, then kept in the store
        with zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as zf:
            for key, path in job.parts.items():
                if path:
                    kind, fmt = key.split(".")
                    with zf.open(f"{kind}-{agency.slug}-{years[kind]}.{fmt}", "w") as member:
                        copy_to(path, member)
            contents = [
                (job.titles[kind], f"{kind}-{agency.slug}-{years[kind]}")
                for kind in job.kinds
                if kind in job.titles
            ]
            zf.writestr("อ่านก่อน.txt", cycle_readme(job, contents))
        stored = stream_store(scratch, folder="jobs", extension="zip")
    done = DocumentJob.objects.filter(
        pk=job.pk, status=DocumentJob.Status.RUNNING, worker_id=queued.worker_id()
    ).update(
        status=DocumentJob.Status.DONE,
        result_path=stored.path,
        messages=job.messages or [to_thai_digits(f"สร้างเอกสาร {total} ไฟล์แล้ว")],
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    if not done:
        delete(stored.path)
        raise queued.JobLost(job.pk)
    for path in job.parts.values():
        delete(path)
    return stored.path
