"""The agency's OIT publication register: per fiscal year one row per item of that year's
framework, with its status, who is responsible, the due date and the evidence (links on the
agency's main website with ITAS's "คำอธิบายเพิ่มเติม", and files).

Rows are keyed by the item's code in that year's framework; codes mean different things in
different years (FY2568 O25 is not FY2569 O25), so a register never mixes years.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.files import StoredPath
from prongsai.orgs.models import Agency, Person, Unit
from prongsai.progress.models import LinkStatus


class Register(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="oit_registers")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    copied_from = models.PositiveSmallIntegerField(_("คัดลอกจากปี"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year"], name="oit_register_one_a_year"
            )
        ]
        verbose_name = _("ทะเบียนการเปิดเผยข้อมูล (OIT)")

    def __str__(self) -> str:
        return f"OIT {self.agency_id} {self.fiscal_year}"


class EntryStatus(models.TextChoices):
    TODO = "todo", _("ยังไม่เริ่ม")
    DOING = "doing", _("กำลังจัดทำ")
    PUBLISHED = "published", _("เผยแพร่แล้ว")
    CHECKED = "checked", _("ตรวจแล้ว")


class Entry(models.Model):
    """One OIT item of the register's year."""

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="entries")
    code = models.CharField(_("ข้อ"), max_length=10)  # lower case, as in the framework: o25
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.TODO
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ส่วนราชการที่รับผิดชอบ"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้รับผิดชอบ"),
    )
    due_date = models.DateField(_("กำหนดเสร็จ"), null=True, blank=True)
    notes = models.TextField(_("หมายเหตุ"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["register", "order"]
        constraints = [
            models.UniqueConstraint(fields=["register", "code"], name="oit_entry_one_per_item")
        ]
        verbose_name = _("รายการในทะเบียน OIT")

    def __str__(self) -> str:
        return f"{self.register} {self.code}"

    @property
    def published(self) -> bool:
        return self.status in (EntryStatus.PUBLISHED, EntryStatus.CHECKED)


class EntryLink(models.Model):
    """A URL answering the item in ITAS, with the explanation of where on the page it is."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("ลิงก์ (URL)"), max_length=1000)
    explanation = models.TextField(_("คำอธิบายเพิ่มเติม"), blank=True)
    covers_year = models.PositiveSmallIntegerField(_("ข้อมูลของปีงบประมาณ"), null=True, blank=True)
    link_status = models.CharField(
        _("สถานะลิงก์"), max_length=12, choices=LinkStatus.choices, blank=True, default=""
    )
    link_http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    link_detail = models.CharField(max_length=300, blank=True)
    link_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ลิงก์หลักฐาน OIT")

    def __str__(self) -> str:
        return self.url

    @property
    def working(self) -> bool:
        return self.link_status == LinkStatus.OK

    @property
    def broken(self) -> bool:
        return self.link_status in (LinkStatus.BROKEN, LinkStatus.UNREACHABLE)


class EntryFile(models.Model):
    """A file kept with the item (the document before it is on the website, a scan). Files are
    never public: ITAS asks for URLs on the agency's own website."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("คำอธิบาย"), max_length=200, blank=True)
    covers_year = models.PositiveSmallIntegerField(_("ข้อมูลของปีงบประมาณ"), null=True, blank=True)
    file_path = StoredPath()  # the file's name in the store (core.files)
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ไฟล์หลักฐาน OIT")

    def __str__(self) -> str:
        return self.file_name
