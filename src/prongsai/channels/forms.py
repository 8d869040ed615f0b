from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.channels import conf
from prongsai.channels.models import Category, Status
from prongsai.core.abuse import PublicFormMixin
from prongsai.core.fields import LONG_TEXT, SHORT_TEXT, TextField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        items = [f for f in items if f]
        if len(items) > conf.max_files():
            raise forms.ValidationError(_("แนบไฟล์ได้ไม่เกิน %(n)s ไฟล์") % {"n": conf.max_files()})
        return [super(FilesField, self).clean(f, initial) for f in items]


def _text(label: Any, *, long: bool = False, required: bool = True, help_text: Any = "") -> Any:
    return TextField(
        label=label,
        required=required,
        max_length=LONG_TEXT if long else SHORT_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 6}) if long else forms.TextInput,
    )


class IdentityFields(forms.Form):
    name = _text(_("ชื่อ-นามสกุล"), required=False)
    phone = TextField(label=_("โทรศัพท์"), required=False, max_length=40)
    email = forms.EmailField(label=_("อีเมล"), required=False, max_length=200)
    address = _text(_("ที่อยู่"), required=False)

    def identity(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(k) or "" for k in ("name", "phone", "email", "address")}


class CorruptionForm(PublicFormMixin, IdentityFields):
    subject = _text(_("เรื่อง"))
    body = _text(_("รายละเอียด (เกิดอะไร เมื่อใด ที่ไหน)"), long=True)
    named_people = _text(
        _("ผู้ถูกกล่าวหาหรือผู้เกี่ยวข้อง (ถ้าทราบ)"),
        required=False,
        help_text=_(
            "ไม่บังคับ ชื่อที่ระบุจะถูกเข้ารหัส ผู้รับเรื่องที่มีชื่ออยู่ในเรื่องนี้จะเปิดเรื่องไม่ได้ "
            "และผู้ดูแลหน่วยงานจะได้รับแจ้งให้มอบหมายผู้รับเรื่องคนอื่น"
        ),
    )
    place = _text(_("สถานที่"), required=False)
    attachments = FilesField(label=_("ไฟล์แนบ (PDF, PNG, JPEG)"), required=False)
    give_identity = forms.BooleanField(
        label=_("ต้องการแจ้งชื่อและช่องทางติดต่อ (ไม่บังคับ ข้อมูลจะถูกเข้ารหัส เห็นได้เฉพาะผู้รับเรื่อง)"),
        required=False,
    )
    field_order = ["subject", "body", "named_people", "place", "attachments", "give_identity"]

    def identity(self) -> dict[str, str]:
        return super().identity() if self.cleaned_data.get("give_identity") else {}


class ComplaintForm(PublicFormMixin, IdentityFields):
    category = forms.ChoiceField(label=_("หมวด"), choices=Category.choices)
    subject = _text(_("เรื่อง"))
    body = _text(_("รายละเอียด"), long=True)
    place = _text(_("สถานที่"), required=False)
    attachments = FilesField(label=_("ไฟล์แนบ (PDF, PNG, JPEG)"), required=False)
    field_order = ["category", "subject", "body", "place", "attachments"]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("รหัสติดตามเรื่อง"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class AddInfoForm(CodeForm):
    body = _text(_("ข้อมูลเพิ่มเติม"), long=True)


class ReplyForm(forms.Form):
    status = forms.ChoiceField(label=_("สถานะ"), choices=Status.choices)
    body = _text(_("ข้อความถึงผู้แจ้ง (ผู้แจ้งอ่านได้ด้วยรหัสติดตามเรื่อง)"), long=True, required=False)
    reason = _text(_("เหตุผล (เมื่อเสร็จสิ้นหรือไม่รับเรื่อง)"), long=True, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Status.REJECTED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("ไม่รับเรื่อง ต้องระบุเหตุผล"))
        return data


class ReceiverForm(forms.Form):
    membership = forms.IntegerField(widget=forms.Select, label=_("สมาชิกของหน่วยงาน"))
    name = _text(_("ชื่อ-นามสกุลจริง (ใช้ตรวจว่าเรื่องกล่าวถึงผู้รับเรื่องหรือไม่)"))

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        field.widget.choices = choices
        self._allowed = {pk for pk, _label in choices}

    def clean_membership(self) -> int:
        value = self.cleaned_data["membership"]
        if value not in self._allowed:
            raise forms.ValidationError(_("เลือกสมาชิกของหน่วยงาน"))
        return int(value)


class SettingsForm(forms.Form):
    reply_days = forms.IntegerField(label=_("กำหนดตอบผู้แจ้ง (วัน)"), min_value=1, max_value=90)
    identity_retention_days = forms.IntegerField(
        label=_("ลบข้อมูลผู้แจ้งหลังปิดเรื่อง (วัน)"), min_value=0, max_value=3650
    )


class StatsForm(forms.Form):
    year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    by = forms.ChoiceField(
        label=_("แยกตาม"),
        choices=[("month", _("รายเดือน")), ("quarter", _("รายไตรมาส")), ("half", _("รายครึ่งปี"))],
        initial="month",
        required=False,
    )

    def clean_by(self) -> str:
        return self.cleaned_data.get("by") or "month"
