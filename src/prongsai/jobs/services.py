from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.documents import document_kinds
from prongsai.core.thai import is_fiscal_year, to_thai_digits
from prongsai.jobs.models import DocumentJob
from prongsai.orgs.models import Agency


def job_start(
    *, agency: Agency, user: Any, fiscal_year: int, kinds: list[str], formats: list[str]
) -> DocumentJob:
    """Queue a batch of documents; a worker renders them (inline with the immediate backend)."""
    from prongsai.jobs.tasks import render_documents

    kinds, formats = list(dict.fromkeys(kinds)), list(dict.fromkeys(formats))  # each once
    if not is_fiscal_year(fiscal_year):
        raise ValidationError(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๗"))
    unknown = [k for k in kinds if k not in document_kinds()]
    if unknown or not kinds:
        raise ValidationError(_("เลือกเอกสารที่จะสร้างอย่างน้อยหนึ่งชนิด"))
    if not formats or any(f not in ("pdf", "docx") for f in formats):
        raise ValidationError(_("เลือกรูปแบบไฟล์ PDF หรือ DOCX"))
    largest = settings.PRONGSAI_BATCH_MAX_DOCUMENTS
    if len(kinds) * len(formats) > largest:
        raise ValidationError(
            to_thai_digits(
                _("งานหนึ่งสร้างเอกสารได้ไม่เกิน %(n)d ไฟล์ เลือกเอกสารให้น้อยลง") % {"n": largest}
            )
        )
    with transaction.atomic():
        # one agency's batches at a time: two posts at once cannot both pass the count
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        active = DocumentJob.objects.filter(
            agency=agency, status__in=[DocumentJob.Status.QUEUED, DocumentJob.Status.RUNNING]
        ).count()
        if active >= settings.PRONGSAI_BATCH_MAX_ACTIVE:
            raise ValidationError(
                to_thai_digits(
                    _(
                        "หน่วยงานมีงานสร้างเอกสารที่รอคิวหรือกำลังทำอยู่ %(n)d งานแล้ว "
                        "โปรดรอให้งานที่ค้างอยู่เสร็จ หรือให้ผู้ดูแลของหน่วยงานยกเลิกงานที่ไม่ต้องการ"
                    )
                    % {"n": active}
                )
            )
        job = _job_create(agency, user, fiscal_year, kinds, formats)
    transaction.on_commit(lambda: render_documents.enqueue(job.pk))
    return job


def _job_create(
    agency: Agency, user: Any, fiscal_year: int, kinds: list[str], formats: list[str]
) -> DocumentJob:
    return DocumentJob.objects.create(
        agency=agency,
        requested_by=user,
        fiscal_year=fiscal_year,
        kinds=kinds,
        formats=formats,
        total=len(kinds) * len(formats),
    )


def job_cancel(job: DocumentJob) -> bool:
    """Cancel a queued or running batch (the worker stops before its next document); False when
    it had already finished."""
    return bool(
        DocumentJob.objects.filter(
            pk=job.pk, status__in=[DocumentJob.Status.QUEUED, DocumentJob.Status.RUNNING]
        ).update(status=DocumentJob.Status.CANCELLED, finished_at=timezone.now())
    )
