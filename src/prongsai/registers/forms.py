"""The registers' forms (plain forms: every date a ThaiDateField, every text with a limit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from prongsai.core.fields import LONG_TEXT, SHORT_TEXT, RecordChoiceField, TextField, ThaiDateField
from prongsai.core.thai import local_digits, local_digits_in_text, local_digits_lazy
from prongsai.plans.models import Measure
from prongsai.progress.evidence_files import ALLOWED_LABEL
from prongsai.registers.models import (
    Asset,
    AssetState,
    Condition,
    GiftAction,
    LoanKind,
    Relation,
    RiskArea,
    RiskStatus,
)


def _area(rows: int = 3) -> Any:
    return forms.Textarea(attrs={"rows": rows})


class MoneyField(forms.DecimalField):
    """Baht with satang; "12,500" and "12,500.50" are read too."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        # a text box: officers type "12,500" or "๑๒,๕๐๐" (a number box refuses both)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.localize = False

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            from prongsai.core.thai import to_arabic_digits

            value = to_arabic_digits(value).replace(",", "").replace("บาท", "").strip()
        return super().to_python(value)


class PolicyForm(forms.Form):
    declared_on = ThaiDateField(label=_("วันที่ประกาศ"), required=False)
    signer_name = TextField(label=_("ผู้ลงนาม (ผู้บริหารสูงสุด)"), max_length=200, required=False)
    signer_position = TextField(label=_("ตำแหน่งผู้ลงนาม"), max_length=200, required=False)
    statement = TextField(
        label=_("ข้อความเพิ่มเติมในประกาศ"), max_length=LONG_TEXT, required=False, widget=_area()
    )


class GiftForm(forms.Form):
    received_on = ThaiDateField(label=_("วันที่รับ"))
    recipient = TextField(label=_("ผู้รับ"), max_length=200)
    recipient_position = TextField(label=_("ตำแหน่งผู้รับ"), max_length=200, required=False)
    giver = TextField(label=_("ผู้ให้"), max_length=200)
    relation = forms.ChoiceField(label=_("ความสัมพันธ์กับผู้ให้"), choices=Relation.choices)
    occasion = TextField(label=_("โอกาสที่ให้"), max_length=SHORT_TEXT, required=False)
    item = TextField(label=_("ทรัพย์สินหรือประโยชน์ที่ได้รับ"), max_length=SHORT_TEXT)
    value = MoneyField(label=_("มูลค่าโดยประมาณ (บาท)"))
    action = forms.ChoiceField(label=_("การดำเนินการ"), choices=GiftAction.choices)
    reported_on = ThaiDateField(
        label=_("วันที่รายงานผู้บังคับบัญชา"),
        required=False,
        help_text=local_digits_lazy(_("ต้องรายงานภายใน 30 วัน เมื่อมูลค่าเกิน 3,000 บาท")),
    )
    decision = TextField(
        label=_("คำวินิจฉัยของผู้บังคับบัญชา"), max_length=LONG_TEXT, required=False, widget=_area(2)
    )


class ReportGiftForm(forms.Form):
    reported_on = ThaiDateField(label=_("วันที่รายงานผู้บังคับบัญชา"))


class AssetForm(forms.Form):
    number = TextField(label=_("หมายเลขครุภัณฑ์"), max_length=60)
    name = TextField(label=_("ชื่อรายการ"), max_length=200)
    unit = TextField(
        label=_("หน่วยนับ"), max_length=50, required=False, help_text=_("เช่น เครื่อง ชุด หลัง")
    )
    state = forms.ChoiceField(label=_("สถานะ"), choices=AssetState.choices)


class LoanForm(forms.Form):
    borrower = TextField(label=_("ผู้ยืม"), max_length=200)
    position = TextField(label=_("ตำแหน่ง"), max_length=200, required=False)
    unit = TextField(label=_("สังกัด (กอง/ส่วน/งาน)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("ประเภทการใช้"), choices=LoanKind.choices)
    purpose = TextField(label=_("วัตถุประสงค์"), max_length=500)
    starts_on = ThaiDateField(label=_("วันที่ยืม"))
    due_on = ThaiDateField(label=_("กำหนดส่งคืน"))


def _row_labels(form: forms.Form, labels: dict[str, Any]) -> None:
    """Table cells have no visible label: each box says what it is and its row's number."""
    n = (form.prefix or "").rsplit("-", 1)[-1]
    number = local_digits(int(n) + 1) if n.isdecimal() else ""
    for name, label in labels.items():
        form.fields[name].widget.attrs["aria-label"] = f"{label} {number}".strip()


class LoanItemForm(forms.Form):
    """One row of a loan request: an asset of the catalogue (empty row: skipped)."""

    asset = RecordChoiceField(
        label=_("ครุภัณฑ์"), queryset=Asset.objects.none(), required=False, empty_label="—"
    )
    quantity = forms.IntegerField(
        label=_("จำนวน"), min_value=1, max_value=9999, required=False, initial=1
    )
    note = TextField(label=_("หมายเหตุ"), max_length=200, required=False)

    def __init__(self, *args: Any, agency: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["asset"]
        field.queryset = Asset.objects.filter(  # type: ignore[attr-defined]
            agency=agency, state=AssetState.ACTIVE
        )
        self.fields["quantity"].widget.attrs.update(size=4)
        _row_labels(self, {"asset": _("ครุภัณฑ์"), "quantity": _("จำนวน"), "note": _("หมายเหตุ")})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("asset") and (data.get("note") or self.has_changed_quantity()):
            self.add_error("asset", _("กรุณาเลือกครุภัณฑ์ของแถวนี้"))
        return data

    def has_changed_quantity(self) -> bool:
        quantity = self.cleaned_data.get("quantity")
        return quantity not in (None, 1)


class RowsFormSet(forms.BaseFormSet):
    """Rows of a register form, with Thai messages for a tampered or oversized post."""

    default_error_messages = {
        "missing_management_form": _("ข้อมูลแถวของแบบฟอร์มไม่ครบ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง"),
        "too_many_forms": _("ระบุได้ไม่เกิน %(num)d แถว"),
        "too_few_forms": _("กรุณาระบุอย่างน้อย %(num)d แถว"),
    }


class BaseItemFormSet(RowsFormSet):
    def clean(self) -> None:
        if any(self.errors) or self.non_form_errors():  # a row's error, a tampered post first
            return
        seen: set[int] = set()
        for f in self.forms:
            asset = f.cleaned_data.get("asset")
            if asset is None:
                continue
            if asset.pk in seen:
                raise ValidationError(
                    _("%(asset)s อยู่ในคำขอนี้มากกว่าหนึ่งแถว")
                    % {"asset": local_digits_in_text(str(asset))}
                )
            seen.add(asset.pk)
        if not seen:
            raise ValidationError(_("กรุณาเลือกครุภัณฑ์ที่ยืมอย่างน้อย 1 รายการ"))


#: empty rows shown without the page's script; the script adds more
ITEM_ROWS = 3
MAX_ITEMS = 50


def item_formset(data: Any, agency: Any) -> Any:
    formset_class = forms.formset_factory(
        LoanItemForm, formset=BaseItemFormSet, extra=ITEM_ROWS, max_num=MAX_ITEMS,
        absolute_max=MAX_ITEMS, validate_max=True,
    )  # fmt: skip
    return formset_class(data, prefix="item", form_kwargs={"agency": agency})


def loan_items(formset: Any) -> list[dict[str, Any]]:
    """The rows an officer filled, in order, as the service takes them."""
    return [
        {
            "asset": f.cleaned_data["asset"],
            "quantity": f.cleaned_data.get("quantity") or 1,
            "note": f.cleaned_data.get("note") or "",
        }
        for f in formset.forms
        if f.cleaned_data.get("asset")
    ]


class ReturnForm(forms.Form):
    returned_on = ThaiDateField(label=_("วันที่ส่งคืน"))
    condition = forms.ChoiceField(label=_("สภาพเมื่อส่งคืน"), choices=Condition.choices)
    condition_note = TextField(label=_("หมายเหตุ"), max_length=500, required=False)


SCALE = [(n, local_digits_lazy(n)) for n in range(1, 6)]


class RiskForm(forms.Form):
    area = forms.ChoiceField(label=_("ด้านความเสี่ยง"), choices=RiskArea.choices)
    process = TextField(label=_("กระบวนงาน"), max_length=SHORT_TEXT)
    description = TextField(label=_("เหตุการณ์ความเสี่ยง"), max_length=LONG_TEXT, widget=_area(2))
    likelihood = forms.TypedChoiceField(
        label=local_digits_lazy(_("โอกาสที่จะเกิด (1-5)")),
        choices=SCALE,
        coerce=int,
    )
    impact = forms.TypedChoiceField(
        label=local_digits_lazy(_("ผลกระทบ (1-5)")),
        choices=SCALE,
        coerce=int,
    )
    controls = TextField(
        label=_("มาตรการควบคุม"), max_length=LONG_TEXT, required=False, widget=_area(2)
    )
    owner = TextField(label=_("ผู้รับผิดชอบ"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("ผลการติดตาม"), choices=RiskStatus.choices)
    follow_up = TextField(
        label=_("ผลการดำเนินการ"), max_length=LONG_TEXT, required=False, widget=_area(2)
    )


class GroupForm(forms.Form):
    """One group of an event's participants (an empty row is skipped)."""

    name = TextField(label=_("กลุ่มผู้เข้าร่วม"), max_length=100, required=False)
    count = forms.IntegerField(label=_("จำนวนคน"), min_value=0, max_value=1_000_000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["count"].widget.attrs.update(size=6)
        _row_labels(self, {"name": _("กลุ่มผู้เข้าร่วม"), "count": _("จำนวนคน")})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("name") and data.get("count") is None:
            self.add_error("count", _("กรุณาระบุจำนวนคนของกลุ่มนี้"))
        if data.get("count") and not data.get("name"):
            self.add_error("name", _("กรุณาระบุชื่อกลุ่ม"))
        return data


GROUP_ROWS = 3
MAX_GROUPS = 30


def group_formset(data: Any) -> Any:
    formset_class = forms.formset_factory(
        GroupForm, formset=RowsFormSet, extra=GROUP_ROWS, max_num=MAX_GROUPS,
        absolute_max=MAX_GROUPS, validate_max=True,
    )  # fmt: skip
    return formset_class(data, prefix="group")


def event_groups(formset: Any) -> list[dict[str, Any]]:
    return [
        {"group": f.cleaned_data["name"], "count": f.cleaned_data.get("count") or 0}
        for f in formset.forms
        if f.cleaned_data.get("name")
    ]


class EventForm(forms.Form):
    held_on = ThaiDateField(label=_("วันที่จัด"))
    topic = TextField(label=_("หัวข้อ"), max_length=SHORT_TEXT)
    organiser = TextField(label=_("ผู้จัด"), max_length=200, required=False)
    hours = forms.DecimalField(
        label=_("จำนวนชั่วโมง"), max_digits=5, decimal_places=1, min_value=0, max_value=999, initial=0
    )
    outcome = TextField(label=_("ผลที่ได้"), max_length=LONG_TEXT, required=False, widget=_area(2))
    use = TextField(label=_("การนำผลไปใช้"), max_length=LONG_TEXT, required=False, widget=_area(2))
    file = forms.FileField(
        label=_("ไฟล์หลักฐาน"),
        required=False,
        help_text=format_lazy(_("รับไฟล์ {types}"), types=ALLOWED_LABEL),
    )


class AttachForm(forms.Form):
    """Attach a register record to a measure of the year's plan as dated evidence."""

    measure = RecordChoiceField(label=_("มาตรการ"), queryset=Measure.objects.none())

    def __init__(self, *args: Any, agency: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(  # type: ignore[attr-defined]
            issue__plan__agency=agency, issue__plan__fiscal_year=year
        ).order_by("issue__order", "order", "pk")
