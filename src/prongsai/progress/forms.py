from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from prongsai.core.fields import (
    LONG_TEXT,
    RecordChoiceField,
    TextField,
    ThaiDateField,
    text_formfield,
)
from prongsai.core.thai import local_digits_lazy
from prongsai.orgs.models import Agency, Person
from prongsai.progress.evidence_files import ALLOWED_LABEL
from prongsai.progress.models import MEMO_FIELDS, MeasureNote, ProgressReport


class EvidenceFields(forms.Form):
    url = forms.URLField(
        label=_("ลิงก์หลักฐาน"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("เช่น ลิงก์ประกาศบนเว็บไซต์ของหน่วยงาน"),
    )
    file = forms.FileField(
        label=_("หรือไฟล์หลักฐาน"),
        required=False,
        help_text=format_lazy(_("รับไฟล์ {types}"), types=ALLOWED_LABEL),
    )
    evidence_title = forms.CharField(label=_("คำอธิบายหลักฐาน"), required=False, max_length=200)


class ActionForm(EvidenceFields):
    date = ThaiDateField(label=_("วันที่ดำเนินการ"))
    text = TextField(
        label=_("สิ่งที่ดำเนินการ"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    by_person = RecordChoiceField(
        label=_("ผู้ดำเนินการ"), queryset=Person.objects.none(), required=False
    )
    by_text = forms.CharField(label=_("ผู้ดำเนินการ (ระบุเอง)"), required=False, max_length=200)
    completes = forms.BooleanField(label=_("มาตรการนี้ดำเนินการแล้วเสร็จ"), required=False)

    field_order = [
        "date",
        "text",
        "by_person",
        "by_text",
        "completes",
        "url",
        "file",
        "evidence_title",
    ]

    def __init__(
        self, *args: Any, agency: Agency, with_evidence: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["by_person"].queryset = Person.objects.filter(agency=agency)  # type: ignore[attr-defined]
        if not with_evidence:
            for name in ("url", "file", "evidence_title"):
                del self.fields[name]


class EvidenceForm(EvidenceFields):
    pass


class NoteForm(forms.ModelForm):
    class Meta:
        model = MeasureNote
        fields = ["result", "suggestions", "outcome", "cause", "problems"]
        formfield_callback = text_formfield
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class MemoForm(forms.ModelForm):
    memo_date = ThaiDateField(label=_("วันที่"), required=False)
    memo_signer_head = RecordChoiceField(
        label=local_digits_lazy(_("ผู้ลงนามลำดับที่ ๑ (หัวหน้าสำนักปลัด)")),
        queryset=Person.objects.none(),
        required=False,
    )
    memo_signer_palad = RecordChoiceField(
        label=local_digits_lazy(_("ผู้ลงนามลำดับที่ ๒ (ปลัด)")),
        queryset=Person.objects.none(),
        required=False,
    )
    memo_signer_mayor = RecordChoiceField(
        label=local_digits_lazy(_("ผู้ลงนามลำดับที่ ๓ (นายก)")),
        queryset=Person.objects.none(),
        required=False,
    )

    class Meta:
        model = ProgressReport
        fields = list(MEMO_FIELDS)
        formfield_callback = text_formfield
        widgets = {"memo_closing": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "memo_ref": local_digits_lazy(_("เลขที่หนังสือ เช่น ตร 78401/…")),
            "memo_to": _("เว้นว่างไว้เพื่อใช้ตำแหน่งของนายกจากรายชื่อบุคลากรที่ลงนาม"),
            "memo_subject": _("เว้นว่างไว้เพื่อใช้ชื่อเรื่องมาตรฐานของรายงาน"),
            "memo_closing": _(
                "ย่อหน้าสุดท้ายของบันทึก เว้นว่างไว้เพื่อใช้ข้อความมาตรฐาน (จึงเรียนมาเพื่อโปรดพิจารณา …)"
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(agency_id=self.instance.plan.agency_id)
        for name in ("memo_signer_head", "memo_signer_palad", "memo_signer_mayor"):
            self.fields[name].queryset = people  # type: ignore[attr-defined]
            self.fields[name].help_text = _("เว้นว่างไว้เพื่อเลือกจากบุคลากรที่ลงนามในเอกสาร")


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผลที่เปิดแก้ไข"), max_length=250)
