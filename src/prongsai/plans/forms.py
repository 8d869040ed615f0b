from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai
from prongsai.core.fields import (
    LONG_TEXT,
    SHORT_TEXT,
    RecordChoiceField,
    RecordMultipleChoiceField,
    TextField,
    ThaiDateField,
    text_formfield,
)
from prongsai.core.thai import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from prongsai.orgs.models import Agency, Person, Unit
from prongsai.plans.models import MAX_MONITORING, Measure, Plan, fiscal_month_date


def fiscal_month_choices(fiscal_year: int) -> list[tuple[int, str]]:
    choices = []
    for month in range(1, 13):
        day = fiscal_month_date(fiscal_year, month)
        choices.append((month, thai.local_month(day)))
    return choices


class PlanCreateForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("ปีงบประมาณ (พ.ศ.)"), min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR
    )
    based_on_year = forms.IntegerField(
        label=_("ใช้ผลการประเมิน ITA ของปีงบประมาณ (พ.ศ.)"),
        min_value=FIRST_FISCAL_YEAR,
        max_value=LAST_FISCAL_YEAR,
        required=False,
        help_text=_("เว้นว่างไว้เพื่อใช้ปีก่อนหน้า"),
    )
    standard_issues = forms.BooleanField(
        label=thai.local_digits_lazy(_("เริ่มด้วยประเด็นมาตรฐาน ๗ ประเด็น")),
        required=False,
        initial=True,
    )


class PlanEditForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "constraints_text"]
        formfield_callback = text_formfield
        widgets = {"constraints_text": forms.Textarea(attrs={"rows": 5})}


class IssueForm(forms.Form):
    title = forms.CharField(label=_("ประเด็น"), max_length=300)


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("ชื่อมาตรการ"), max_length=300)
    question_codes = TextField(
        label=_("ข้อคำถาม ITA / ข้อ OIT"),
        required=False,
        max_length=SHORT_TEXT,
        help_text=_("คั่นด้วยจุลภาค เช่น i19, i20, e10, o25"),
    )
    finding = TextField(
        label=_("ข้อค้นพบ"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    steps = TextField(
        label=_("ขั้นตอน/วิธีการปฏิบัติ"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("บรรทัดละหนึ่งขั้นตอน ระบบจะใส่ลำดับเลขให้"),
    )
    start_month = forms.TypedChoiceField(label=_("เริ่ม"), coerce=int)
    end_month = forms.TypedChoiceField(label=_("สิ้นสุด"), coerce=int)
    responsible_units = RecordMultipleChoiceField(
        label=_("ส่วนราชการผู้รับผิดชอบ"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible_people = RecordMultipleChoiceField(
        label=_("บุคลากรผู้รับผิดชอบ"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible_note = forms.CharField(label=_("ผู้รับผิดชอบ (เพิ่มเติม)"), required=False, max_length=300)
    expected_outcome = TextField(
        label=_("ผลลัพธ์ที่คาดหวัง"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, agency: Agency, fiscal_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = fiscal_month_choices(fiscal_year)
        self.fields["start_month"].choices = months  # type: ignore[attr-defined]
        self.fields["end_month"].choices = months  # type: ignore[attr-defined]
        self.fields["responsible_units"].queryset = Unit.objects.filter(agency=agency)  # type: ignore[attr-defined]
        self.fields["responsible_people"].queryset = Person.objects.filter(agency=agency)  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, measure: Measure) -> dict[str, Any]:
        return {
            "title": measure.title,
            "question_codes": ", ".join(measure.question_codes),
            "finding": measure.finding,
            "steps": "\n".join(measure.steps),
            "start_month": measure.start_month,
            "end_month": measure.end_month,
            "responsible_units": list(measure.responsible_units.all()),
            "responsible_people": list(measure.responsible_people.all()),
            "responsible_note": measure.responsible_note,
            "expected_outcome": measure.expected_outcome,
        }

    def measure_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "question_codes": d["question_codes"],
            "finding": d["finding"],
            "steps": d["steps"].splitlines(),
            "start_month": d["start_month"],
            "end_month": d["end_month"],
            "responsible_note": d["responsible_note"],
            "expected_outcome": d["expected_outcome"],
        }


class MonitoringForm(forms.Form):
    text = forms.CharField(label=_("การรายงานผล/การกำกับติดตาม"), required=False, max_length=500)
    deadline = ThaiDateField(label=_("กำหนดเวลาแล้วเสร็จ"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The rows sit in a table under column headings, with no <label> of their own: each input
        # carries its column's name and row number for screen readers (WCAG 1.3.1, 4.1.2).
        row = (self.prefix or "").rsplit("-", 1)[-1]
        for field in self.fields.values():
            name = str(field.label)
            field.widget.attrs["aria-label"] = f"{name} {int(row) + 1}" if row.isdecimal() else name


MonitoringFormSet = forms.formset_factory(MonitoringForm, extra=2, max_num=MAX_MONITORING)


def monitoring_initial(measure: Measure | None) -> list[dict[str, Any]]:
    if measure is None:
        return []
    return [
        {
            "text": s["text"],
            "deadline": dt.date.fromisoformat(s["deadline"]) if s.get("deadline") else None,
        }
        for s in measure.monitoring
    ]


class ApproveForm(forms.Form):
    approver = RecordChoiceField(
        label=_("ผู้อนุมัติ (ลงนามในเอกสาร)"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        signers = Person.objects.filter(agency=agency, signs_documents=True)
        self.fields["approver"].queryset = signers  # type: ignore[attr-defined]
