"""The registers' forms (plain forms: every date a ThaiDateField, every text with a limit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from prongsai.core.fields import LONG_TEXT, SHORT_TEXT, RecordChoiceField, TextField, ThaiDateField
from prongsai.core.thai import local_digits, local_digits_lazy
from prongsai.plans.models import Measure
from prongsai.progress.evidence_files import ALLOWED_LABEL
from prongsai.registers.models import (
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


ITEMS_HELP = _(
    "หนึ่งรายการต่อบรรทัด: หมายเลขครุภัณฑ์ | ชื่อรายการ | จำนวน เช่น 416-60-0003 | เครื่องฉายภาพ | 1"
)


def parse_items(text: str) -> list[dict[str, Any]]:
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 1:
            parts = ["", parts[0]]
        number, name = parts[0][:60], parts[1][:200]
        quantity = parts[2] if len(parts) > 2 else "1"
        if not name:
            raise ValidationError(local_digits(_("บรรทัดที่ %(n)s: ไม่มีชื่อรายการ") % {"n": n}))
        if not quantity.isdecimal() or not 0 < int(quantity) < 10000:
            raise ValidationError(
                local_digits(_("บรรทัดที่ %(n)s: จำนวนต้องเป็นเลขจำนวนเต็ม") % {"n": n})
            )
        items.append({"asset_number": number, "name": name, "quantity": int(quantity)})
    if not items:
        raise ValidationError(local_digits(_("กรุณาระบุพัสดุที่ยืมอย่างน้อย 1 รายการ")))
    if len(items) > 50:
        raise ValidationError(local_digits(_("ยืมได้ไม่เกิน 50 รายการต่อครั้ง")))
    return items


class LoanForm(forms.Form):
    borrower = TextField(label=_("ผู้ยืม"), max_length=200)
    position = TextField(label=_("ตำแหน่ง"), max_length=200, required=False)
    unit = TextField(label=_("สังกัด (กอง/ส่วน/งาน)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("ประเภทการใช้"), choices=LoanKind.choices)
    purpose = TextField(label=_("วัตถุประสงค์"), max_length=500)
    items = TextField(
        label=_("รายการพัสดุ"),
        max_length=LONG_TEXT,
        widget=_area(3),
        help_text=local_digits_lazy(ITEMS_HELP),
    )
    starts_on = ThaiDateField(label=_("วันที่ยืม"))
    due_on = ThaiDateField(label=_("กำหนดส่งคืน"))

    def clean_items(self) -> list[dict[str, Any]]:
        return parse_items(self.cleaned_data["items"])


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


GROUPS_HELP = _("หนึ่งกลุ่มต่อบรรทัด: กลุ่ม | จำนวนคน เช่น พนักงานส่วนตำบล | 25")


def parse_groups(text: str) -> list[dict[str, Any]]:
    groups = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        group, _sep, count = line.rpartition("|")
        group, count = group.strip()[:100], count.strip()
        if not group or not count.isdecimal() or int(count) > 1_000_000:
            raise ValidationError(local_digits(_("บรรทัดที่ %(n)s: เขียนเป็น กลุ่ม | จำนวนคน") % {"n": n}))
        groups.append({"group": group, "count": int(count)})
    if len(groups) > 30:
        raise ValidationError(local_digits(_("ระบุได้ไม่เกิน 30 กลุ่ม")))
    return groups


class EventForm(forms.Form):
    held_on = ThaiDateField(label=_("วันที่จัด"))
    topic = TextField(label=_("หัวข้อ"), max_length=SHORT_TEXT)
    organiser = TextField(label=_("ผู้จัด"), max_length=200, required=False)
    hours = forms.DecimalField(
        label=_("จำนวนชั่วโมง"), max_digits=5, decimal_places=1, min_value=0, max_value=999, initial=0
    )
    participants = TextField(
        label=_("ผู้เข้าร่วมตามกลุ่ม"),
        max_length=LONG_TEXT,
        required=False,
        widget=_area(3),
        help_text=local_digits_lazy(GROUPS_HELP),
    )
    outcome = TextField(label=_("ผลที่ได้"), max_length=LONG_TEXT, required=False, widget=_area(2))
    use = TextField(label=_("การนำผลไปใช้"), max_length=LONG_TEXT, required=False, widget=_area(2))
    file = forms.FileField(
        label=_("ไฟล์หลักฐาน"),
        required=False,
        help_text=format_lazy(_("รับไฟล์ {types}"), types=ALLOWED_LABEL),
    )

    def clean_participants(self) -> list[dict[str, Any]]:
        return parse_groups(self.cleaned_data.get("participants") or "")


class AttachForm(forms.Form):
    """Attach a register record to a measure of the year's plan as dated evidence."""

    measure = RecordChoiceField(label=_("มาตรการ"), queryset=Measure.objects.none())

    def __init__(self, *args: Any, agency: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(  # type: ignore[attr-defined]
            issue__plan__agency=agency, issue__plan__fiscal_year=year
        ).order_by("issue__order", "order", "pk")
