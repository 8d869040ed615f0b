"""Q&A board, satisfaction survey per service, the complaint-handling guideline (O16).

Nothing here stores who wrote a question or a rating: no address, no browser data, no name."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.files import OfficialCopy, StoredPath


class Service(models.Model):
    """A service the agency gives the public, rated in the satisfaction survey (EIT e11/e14)."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("ชื่องานบริการ"), max_length=200)
    description = models.CharField(_("คำอธิบาย"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("ลำดับ"), default=0)
    active = models.BooleanField(_("เปิดรับการประเมิน"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("งานบริการ")
        verbose_name_plural = _("งานบริการ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="feedback_service_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """One answer to the survey: a score and an optional comment. Nothing about who sent it."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.CASCADE, related_name="ratings")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(
        _("คะแนนความพึงพอใจ"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("ความคิดเห็น"), blank=True, max_length=1000)
    at = models.DateTimeField(_("วันที่ประเมิน"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("ผลการประเมินความพึงพอใจ")
        verbose_name_plural = _("ผลการประเมินความพึงพอใจ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="feedback_rating_score_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.score}"


class QuestionStatus(models.TextChoices):
    NEW = "new", _("รอตอบ")
    HELD = "held", _("พักไว้ (สงสัยเป็นสแปม)")
    ANSWERED = "answered", _("ตอบแล้ว (เผยแพร่)")
    REJECTED = "rejected", _("ไม่เผยแพร่")


class Question(models.Model):
    """A citizen's question (no login). Public only once answered by an officer."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.CASCADE, related_name="questions")
    subject = models.CharField(_("เรื่อง"), max_length=200)
    text = models.TextField(_("คำถาม"), max_length=2000)
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    answer = models.TextField(_("คำตอบ"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(_("วันที่ตอบ"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ตอบ"),
    )
    asked_at = models.DateTimeField(_("วันที่ถาม"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("คำถาม (ถาม-ตอบ)")
        verbose_name_plural = _("คำถาม (ถาม-ตอบ)")

    def __str__(self) -> str:
        return self.subject


class Guideline(models.Model):
    """The agency's complaint-handling settings the O16 guideline is written from."""

    agency = models.OneToOneField(
        "orgs.Agency", on_delete=models.CASCADE, related_name="complaint_guideline"
    )
    responsible_unit = models.CharField(_("หน่วยงานที่รับผิดชอบ"), max_length=300, blank=True)
    days_to_finish = models.PositiveSmallIntegerField(
        _("ระยะเวลาดำเนินการให้แล้วเสร็จ (วัน)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    steps = models.TextField(_("ขั้นตอนการจัดการเรื่องร้องเรียน (บรรทัดละขั้นตอน)"), blank=True)
    channels = models.TextField(_("ช่องทางการร้องเรียน (บรรทัดละช่องทาง)"), blank=True)
    contact = models.CharField(_("ติดต่อสอบถาม"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("แนวปฏิบัติการจัดการเรื่องร้องเรียน")
        verbose_name_plural = _("แนวปฏิบัติการจัดการเรื่องร้องเรียน")

    def __str__(self) -> str:
        return f"{self.agency_id}"


class GuidelineCopy(OfficialCopy, models.Model):
    """One published copy of the guideline (PDF kept, DOCX alongside): the public document."""

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.CASCADE, related_name="guideline_copies"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    at = models.DateTimeField(_("วันที่เผยแพร่"), auto_now_add=True)
    docx_path = StoredPath(max_length=300, blank=True)
    docx_size = models.PositiveBigIntegerField(default=0)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("ฉบับเผยแพร่ของแนวปฏิบัติการจัดการเรื่องร้องเรียน")
        verbose_name_plural = _("ฉบับเผยแพร่ของแนวปฏิบัติการจัดการเรื่องร้องเรียน")

    def __str__(self) -> str:
        return f"{self.agency_id} {self.fiscal_year} {self.at:%Y-%m-%d}"
