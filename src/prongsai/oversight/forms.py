from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.oversight.bulk import MAX_BYTES


class BulkImportForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์ผลการประเมินหลายหน่วยงาน (.xlsx หรือ .csv)"),
        help_text=_("หนึ่งแถวต่อหนึ่งหน่วยงานต่อหนึ่งปี ข้อมูลของปีที่อยู่ในไฟล์จะแทนที่ผลเดิมของหน่วยงานในปีนั้น"),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("ไฟล์ต้องเป็น .csv หรือ .xlsx"))
        if upload.size and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("ไฟล์ใหญ่เกินไป (ไม่เกิน 20 MB)"))
        return upload
