"""Every write of the feedback app. Public writes (a question, a rating) take only what the form
checked and keep nothing about the sender."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.text import clean_text
from prongsai.feedback.models import (
    Guideline,
    GuidelineCopy,
    Question,
    QuestionStatus,
    Rating,
    Service,
)
from prongsai.orgs.models import Agency

_LINK = re.compile(r"(https?://|www\.|\.com\b|\.ru\b|\.xyz\b)", re.IGNORECASE)
# Held back for an officer to look at before it can be answered: what spam looks like.
MAX_LINKS = 1


def looks_like_spam(*texts: str) -> bool:
    text = " ".join(texts)
    if len(_LINK.findall(text)) > MAX_LINKS:
        return True
    letters = [ch for ch in text if not ch.isspace()]
    return bool(letters) and len(set(letters)) <= 2 and len(letters) > 10  # "aaaaaaaaaaaa"


def question_ask(agency: Agency, *, subject: str, text: str) -> Question:
    subject, text = clean_text(subject).strip(), clean_text(text).strip()
    if not subject or not text:
        raise ValidationError(_("กรุณาระบุเรื่องและคำถาม"))
    status = QuestionStatus.HELD if looks_like_spam(subject, text) else QuestionStatus.NEW
    return Question.objects.create(agency=agency, subject=subject, text=text, status=status)


def _locked(question: Question) -> Question:
    fresh = Question.objects.select_for_update().filter(pk=question.pk).first()
    if fresh is None:
        raise ValidationError(_("คำถามนี้ถูกลบไปแล้ว"))
    return fresh


@transaction.atomic
def question_answer(question: Question, *, user: Any, answer: str) -> Question:
    """Answer a question and publish it (also a held or rejected one: the officer decides)."""
    answer = clean_text(answer).strip()
    if not answer:
        raise ValidationError({"answer": _("กรุณาเขียนคำตอบ")})
    question = _locked(question)
    question.answer = answer
    question.status = QuestionStatus.ANSWERED
    question.answered_at = question.answered_at or timezone.now()
    question.answered_by = user
    question.save()
    return question


@transaction.atomic
def question_set_status(question: Question, status: str) -> Question:
    """Reject (never published), release a held one to the queue, or withdraw an answer."""
    if status not in (QuestionStatus.NEW, QuestionStatus.REJECTED):
        raise ValidationError(_("สถานะไม่ถูกต้อง"))
    question = _locked(question)
    question.status = status
    question.save(update_fields=["status"])
    return question


@transaction.atomic
def question_delete(question: Question) -> None:
    _locked(question).delete()


def service_save(service: Service) -> Service:
    service.name = clean_text(service.name).strip()
    if not service.name:
        raise ValidationError({"name": _("กรุณาระบุชื่องานบริการ")})
    duplicate = Service.objects.filter(agency_id=service.agency_id, name=service.name)
    if duplicate.exclude(pk=service.pk).exists():
        raise ValidationError({"name": _("มีงานบริการชื่อนี้แล้ว")})
    service.save()
    return service


@transaction.atomic
def service_delete(service: Service) -> None:
    service.delete()


def rating_add(service: Service, *, score: int, comment: str = "") -> Rating:
    if not service.active:
        raise ValidationError(_("งานบริการนี้ปิดรับการประเมินแล้ว"))
    if score not in range(1, 6):
        raise ValidationError({"score": _("กรุณาเลือกคะแนน ๑ ถึง ๕")})
    return Rating.objects.create(
        agency_id=service.agency_id,
        service=service,
        score=score,
        comment=clean_text(comment).strip()[:1000],
    )


def guideline_of(agency: Agency) -> Guideline:
    """The agency's settings, or unsaved defaults (the usual steps) when it has none yet."""
    found = Guideline.objects.filter(agency=agency).first()
    if found is not None:
        return found
    return Guideline(
        agency=agency,
        steps="\n".join(
            [
                _("รับเรื่องร้องเรียนจากทุกช่องทางและลงทะเบียนรับเรื่อง"),
                _("ตรวจสอบข้อเท็จจริงและส่งเรื่องให้หน่วยงานที่เกี่ยวข้อง"),
                _("แจ้งผู้ร้องเรียนว่ารับเรื่องแล้วภายใน ๓ วันทำการ"),
                _("ดำเนินการแก้ไขและติดตามผล"),
                _("แจ้งผลการดำเนินการให้ผู้ร้องเรียนทราบ และรายงานผู้บริหาร"),
            ]
        ),
        channels="\n".join(
            [
                _("ยื่นด้วยตนเองที่สำนักงาน"),
                _("ทางเว็บไซต์ของหน่วยงาน (แบบฟอร์มออนไลน์)"),
                _("ทางโทรศัพท์"),
                _("ทางไปรษณีย์"),
            ]
        ),
    )


def guideline_save(guideline: Guideline) -> Guideline:
    guideline.steps = clean_text(guideline.steps).strip()
    guideline.channels = clean_text(guideline.channels).strip()
    if not guideline.steps:
        raise ValidationError({"steps": _("กรุณาระบุขั้นตอนอย่างน้อยหนึ่งขั้นตอน")})
    guideline.save()
    return guideline


def guideline_publish(
    guideline: Guideline, year: int, online: list[tuple[str, str]], user: Any = None
) -> GuidelineCopy:
    """Publish the guideline for fiscal year `year` (any year: a copy per year, the newest of
    a year current): the PDF and DOCX are rendered once and kept as the agency's official copy,
    which the public documents page lists and the OIT register row of that year links to."""
    from prongsai import documents as engine
    from prongsai.core.files import bytes_store
    from prongsai.core.thai import is_fiscal_year
    from prongsai.feedback.documents import guideline_document

    if not is_fiscal_year(year):
        raise ValidationError(_("ปีงบประมาณไม่ถูกต้อง"))
    document = guideline_document(guideline, year, online)
    pdf = bytes_store(engine.render(document, "pdf"), folder="guidelines", extension="pdf")
    docx = bytes_store(engine.render(document, "docx"), folder="guidelines", extension="docx")
    with transaction.atomic():
        return GuidelineCopy.objects.create(
            agency=guideline.agency,
            fiscal_year=year,
            copy_path=pdf.path,
            copy_size=pdf.size,
            copy_sha256=pdf.sha256,
            docx_path=docx.path,
            docx_size=docx.size,
            docx_sha256=docx.sha256,
            published_by=user if getattr(user, "is_authenticated", False) else None,
        )
