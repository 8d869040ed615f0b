"""Forms of the สขร. ๑: an entry with its bidders (a formset), the import, reopening a month and
attaching the month to a measure as evidence."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.fields import SHORT_TEXT, RecordChoiceField, TextField, ThaiDateField
from prongsai.procurement.models import ProcurementEntry
from prongsai.procurement.services import BidderInput, EntryInput

MONEY_MAX = Decimal("9999999999999.99")
METHODS = ("เฉพาะเจาะจง", "ประกาศเชิญชวนทั่วไป (e-bidding)", "คัดเลือก", "ตลาดอิเล็กทรอนิกส์ (e-market)")
BIDDER_ROWS = 3  # empty rows offered below the bidders already recorded


def _money(label: Any, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_value=MONEY_MAX, decimal_places=2,
        max_digits=15, localize=False,
    )  # fmt: skip


class EntryForm(forms.Form):
    number = forms.IntegerField(label=_("ลำดับ"), required=False, min_value=1, max_value=99999)
    title = TextField(label=_("งานที่จัดซื้อหรือจัดจ้าง"), max_length=500)
    budget = _money(_("วงเงินที่จะซื้อหรือจ้าง (บาท)"), required=True)
    median_price = _money(_("ราคากลาง (บาท)"))
    method = TextField(
        label=_("วิธีซื้อหรือจ้าง"),
        max_length=200,
        help_text=_("เช่น เฉพาะเจาะจง, ประกาศเชิญชวนทั่วไป, คัดเลือก"),
    )
    winner = TextField(label=_("ผู้ได้รับการคัดเลือก"), max_length=SHORT_TEXT, required=False)
    winner_price = _money(_("ราคาที่ตกลงซื้อหรือจ้าง (บาท)"))
    reason = TextField(
        label=_("เหตุผลที่คัดเลือกโดยสรุป"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    contract_no = TextField(label=_("เลขที่สัญญาหรือข้อตกลง"), max_length=100, required=False)
    contract_date = ThaiDateField(label=_("วันที่ของสัญญาหรือข้อตกลง"), required=False)
    project_id = TextField(label=_("เลขที่โครงการ (e-GP)"), max_length=50, required=False)

    FIELDS = (
        "number", "title", "budget", "median_price", "method", "winner", "winner_price",
        "reason", "contract_no", "contract_date", "project_id",
    )  # fmt: skip

    @classmethod
    def initial_for(cls, entry: ProcurementEntry | None) -> dict[str, Any]:
        if entry is None:
            return {}
        values = {name: getattr(entry, name) for name in cls.FIELDS}
        for n, bidder in enumerate(entry.bidders.all()):
            values[f"bid-{n}-name"] = bidder.name
            values[f"bid-{n}-price"] = bidder.price
        return values


class BidderForm(forms.Form):
    name = TextField(label=_("ผู้เสนอราคา"), max_length=SHORT_TEXT, required=False)
    price = _money(_("ราคาที่เสนอ (บาท)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        n = (self.prefix or "").rsplit("-", 1)[-1]
        number = int(n) + 1 if n.isdecimal() else ""
        self.fields["name"].widget.attrs["aria-label"] = f"{_('ผู้เสนอราคา')} {number}"
        self.fields["price"].widget.attrs["aria-label"] = f"{_('ราคาที่เสนอ (บาท)')} {number}"


BidderFormSet = forms.formset_factory(BidderForm, extra=0, max_num=50, absolute_max=50)


def bidder_formset(data: Any, entry: ProcurementEntry | None) -> Any:
    initial = [{"name": b.name, "price": b.price} for b in entry.bidders.all()] if entry else []
    formset = forms.formset_factory(BidderForm, extra=BIDDER_ROWS, max_num=50, absolute_max=50)(
        data, initial=initial, prefix="bid"
    )
    return formset


def entry_input(form: EntryForm, formset: Any) -> EntryInput:
    c = form.cleaned_data
    bidders = [
        BidderInput(f.cleaned_data.get("name") or "", f.cleaned_data.get("price"))
        for f in formset.forms
        if f.cleaned_data.get("name")
    ]
    return EntryInput(
        title=c["title"], budget=c["budget"], median_price=c["median_price"], method=c["method"],
        winner=c["winner"], winner_price=c["winner_price"], reason=c["reason"],
        contract_no=c["contract_no"], contract_date=c["contract_date"],
        project_id=c["project_id"], number=c["number"], bidders=bidders,
    )  # fmt: skip


def posted_values(form: EntryForm, formset: Any) -> dict[str, Any]:
    """What the officer sent, in the keys of `initial_for` (for the edit guard)."""
    values = {name: form.cleaned_data.get(name) for name in EntryForm.FIELDS}
    n = 0
    for f in formset.forms:
        if f.cleaned_data.get("name"):
            values[f"bid-{n}-name"] = f.cleaned_data["name"]
            values[f"bid-{n}-price"] = f.cleaned_data.get("price")
            n += 1
    return values


class ImportForm(forms.Form):
    SOURCES = (
        ("file", _("ไฟล์ CSV หรือ Excel (.xlsx) ตามแม่แบบ")),
        ("cgd", _("ไฟล์ JSON ข้อมูลสัญญาจากกรมบัญชีกลาง (ภาษีไปไหน?)")),
    )
    source = forms.ChoiceField(label=_("ชนิดข้อมูล"), choices=SOURCES, initial="file")
    file = forms.FileField(label=_("ไฟล์"), required=False)
    dept_code = TextField(
        label=_("รหัสหน่วยงานของกรมบัญชีกลาง"),
        max_length=20,
        required=False,
        help_text=_("กรอกเมื่อให้ระบบดึงข้อมูลจากกรมบัญชีกลางเองแทนการอัปโหลดไฟล์"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = (data.get("dept_code") or "").strip()
        if (code and not code.isascii()) or (code and not code.isalnum()):
            self.add_error("dept_code", _("รหัสหน่วยงานต้องเป็นตัวเลขหรือตัวอักษรภาษาอังกฤษ"))
        if not data.get("file") and not code:
            self.add_error("file", _("กรุณาเลือกไฟล์"))
        if not data.get("file") and code and data.get("source") != "cgd":
            self.add_error("dept_code", _("การดึงข้อมูลด้วยรหัสหน่วยงานใช้กับข้อมูลกรมบัญชีกลางเท่านั้น"))
        return data


class ReopenForm(forms.Form):
    reason = TextField(
        label=_("เหตุผลที่เปิดแก้ไขอีกครั้ง"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(forms.Form):
    measure = RecordChoiceField(label=_("มาตรการ"), queryset=None, empty_label=None)
    date = ThaiDateField(label=_("วันที่ดำเนินการ"))
    text = TextField(
        label=_("สิ่งที่ดำเนินการ"), max_length=SHORT_TEXT * 2, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, measures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures  # type: ignore[attr-defined]
