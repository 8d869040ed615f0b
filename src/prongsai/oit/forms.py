from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from prongsai.core.fields import LONG_TEXT, RecordChoiceField, TextField
from prongsai.core.thai import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, local_digits_in_text_lazy
from prongsai.oit.models import EntryStatus
from prongsai.orgs.models import Agency, Person, Unit
from prongsai.progress.evidence_files import ALLOWED_LABEL
from prongsai.progress.forms import ThaiDateField


class YearField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", FIRST_FISCAL_YEAR)
        kwargs.setdefault("max_value", LAST_FISCAL_YEAR)
        super().__init__(**kwargs)


class RegisterCreateForm(forms.Form):
    year = YearField(label=_("ปีงบประมาณ (พ.ศ.)"))


class EntryForm(forms.Form):
    status = forms.ChoiceField(label=_("สถานะ"), choices=EntryStatus.choices)
    unit = RecordChoiceField(
        label=_("ส่วนราชการที่รับผิดชอบ"), queryset=Unit.objects.none(), required=False
    )
    person = RecordChoiceField(label=_("ผู้รับผิดชอบ"), queryset=Person.objects.none(), required=False)
    due_date = ThaiDateField(label=_("กำหนดเสร็จ"), required=False)
    notes = forms.CharField(
        label=_("หมายเหตุ"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency)  # type: ignore[attr-defined]
        self.fields["person"].queryset = Person.objects.filter(agency=agency)  # type: ignore[attr-defined]


class LinkForm(forms.Form):
    url = forms.URLField(
        label=_("ลิงก์ (URL) บนเว็บไซต์หลักของหน่วยงาน"), max_length=1000, assume_scheme="https"
    )
    explanation = TextField(
        label=_("คำอธิบายเพิ่มเติม"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=local_digits_in_text_lazy(
            _("บอกผู้ตรวจว่าข้อมูลอยู่ตรงไหนของหน้า เช่น เมนู ITA หัวข้อ O12 ไฟล์ลำดับที่ 3")
        ),
    )
    covers_year = YearField(
        label=_("ข้อมูลของปีงบประมาณ"),
        required=False,
        help_text=_("ปีของข้อมูลในเอกสาร ใช้ตรวจว่าตรงกับที่รายการกำหนด"),
    )


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์"), help_text=format_lazy(_("รับไฟล์ {types}"), types=ALLOWED_LABEL)
    )
    title = TextField(label=_("คำอธิบาย"), required=False, max_length=200)
    covers_year = YearField(label=_("ข้อมูลของปีงบประมาณ"), required=False)
