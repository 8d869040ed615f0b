from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.documents import document_kinds
from prongsai.core.thai import is_fiscal_year
from prongsai.jobs.models import DocumentJob
from prongsai.orgs.models import Agency


def job_start(
    *, agency: Agency, user: Any, fiscal_year: int, kinds: list[str], formats: list[str]
) -> DocumentJob:
    """Queue a batch of documents; a worker renders them (inline with the immediate backend)."""
    from prongsai.jobs.tasks import render_documents

    if not is_fiscal_year(fiscal_year):
        raise ValidationError(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๗"))
    unknown = [k for k in kinds if k not in document_kinds()]
    if unknown or not kinds:
        raise ValidationError(_("เลือกเอกสารที่จะสร้างอย่างน้อยหนึ่งชนิด"))
    if not formats or any(f not in ("pdf", "docx") for f in formats):
        raise ValidationError(_("เลือกรูปแบบไฟล์ PDF หรือ DOCX"))
    job = DocumentJob.objects.create(
        agency=agency,
        requested_by=user,
        fiscal_year=fiscal_year,
        kinds=kinds,
        formats=formats,
        total=len(kinds) * len(formats),
    )
    transaction.on_commit(lambda: render_documents.enqueue(job.pk))
    return job
