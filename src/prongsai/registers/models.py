"""The registers an agency keeps all year as OIT evidence: gifts received (No Gift Policy),
asset borrowing, ethics and participation events, the bribery-risk register, and the official
copies of their documents. Every record belongs to one agency and one fiscal year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.files import OfficialCopy, StoredPath
from prongsai.orgs.models import Agency

#: s.128 of the 2561 Organic Act: from a non-relative, at most this much per occasion.
GIFT_LIMIT = Decimal("3000")
#: A gift above the limit is reported to the head of the agency within this many days.
REPORT_DAYS = 30


class NoGiftPolicy(models.Model):
    """The year's declaration (ประกาศเจตนารมณ์) and who signs it."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    declared_on = models.DateField(_("วันที่ประกาศ"), null=True, blank=True)
    signer_name = models.CharField(_("ผู้ลงนาม"), max_length=200, blank=True)
    signer_position = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=200, blank=True)
    statement = models.TextField(_("ข้อความเพิ่มเติม"), blank=True)

    class Meta:
        verbose_name = _("ประกาศเจตนารมณ์ No Gift Policy")
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="nogift_one_per_year")
        ]

    def __str__(self) -> str:
        return self.signer_name or str(self.fiscal_year)


class Relation(models.TextChoices):
    RELATIVE = "relative", _("ญาติ")
    GENERAL = "general", _("ให้แก่บุคคลทั่วไป")
    OTHER = "other", _("บุคคลอื่นที่ไม่ใช่ญาติ")


class GiftAction(models.TextChoices):
    KEPT = "kept", _("รับไว้ (เข้าหลักเกณฑ์)")
    RETURNED = "returned", _("ส่งคืนผู้ให้")
    HANDED = "handed", _("ส่งมอบเป็นทรัพย์สินของหน่วยงาน")
    PENDING = "pending", _("รอผู้บังคับบัญชาวินิจฉัย")


class Gift(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    received_on = models.DateField(_("วันที่รับ"))
    recipient = models.CharField(_("ผู้รับ"), max_length=200)
    recipient_position = models.CharField(_("ตำแหน่งผู้รับ"), max_length=200, blank=True)
    giver = models.CharField(_("ผู้ให้"), max_length=200)
    relation = models.CharField(
        _("ความสัมพันธ์กับผู้ให้"), max_length=10, choices=Relation.choices, default=Relation.OTHER
    )
    occasion = models.CharField(_("โอกาสที่ให้"), max_length=300, blank=True)
    item = models.CharField(_("ทรัพย์สินหรือประโยชน์ที่ได้รับ"), max_length=300)
    value = models.DecimalField(_("มูลค่าโดยประมาณ (บาท)"), max_digits=12, decimal_places=2)
    action = models.CharField(
        _("การดำเนินการ"), max_length=10, choices=GiftAction.choices, default=GiftAction.KEPT
    )
    reported_on = models.DateField(_("วันที่รายงานผู้บังคับบัญชา"), null=True, blank=True)
    decision = models.TextField(_("คำวินิจฉัยของผู้บังคับบัญชา"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การรับทรัพย์สินหรือประโยชน์อื่นใด")
        ordering = ["received_on", "pk"]
        indexes = [models.Index(fields=["agency", "fiscal_year"])]

    def __str__(self) -> str:
        return self.item

    @property
    def within_limit(self) -> bool:
        return self.value <= GIFT_LIMIT

    @property
    def must_report(self) -> bool:
        return not self.within_limit

    @property
    def report_due(self) -> dt.date:
        return self.received_on + dt.timedelta(days=REPORT_DAYS)

    def overdue(self, today: dt.date) -> bool:
        """Above the limit and not reported to the head within 30 days: flagged until reported."""
        return self.must_report and self.reported_on is None and today > self.report_due

    @property
    def reported_late(self) -> bool:
        return (
            self.must_report and self.reported_on is not None and self.reported_on > self.report_due
        )

    @property
    def rule(self) -> str:
        if self.relation == Relation.RELATIVE and self.within_limit:
            return str(_("รับจากญาติตามประเพณี"))
        if self.relation == Relation.GENERAL and self.within_limit:
            return str(_("ให้แก่บุคคลทั่วไป"))
        if self.within_limit:
            return str(_("ไม่เกิน 3,000 บาท รับได้"))
        return str(_("เกิน 3,000 บาท ต้องรายงานผู้บังคับบัญชาภายใน 30 วัน"))


class LoanStatus(models.TextChoices):
    REQUESTED = "requested", _("รออนุมัติ")
    APPROVED = "approved", _("อนุมัติแล้ว (ยืมอยู่)")
    REJECTED = "rejected", _("ไม่อนุมัติ")
    RETURNED = "returned", _("คืนแล้ว")


class Condition(models.TextChoices):
    GOOD = "good", _("สภาพปกติ")
    DAMAGED = "damaged", _("ชำรุด")
    LOST = "lost", _("สูญหาย")


class LoanKind(models.TextChoices):
    DURABLE = "durable", _("ใช้คงรูป")
    CONSUMABLE = "consumable", _("ใช้สิ้นเปลือง")


class AssetState(models.TextChoices):
    ACTIVE = "active", _("ใช้งาน")
    RETIRED = "retired", _("เลิกใช้หรือจำหน่ายแล้ว")


class Asset(models.Model):
    """A government asset the agency lends (ครุภัณฑ์): one number per agency. A retired asset
    stays in the loans that name it but is not offered for new ones."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    number = models.CharField(_("หมายเลขครุภัณฑ์"), max_length=60)
    name = models.CharField(_("ชื่อรายการ"), max_length=200)
    unit = models.CharField(_("หน่วยนับ"), max_length=50, blank=True)
    state = models.CharField(
        _("สถานะ"), max_length=10, choices=AssetState.choices, default=AssetState.ACTIVE
    )

    class Meta:
        verbose_name = _("ครุภัณฑ์ที่ให้ยืม")
        ordering = ["number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="asset_number_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Loan(models.Model):
    """A request to borrow government assets (ระเบียบกระทรวงการคลัง พ.ศ. 2560 ข้อ 207-211)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    borrower = models.CharField(_("ผู้ยืม"), max_length=200)
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    unit = models.CharField(_("สังกัด (กอง/ส่วน/งาน)"), max_length=200, blank=True)
    kind = models.CharField(
        _("ประเภทการใช้"), max_length=12, choices=LoanKind.choices, default=LoanKind.DURABLE
    )
    purpose = models.CharField(_("วัตถุประสงค์"), max_length=500)
    starts_on = models.DateField(_("วันที่ยืม"))
    due_on = models.DateField(_("กำหนดส่งคืน"))
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=LoanStatus.choices, default=LoanStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(_("วันที่อนุมัติ"), null=True, blank=True)
    returned_on = models.DateField(_("วันที่ส่งคืน"), null=True, blank=True)
    condition = models.CharField(
        _("สภาพเมื่อส่งคืน"), max_length=10, choices=Condition.choices, blank=True
    )
    condition_note = models.CharField(_("หมายเหตุการส่งคืน"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การยืมทรัพย์สินของราชการ")
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["agency", "fiscal_year"])]

    def __str__(self) -> str:
        return self.borrower

    def overdue(self, today: dt.date) -> bool:
        return self.status == LoanStatus.APPROVED and today > self.due_on

    @property
    def items_text(self) -> str:
        return "\n".join(row.line for row in self.rows.all())


class LoanItem(models.Model):
    """One row of a loan: an asset of the catalogue, how many and a note."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="rows")
    asset = models.ForeignKey(
        Asset, on_delete=models.PROTECT, related_name="loan_rows", verbose_name=_("ครุภัณฑ์")
    )
    quantity = models.PositiveIntegerField(_("จำนวน"), default=1)
    note = models.CharField(_("หมายเหตุ"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("รายการพัสดุที่ยืม")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.line

    @property
    def line(self) -> str:
        unit = f" {self.asset.unit}" if self.asset.unit else ""
        note = f" ({self.note})" if self.note else ""
        return f"{self.asset.number} {self.asset.name} จำนวน {self.quantity}{unit}{note}"


class RiskArea(models.TextChoices):
    PERMITS = (
        "permits",
        _("การพิจารณาอนุมัติ อนุญาต ตามกฎหมายว่าด้วยการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ"),
    )
    AUTHORITY = "authority", _("การใช้อำนาจและตำแหน่งหน้าที่")
    BUDGET = "budget", _("การใช้จ่ายงบประมาณและการบริหารจัดการทรัพยากรภาครัฐ")
    HR = "hr", _("การบริหารงานบุคคล")
    OTHER = "other", _("ด้านอื่น")


class RiskStatus(models.TextChoices):
    PLANNED = "planned", _("ยังไม่ดำเนินการ")
    DOING = "doing", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("ดำเนินการแล้ว")


#: The risk level (likelihood x impact, 1-25) in bands: (upper bound, label).
RISK_BANDS = ((3, _("ต่ำ")), (9, _("ปานกลาง")), (16, _("สูง")), (25, _("สูงมาก")))


def risk_band(score: int) -> str:
    return str(next(label for top, label in RISK_BANDS if score <= top))


class Risk(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    area = models.CharField(_("ด้านความเสี่ยง"), max_length=10, choices=RiskArea.choices)
    process = models.CharField(_("กระบวนงาน"), max_length=300)
    description = models.TextField(_("เหตุการณ์ความเสี่ยง"))
    likelihood = models.PositiveSmallIntegerField(_("โอกาสที่จะเกิด"))
    impact = models.PositiveSmallIntegerField(_("ผลกระทบ"))
    controls = models.TextField(_("มาตรการควบคุม"), blank=True)
    owner = models.CharField(_("ผู้รับผิดชอบ"), max_length=200, blank=True)
    status = models.CharField(
        _("ผลการติดตาม"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.PLANNED
    )
    follow_up = models.TextField(_("ผลการดำเนินการ"), blank=True)

    class Meta:
        verbose_name = _("ความเสี่ยงการทุจริต")
        ordering = ["area", "pk"]
        indexes = [models.Index(fields=["agency", "fiscal_year"])]

    def __str__(self) -> str:
        return self.process

    @property
    def score(self) -> int:
        return int(self.likelihood) * int(self.impact)

    @property
    def band(self) -> str:
        return risk_band(self.score)


class EventKind(models.TextChoices):
    ETHICS = "ethics", _("การอบรมและกิจกรรมส่งเสริมจริยธรรม")
    PARTICIPATION = "participation", _("การเปิดโอกาสให้มีส่วนร่วม")


class Event(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    kind = models.CharField(_("ประเภท"), max_length=15, choices=EventKind.choices)
    held_on = models.DateField(_("วันที่จัด"))
    topic = models.CharField(_("หัวข้อ"), max_length=300)
    organiser = models.CharField(_("ผู้จัด"), max_length=200, blank=True)
    hours = models.DecimalField(_("จำนวนชั่วโมง"), max_digits=5, decimal_places=1, default=0)
    outcome = models.TextField(_("ผลที่ได้"), blank=True)
    use = models.TextField(_("การนำผลไปใช้"), blank=True)

    class Meta:
        verbose_name = _("กิจกรรม")
        ordering = ["held_on", "pk"]
        indexes = [models.Index(fields=["agency", "fiscal_year", "kind"])]

    def __str__(self) -> str:
        return self.topic

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups.all())


class ParticipantGroup(models.Model):
    """One group of an event's participants and how many came."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("กลุ่มผู้เข้าร่วม"), max_length=100)
    count = models.PositiveIntegerField(_("จำนวนคน"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("กลุ่มผู้เข้าร่วมกิจกรรม")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class EventFile(models.Model):
    """An evidence file of an event, checked by content like progress evidence."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("คำอธิบาย"), max_length=200, blank=True)
    file_path = StoredPath(_("ไฟล์"))
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("หลักฐานของกิจกรรม")

    def __str__(self) -> str:
        return self.file_name


class DocKind(models.TextChoices):
    NOGIFT_DECLARATION = "nogift", _("ประกาศเจตนารมณ์ No Gift Policy")
    NOGIFT_REPORT = "nogift-report", _("รายงานผลการดำเนินงานตามนโยบาย No Gift Policy")
    BORROWING = "borrowing", _("สรุปการยืมทรัพย์สินของราชการ")
    ETHICS = "ethics", _("รายงานผลการอบรมและกิจกรรมส่งเสริมจริยธรรม")
    PARTICIPATION = "participation", _("รายงานผลการเปิดโอกาสให้มีส่วนร่วม")
    RISK = "risk", _("การประเมินความเสี่ยงการทุจริต")
    RISK_REPORT = "risk-report", _("รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยงการทุจริต")


class Publication(OfficialCopy):
    """A register document as published: the PDF (OfficialCopy) and the DOCX beside it."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    kind = models.CharField(_("เอกสาร"), max_length=20, choices=DocKind.choices)
    at = models.DateTimeField(_("เผยแพร่เมื่อ"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    docx_path = StoredPath(_("สำเนา DOCX"), blank=True)
    docx_size = models.PositiveIntegerField(default=0)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    #: a digest of the document as built when published (empty: published before it was kept)
    source_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("เอกสารทะเบียนที่เผยแพร่")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["agency", "fiscal_year", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.fiscal_year}"

    @property
    def changed_since(self) -> bool:
        """The register now builds another document than the one published (an entry added,
        edited or deleted since): the public copy shows an older state (decision 43). Built on
        read, only where a page asks."""
        from prongsai.registers.documents import document_digest

        if not self.source_digest:
            return False
        return document_digest(self.kind, self.agency, self.fiscal_year) != self.source_digest
