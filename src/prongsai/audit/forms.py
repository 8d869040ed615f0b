from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.audit.selectors import AuditFilters
from prongsai.core.fields import ThaiDateField
from prongsai.core.widgets import FastSelect


class AuditFilterForm(forms.Form):
    """The trail's filters: the kind of record (or one record), the person, a B.E. date range."""

    model = forms.ChoiceField(label=_("ข้อมูล"), required=False, widget=FastSelect)
    object_pk = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    q = forms.CharField(label=_("ชื่อรายการ"), required=False, max_length=100)
    username = forms.ChoiceField(label=_("ผู้ใช้"), required=False, widget=FastSelect)
    since = ThaiDateField(label=_("ตั้งแต่วันที่"), required=False)
    until = ThaiDateField(label=_("ถึงวันที่"), required=False)

    def __init__(
        self, *args: Any, kinds: list[tuple[str, str]], people: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("ทั้งหมด"))]
        self.fields["model"].choices = everything + kinds  # type: ignore[attr-defined]
        self.fields["username"].choices = everything + [(p, p) for p in people]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"))
        return data

    def filters(self) -> AuditFilters:
        """What to show: the valid filters (an invalid one is left out, with its message)."""
        if not self.is_bound:
            return AuditFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return AuditFilters(
            model=data.get("model") or "",
            object_pk=(data.get("object_pk") or "") if data.get("model") else "",
            username=data.get("username") or "",
            since=data.get("since"),
            until=data.get("until") if "until" not in self.errors else None,
            q=(data.get("q") or "").strip(),
        )
