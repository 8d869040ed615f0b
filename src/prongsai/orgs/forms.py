from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai import local_digits_lazy
from prongsai.orgs.models import AGENCY_ROLES, Agency, Person, Role, Unit


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "order"]
        labels = {"order": _("ลำดับ")}


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "position", "unit", "signs_documents", "order"]
        labels = {"order": _("ลำดับ")}

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency)  # type: ignore[attr-defined]


class AgencySettingsForm(forms.ModelForm):
    emblem = forms.FileField(
        label=_("ตราครุฑสำหรับบันทึกข้อความ"),
        required=False,
        help_text=local_digits_lazy(
            _("ไฟล์ภาพ PNG หรือ JPEG ไม่เกิน ๒ เมกะไบต์ พิมพ์สูง ๑.๕ เซนติเมตร ที่มุมซ้ายบนของบันทึกข้อความ")
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    emblem_remove = forms.BooleanField(label=_("ลบตราครุฑที่มีอยู่"), required=False)

    class Meta:
        model = Agency
        fields = ["address", "phone", "website", "digit_style"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.emblem_path:
            del self.fields["emblem_remove"]
        self.emblem_png: bytes | None = None

    def clean_emblem(self) -> Any:
        from prongsai.orgs.emblem import MAX_BYTES, emblem_png

        upload = self.cleaned_data.get("emblem")
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(_("ไฟล์ตราครุฑใหญ่เกิน ๒ เมกะไบต์"))
            self.emblem_png = emblem_png(upload.read())
        return upload


ROLE_CHOICES = [(r.value, r.label) for r in AGENCY_ROLES]


class MemberAddForm(forms.Form):
    username = forms.SlugField(
        label=_("ชื่อผู้ใช้"),
        max_length=150,
        help_text=_(
            "ชื่อที่ยังไม่มีบัญชี: ระบบสร้างบัญชีและส่งลิงก์ตั้งรหัสผ่านไปที่อีเมล "
            "ชื่อบัญชีที่มีอยู่แล้ว: ระบบส่งคำเชิญให้เจ้าของบัญชีตอบรับ"
        ),
    )
    email = forms.EmailField(
        label=_("อีเมล"), required=False, help_text=_("จำเป็นสำหรับผู้ใช้ใหม่ ใช้ส่งคำเชิญ")
    )
    role = forms.ChoiceField(label=_("บทบาท"), choices=ROLE_CHOICES, initial=Role.EDITOR.value)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("บทบาท"), choices=ROLE_CHOICES)
