"""The monthly procurement summary (แบบ สขร. ๑): one register per agency and month of a fiscal
year, its entries with exactly the form's columns, the bidders of each entry, and the history of
closing and reopening, which keeps the month's PDF and XLSX as they stood when closed."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.files import OfficialCopy, StoredPath
from prongsai.core.thai import ce_year
from prongsai.orgs.models import Agency

#: The months of a fiscal year in order: October first.
FISCAL_MONTHS = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)


def calendar_year(fiscal_year: int, month: int) -> int:
    """The C.E. year of `month` in fiscal year `fiscal_year` (October–December: the year before)."""
    return ce_year(fiscal_year) - (1 if month >= 10 else 0)


class ProcurementMonth(models.Model):
    """The สขร. ๑ register of one month. `nil`: no procurement this month (the nil version)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="procurement_months")
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"))
    month = models.PositiveSmallIntegerField(_("เดือน"))
    nil = models.BooleanField(_("ไม่มีการจัดซื้อจัดจ้างในเดือนนี้"), default=False)
    closed = models.BooleanField(_("ปิดเดือนแล้ว"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("สรุปผลการจัดซื้อจัดจ้างรายเดือน")
        ordering = ["fiscal_year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "month"], name="procurement_month_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.fiscal_year}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(calendar_year(self.fiscal_year, self.month), self.month, 1)

    @property
    def order(self) -> int:
        return FISCAL_MONTHS.index(self.month)


class ProcurementEntry(models.Model):
    """One row of the form."""

    register = models.ForeignKey(ProcurementMonth, on_delete=models.CASCADE, related_name="entries")
    number = models.PositiveIntegerField(_("ลำดับ"))
    title = models.CharField(_("งานที่จัดซื้อหรือจัดจ้าง"), max_length=500)
    budget = models.DecimalField(_("วงเงินที่จะซื้อหรือจ้าง (บาท)"), max_digits=15, decimal_places=2)
    median_price = models.DecimalField(
        _("ราคากลาง (บาท)"), null=True, blank=True, max_digits=15, decimal_places=2
    )
    method = models.CharField(_("วิธีซื้อหรือจ้าง"), max_length=200)
    winner = models.CharField(_("ผู้ได้รับการคัดเลือก"), max_length=300, blank=True)
    winner_price = models.DecimalField(
        _("ราคาที่ตกลงซื้อหรือจ้าง (บาท)"), null=True, blank=True, max_digits=15, decimal_places=2
    )
    reason = models.CharField(_("เหตุผลที่คัดเลือกโดยสรุป"), max_length=500, blank=True)
    contract_no = models.CharField(_("เลขที่สัญญาหรือข้อตกลง"), max_length=100, blank=True)
    contract_date = models.DateField(_("วันที่ของสัญญาหรือข้อตกลง"), null=True, blank=True)
    # the e-GP / CGD project number (เลขที่โครงการ): how a re-import recognises the contract
    project_id = models.CharField(_("เลขที่โครงการ (e-GP)"), max_length=50, blank=True)
    source = models.CharField(max_length=10, default="form")  # form, file, cgd

    class Meta:
        verbose_name = _("รายการจัดซื้อจัดจ้าง")
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Bidder(models.Model):
    """A bidder of an entry and the price offered (รายชื่อผู้เสนอราคาและราคาที่เสนอ)."""

    entry = models.ForeignKey(ProcurementEntry, on_delete=models.CASCADE, related_name="bidders")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("ผู้เสนอราคา"), max_length=300)
    price = models.DecimalField(
        _("ราคาที่เสนอ (บาท)"), null=True, blank=True, max_digits=15, decimal_places=2
    )

    class Meta:
        verbose_name = _("ผู้เสนอราคา")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class MonthEvent(OfficialCopy):
    """Closing or reopening a month. A closing keeps the month's PDF (`copy_*`) and XLSX
    (`xlsx_*`) as they stood: the official copies the public page and the OIT register show."""

    class Action(models.TextChoices):
        CLOSED = "closed", _("ปิดเดือน")
        REOPENED = "reopened", _("เปิดแก้ไขอีกครั้ง")

    register = models.ForeignKey(ProcurementMonth, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("การดำเนินการ"), max_length=10, choices=Action.choices)
    reason = models.CharField(_("เหตุผล"), max_length=500, blank=True)
    xlsx_path = StoredPath(_("สำเนาเอกสาร (XLSX)"), blank=True)
    xlsx_size = models.PositiveIntegerField(default=0)
    xlsx_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("ประวัติการปิดเดือน")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"
