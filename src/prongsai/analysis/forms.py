from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.analysis.rules import Rules
from prongsai.analysis.selectors import WeakItem
from prongsai.core.fields import LONG_TEXT


class RulesForm(forms.Form):
    below_pass = forms.BooleanField(label=_("ต่ำกว่าเกณฑ์ผ่าน"), required=False)
    lowest_in_tool = forms.BooleanField(label=_("ต่ำสุดในแต่ละเครื่องมือ"), required=False)
    below_overall = forms.BooleanField(label=_("ต่ำกว่าคะแนนรวมของหน่วยงาน"), required=False)
    threshold = forms.DecimalField(
        label=_("ต่ำกว่าคะแนน"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "placeholder": "95", "size": 6}),
    )
    questions = forms.BooleanField(label=_("พิจารณารายข้อคำถามด้วย"), required=False)

    @classmethod
    def for_rules(cls, rules: Rules, data: Any = None) -> RulesForm:
        return cls(
            data,
            initial={
                "below_pass": rules.below_pass,
                "lowest_in_tool": rules.lowest_in_tool,
                "below_overall": rules.below_overall,
                "threshold": rules.threshold,
                "questions": rules.questions,
            },
        )

    def to_rules(self) -> Rules:
        d = self.cleaned_data
        return Rules(
            below_pass=d["below_pass"],
            lowest_in_tool=d["lowest_in_tool"],
            below_overall=d["below_overall"],
            threshold=d.get("threshold"),
            questions=d["questions"],
        )


def field_name(item: WeakItem, part: str) -> str:
    return f"{part}__{item.kind}__{item.code}"


def texts_from_post(post: Any, items: list[WeakItem]) -> dict[tuple[str, str], tuple[str, str]]:
    """The texts posted for the items shown (fields the form did not have are ignored)."""
    out = {}
    for item in items:
        deficiency = post.get(field_name(item, "deficiency"))
        development = post.get(field_name(item, "development"))
        if deficiency is None and development is None:
            continue
        out[(item.kind, item.code)] = (
            (deficiency if deficiency is not None else item.deficiency)[:LONG_TEXT],
            (development if development is not None else item.development)[:LONG_TEXT],
        )
    return out
