"""The results form: built from the year's framework (its indicators, questions and items)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.frameworks.models import Framework
from prongsai.results.models import Result
from prongsai.results.services import ResultInput, level_names

OIT_CHOICES = [("", "—"), ("pass", _("ผ่าน")), ("fail", _("ไม่ผ่าน"))]


def _score_field(label: Any, required: bool) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


class ResultForm(forms.Form):
    """Ten indicators (required); totals as published, rank, questions and OIT items optional."""

    def __init__(self, *args: Any, framework: Framework, result: Result | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.framework = framework
        initial: dict[str, Any] = {}
        self.indicator_fields: list[tuple[str, str, list[str]]] = []  # tool, name, field names
        for tool in framework.tools.order_by("order"):
            names = []
            for ind in framework.indicators.filter(tool=tool).order_by("number"):
                name = f"ind_{ind.number}"
                self.fields[name] = _score_field(f"{ind.number}. {ind.name_th}", True)
                names.append(name)
            self.fields[f"tool_{tool.code}"] = _score_field(
                _("คะแนน %(code)s ตามที่ประกาศ") % {"code": tool.code}, False
            )
            self.indicator_fields.append((tool.code, tool.name_th, names))
        self.fields["overall"] = _score_field(_("คะแนนรวมตามที่ประกาศ"), False)
        self.fields["level"] = forms.ChoiceField(
            label=_("ระดับตามที่ประกาศ"),
            required=False,
            choices=[("", "—")] + [(n, n) for n in level_names(framework)],
        )
        self.fields["rank"] = forms.IntegerField(label=_("ลำดับที่"), required=False, min_value=1)
        self.fields["ranked_count"] = forms.IntegerField(
            label=_("จำนวนหน่วยงานประเภทเดียวกันที่จัดลำดับ"), required=False, min_value=1
        )
        self.question_fields: list[tuple[str, Any]] = []
        for q in framework.questions.select_related("indicator").order_by("order"):
            name = f"q_{q.code}"
            self.fields[name] = _score_field(q.code, False)
            self.question_fields.append((name, q))
        self.oit_fields: list[tuple[str, Any]] = []
        for item in framework.oit_items.order_by("order"):
            name = f"o_{item.code}"
            self.fields[name] = forms.ChoiceField(
                label=framework.display_code(item.code), required=False, choices=OIT_CHOICES
            )
            self.oit_fields.append((name, item))
        if result is not None:
            initial.update({f"ind_{s.number}": s.score for s in result.indicator_scores.all()})
            initial.update(
                {f"tool_{k}": Decimal(v) for k, v in (result.entered_tools or {}).items()}
            )
            initial.update(
                overall=result.entered_overall,
                level=result.entered_level,
                rank=result.rank,
                ranked_count=result.ranked_count,
            )
            initial.update({f"q_{q.code}": q.score for q in result.question_scores.all()})
            initial.update(
                {f"o_{o.code}": "pass" if o.passed else "fail" for o in result.oit_results.all()}
            )
        self.initial.update(initial)

    def indicator_groups(self) -> list[tuple[str, str, list[Any], Any]]:
        """(tool code, tool name, indicator bound fields, tool-total bound field)."""
        return [
            (code, name, [self[n] for n in names], self[f"tool_{code}"])
            for code, name, names in self.indicator_fields
        ]

    def questions(self) -> list[tuple[Any, Any]]:
        return [(self[name], q) for name, q in self.question_fields]

    def oit_items(self) -> list[tuple[Any, Any]]:
        return [(self[name], item) for name, item in self.oit_fields]

    def to_input(self) -> ResultInput:
        d = self.cleaned_data
        fw = self.framework
        return ResultInput(
            year=fw.year,
            indicators={
                int(name[4:]): d[name] for _c, _n, names in self.indicator_fields for name in names
            },
            entered_overall=d.get("overall"),
            entered_tools={
                code: d[f"tool_{code}"]
                for code, _n, _f in self.indicator_fields
                if d.get(f"tool_{code}") is not None
            },
            entered_level=d.get("level") or "",
            rank=d.get("rank"),
            ranked_count=d.get("ranked_count"),
            questions={
                name[2:]: d[name] for name, _q in self.question_fields if d.get(name) is not None
            },
            oit={name[2:]: d[name] == "pass" for name, _i in self.oit_fields if d.get(name)},
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์ผลการประเมิน (.xlsx หรือ .csv)"),
        help_text=_("ใช้แม่แบบจากปุ่มดาวน์โหลดด้านบน ข้อมูลของปีที่อยู่ในไฟล์จะแทนที่ข้อมูลเดิมของปีนั้นทั้งหมด"),
    )
