from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.abuse import PublicFormMixin
from prongsai.core.fields import LONG_TEXT, RecordChoiceField, TextField, ThaiDateField
from prongsai.core.thai import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, local_digits_lazy
from prongsai.feedback.models import Guideline, Service


class AskForm(PublicFormMixin, forms.Form):
    subject = TextField(label=_("เรื่อง"), max_length=200)
    text = TextField(
        label=_("คำถาม"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("ไม่ต้องใส่ชื่อ เบอร์โทร หรือที่อยู่ คำถามและคำตอบจะเผยแพร่ต่อสาธารณะ"),
    )


SCORES = [
    (5, local_digits_lazy(_("๕ — พอใจมากที่สุด"))),
    (4, local_digits_lazy(_("๔ — พอใจมาก"))),
    (3, local_digits_lazy(_("๓ — พอใจปานกลาง"))),
    (2, local_digits_lazy(_("๒ — พอใจน้อย"))),
    (1, local_digits_lazy(_("๑ — พอใจน้อยที่สุด"))),
]


class RateForm(PublicFormMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("ความพึงพอใจต่อการให้บริการ"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = TextField(
        label=_("ข้อเสนอแนะ (ไม่บังคับ)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    answer = TextField(label=_("คำตอบ"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))


class ServiceForm(forms.ModelForm):
    name = TextField(label=_("ชื่องานบริการ"), max_length=200)
    description = TextField(label=_("คำอธิบาย"), max_length=300, required=False)

    class Meta:
        model = Service
        fields = ["name", "description", "order", "active"]


class GuidelineYearForm(forms.Form):
    """The fiscal year a guideline is written for (preview and publication)."""

    year = forms.IntegerField(
        label=_("ปีงบประมาณ (พ.ศ.)"), min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR
    )


class GuidelineForm(forms.ModelForm):
    responsible_unit = TextField(label=_("หน่วยงานที่รับผิดชอบ"), max_length=300, required=False)
    steps = TextField(
        label=_("ขั้นตอนการจัดการเรื่องร้องเรียน (บรรทัดละขั้นตอน)"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    channels = TextField(
        label=_("ช่องทางการร้องเรียน (บรรทัดละช่องทาง)"),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("ช่องทางออนไลน์ในระบบ (แจ้งเรื่องร้องเรียน ถาม-ตอบ) และช่องทางระดับชาติจะเพิ่มให้เอง"),
    )
    contact = TextField(label=_("ติดต่อสอบถาม"), max_length=300, required=False)

    class Meta:
        model = Guideline
        fields = ["responsible_unit", "days_to_finish", "steps", "channels", "contact"]


class EvidenceForm(forms.Form):
    """A measure of the plan and a period: the figures go in as one dated progress action."""

    measure = RecordChoiceField(queryset=None, label=_("มาตรการ"))
    source = forms.ChoiceField(
        label=_("ตัวเลขจาก"),
        choices=[("survey", _("แบบประเมินความพึงพอใจ")), ("qa", _("กระดานถาม-ตอบ"))],
    )
    start = ThaiDateField(label=_("ตั้งแต่วันที่"))
    end = ThaiDateField(label=_("ถึงวันที่"))

    def __init__(self, *args: Any, measures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("วันเริ่มต้องไม่หลังวันสิ้นสุด"))
        return data
