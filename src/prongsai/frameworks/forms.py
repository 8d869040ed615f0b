from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์เกณฑ์ (YAML)"),
        help_text=_("ดาวน์โหลดไฟล์ของปีที่ต้องการแก้ไขจากหน้ารายละเอียด แก้ไข แล้วอัปโหลดกลับ"),
    )
