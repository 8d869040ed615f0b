from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import AGENCY_ROLES, Agency, Person, Unit


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
    class Meta:
        model = Agency
        fields = ["address", "phone", "website", "digit_style"]


ROLE_CHOICES = [(r.value, r.label) for r in AGENCY_ROLES]


class MemberAddForm(forms.Form):
    username = forms.SlugField(label=_("ชื่อผู้ใช้"), max_length=150)
    email = forms.EmailField(label=_("อีเมล"), required=False)
    role = forms.ChoiceField(label=_("บทบาท"), choices=ROLE_CHOICES)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("บทบาท"), choices=ROLE_CHOICES)
