"""The ITA framework of each fiscal year, loaded from its YAML file (see files.py).

Rows are keyed by the year and the codes of the file, so loading a corrected file updates them in
place. Results refer to indicators and questions by number and code, never by row id.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.publications import document_kinds


class Confidence(models.TextChoices):
    C2 = "C2", _("ยืนยันจาก ๒ แหล่งขึ้นไป")
    C1 = "C1", _("จากแหล่งเดียว")
    INF = "INF", _("อนุมาน")
    REC = "REC", _("จากความจำ ยังไม่ยืนยัน")
    OURS = "ours", _("กำหนดโดยโครงการ")


class Provenanced(models.Model):
    confidence = models.CharField(_("ความน่าเชื่อถือ"), max_length=4, choices=Confidence.choices)
    sources = models.JSONField(_("แหล่งที่มา"), default=list)
    source_note = models.TextField(_("หมายเหตุที่มา"), blank=True)

    class Meta:
        abstract = True

    def set_provenance(self, provenance: dict[str, Any]) -> None:
        self.confidence = provenance["confidence"]
        self.sources = list(provenance.get("sources") or [])
        self.source_note = provenance.get("note") or ""


class Framework(Provenanced):
    """One fiscal year's criteria. The provenance fields describe its level scheme."""

    class Origin(models.TextChoices):
        PACKAGE = "package", _("ไฟล์ที่มากับระบบ")
        UPLOAD = "upload", _("อัปโหลดโดยผู้ดูแลระบบ")
        FILE = "file", _("โหลดจากไฟล์ด้วยคำสั่ง")

    year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"), unique=True)
    title_th = models.CharField(_("ชื่อเกณฑ์"), max_length=200)
    status_th = models.TextField(_("สถานะข้อมูล"), blank=True)
    level_scheme = models.CharField(_("แบบระดับผลการประเมิน"), max_length=20)
    pass_mark = models.DecimalField(_("เกณฑ์ผ่าน"), max_digits=5, decimal_places=2)
    levels = models.JSONField(_("ระดับผลการประเมิน"), default=list)
    oit_display_prefix = models.CharField(max_length=1, default="o")
    data = models.JSONField(_("ข้อมูลทั้งไฟล์"))
    content_hash = models.CharField(max_length=64)
    origin = models.CharField(_("ที่มา"), max_length=10, choices=Origin.choices)
    loaded_at = models.DateTimeField(_("โหลดเมื่อ"), auto_now=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("เกณฑ์การประเมิน ITA")
        verbose_name_plural = _("เกณฑ์การประเมิน ITA")

    def __str__(self) -> str:
        return self.title_th

    def display_code(self, code: str) -> str:
        """ "o42" in FY2566, "O25" from FY2567 on, as the NACC writes them."""
        if code.startswith("o"):
            return f"{self.oit_display_prefix}{code[1:]}"
        return code


class Tool(Provenanced):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="tools")
    code = models.CharField(_("รหัส"), max_length=10)
    name_th = models.CharField(_("ชื่อเครื่องมือ"), max_length=200)
    weight = models.DecimalField(_("น้ำหนัก (ร้อยละ)"), max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="tool_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"


class Indicator(Provenanced):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    name_th = models.CharField(_("ชื่อตัวชี้วัด"), max_length=200)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="indicator_unique_number")
        ]

    def __str__(self) -> str:
        return f"ตัวชี้วัดที่ {self.number} {self.name_th}"


class Question(Provenanced):
    class AnswerType(models.TextChoices):
        FOUR_LEVEL = "four_level", _("๔ ระดับ")
        YES_NO = "yes_no", _("มี/ไม่มี")
        MULTI_PART = "multi_part", _("หลายส่วน")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="questions")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("รหัสข้อ"), max_length=10)
    text = models.TextField(_("ข้อคำถาม"), null=True, blank=True)
    answer_type = models.CharField(
        _("ประเภทคำตอบ"), max_length=12, choices=AnswerType.choices, null=True, blank=True
    )
    reverse = models.BooleanField(_("กลับคะแนน"), null=True, blank=True)
    sub_items = models.JSONField(_("ข้อย่อย"), default=list)
    # earlier wordings of this code, each {text, used_in, provenance}; never the current text
    superseded_texts = models.JSONField(_("ถ้อยคำเดิม"), default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="question_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text or '(ไม่ทราบถ้อยคำ)'}"


PERIOD_LABELS = {
    "current": _("ปีงบประมาณปัจจุบัน"),
    "previous_fy": _("ปีงบประมาณที่ผ่านมา"),
}
CALENDAR_LABELS = {
    "registration": _("ลงทะเบียนหน่วยงาน"),
    "assessment": _("ช่วงการประเมิน"),
    "oit_entry": _("ช่วงตอบแบบ OIT ในระบบ ITAS"),
    "oit_scoring": _("ช่วงตรวจให้คะแนน OIT"),
    "clarification": _("ช่วงชี้แจงผลเบื้องต้น"),
    "confirmation": _("ช่วงยืนยันผล"),
    "results": _("ประกาศผล"),
}


class OitItem(Provenanced):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="oit_items")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="oit_items"
    )
    code = models.CharField(_("รหัสข้อ"), max_length=10)
    sub_indicator = models.CharField(_("ตัวชี้วัดย่อย"), max_length=10, blank=True)
    sub_indicator_name = models.CharField(_("ชื่อตัวชี้วัดย่อย"), max_length=200, blank=True)
    group_th = models.CharField(_("กลุ่ม"), max_length=200, blank=True)
    title = models.TextField(_("ชื่อรายการ"), null=True, blank=True)
    requirement = models.TextField(_("สิ่งที่ต้องเปิดเผย"), null=True, blank=True)
    lao_note = models.TextField(_("หมายเหตุสำหรับ อปท."), blank=True)
    # which fiscal year's data the evidence must cover: current, previous_fy, or "" (not known)
    period = models.CharField(_("ช่วงเวลาของข้อมูล"), max_length=12, blank=True)
    # the Prongsai document that answers the item (plan, half_year_report, annual_report) or ""
    answered_by = models.CharField(_("เอกสารของระบบที่ตอบรายการนี้"), max_length=20, blank=True)
    required_elements = models.JSONField(_("องค์ประกอบที่ต้องมี"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="oititem_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title or '(ไม่ทราบชื่อรายการ)'}"

    @property
    def period_label(self) -> str:
        return str(PERIOD_LABELS.get(self.period, _("ไม่ทราบ")))

    @property
    def answered_by_label(self) -> str:
        kind = document_kinds().get(self.answered_by)
        return str(kind.label) if kind else ""

    @property
    def group_key(self) -> str | None:
        """The group OIT scoring averages over: the sub-indicator, else the named group."""
        return self.sub_indicator or self.group_th or None
