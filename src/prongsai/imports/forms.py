from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.fields import LONG_TEXT, SHORT_TEXT, TextField
from prongsai.core.thai import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from prongsai.plans.forms import fiscal_month_choices


class UploadForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์เอกสาร (DOCX, PDF หรือข้อความ)"))


class DraftMeasureForm(forms.Form):
    include = forms.BooleanField(label=_("นำเข้า"), required=False, initial=True)
    issue = forms.CharField(label=_("ประเด็น"), max_length=300, required=False)
    title = forms.CharField(label=_("ชื่อมาตรการ"), max_length=300, required=False)
    question_codes = TextField(label=_("ข้อคำถาม"), required=False, max_length=SHORT_TEXT)
    finding = TextField(
        label=_("ข้อค้นพบ"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    steps = TextField(
        label=_("ขั้นตอน"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_month = forms.TypedChoiceField(label=_("เริ่ม"), coerce=int)
    end_month = forms.TypedChoiceField(label=_("สิ้นสุด"), coerce=int)
    responsible = forms.CharField(label=_("ผู้รับผิดชอบ"), required=False, max_length=300)
    # which measure of the document this row is (its status, actions and results come from it)
    source = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, fiscal_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = fiscal_month_choices(fiscal_year)
        self.fields["start_month"].choices = months  # type: ignore[attr-defined]
        self.fields["end_month"].choices = months  # type: ignore[attr-defined]


class DraftPlanForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("บันทึกเป็นมาตรการของปีงบประมาณ (พ.ศ.)"),
        min_value=FIRST_FISCAL_YEAR,
        max_value=LAST_FISCAL_YEAR,
    )
    acknowledge = forms.BooleanField(
        label=_("ข้าพเจ้าตรวจทานส่วนที่ระบบไม่แน่ใจข้างต้นแล้ว"),
        required=False,
    )

    def __init__(self, *args: Any, doubtful: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.doubtful = doubtful
        if not doubtful:
            del self.fields["acknowledge"]

    def clean_acknowledge(self) -> bool:
        value = bool(self.cleaned_data.get("acknowledge"))
        if self.doubtful and not value:
            raise forms.ValidationError(
                _("ระบบไม่แน่ใจในบางส่วนของเอกสารนี้ กรุณาตรวจทานและทำเครื่องหมายยืนยันก่อนบันทึก")
            )
        return value


DraftMeasureFormSet = forms.formset_factory(DraftMeasureForm, extra=0)
