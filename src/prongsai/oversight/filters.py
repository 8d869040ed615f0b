"""The filters of an oversight page (GET parameters), shared by the page and its exports.

`year` is the results year (B.E.); the plan, the reports and the late measures shown with it are
those of the next fiscal year, the plan that is based on those results.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai
from prongsai.core.thai import local_digits
from prongsai.core.widgets import FastSelect
from prongsai.orgs.models import AgencyType, District, Province
from prongsai.oversight.scope import COUNTRY, Scope
from prongsai.plans.models import fiscal_month_date

STATES: list[tuple[str, Any]] = [
    ("", _("ทุกสถานะ")),
    ("no_result", _("ยังไม่มีผลการประเมิน")),
    ("failed", _("ไม่ผ่านเกณฑ์")),
    ("plan_none", _("ยังไม่มีมาตรการ")),
    ("plan_draft", _("มาตรการเป็นร่าง")),
    ("plan_approved", _("มาตรการอนุมัติแล้ว")),
    ("findings", _("มีข้อค้นพบจากการตรวจ")),
    ("late", _("มีมาตรการล่าช้า")),
    ("half_missing", _("รายงานรอบ ๖ เดือนยังไม่สรุป")),
    ("half_final", _("รายงานรอบ ๖ เดือนสรุปแล้ว")),
    ("year_missing", _("รายงานประจำปียังไม่สรุป")),
    ("year_final", _("รายงานประจำปีสรุปแล้ว")),
]
SORTS: dict[str, Any] = {
    "area": _("พื้นที่"),
    "name": _("ชื่อหน่วยงาน"),
    "overall": _("คะแนนรวม"),
    "change": _("เปลี่ยนแปลงจากปีก่อน"),
    "rank": _("อันดับประเทศ"),
    "plan": _("สถานะมาตรการ"),
    "findings": _("ข้อค้นพบ"),
    "late": _("มาตรการล่าช้า"),
    "half": _("รายงานรอบ ๖ เดือน"),
    "year": _("รายงานประจำปี"),
}
PAGE_SIZE = 50


@dataclass(frozen=True)
class Filters:
    year: int
    province: Province | None = None
    district: District | None = None
    type: str = ""
    level: str = ""
    state: str = ""
    q: str = ""
    sort: str = "area"
    page: int = 1

    @property
    def plan_year(self) -> int:
        return self.year + 1

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    @property
    def sort_key(self) -> str:
        return self.sort.lstrip("-")

    def population(self, scope: Scope, prefix: str = "") -> dict[str, Any]:
        """Lookups for the agencies the figures are about: the scope, narrowed by the area and
        type filters (the level, state and name filters only narrow the table)."""
        out = scope.lookups(prefix)
        if self.district is not None:
            out[f"{prefix}district_id"] = self.district.pk
        elif self.province is not None:
            out[f"{prefix}district__province_id"] = self.province.pk
        if self.type:
            out[f"{prefix}type"] = self.type
        return out

    def cache_key(self, scope: Scope) -> str:
        parts = [
            scope.key,
            str(self.year),
            str(self.province.pk if self.province else ""),
            str(self.district.pk if self.district else ""),
            self.type,
        ]
        return ":".join(parts)

    def query(self, **changes: Any) -> str:
        """The query string of these filters with some changed (for sort links and pages)."""
        f = replace(self, **changes)
        params = {
            "year": f.year,
            "province": f.province.code if f.province else "",
            "district": f.district.code if f.district else "",
            "type": f.type,
            "level": f.level,
            "state": f.state,
            "q": f.q,
            "sort": f.sort if f.sort != "area" else "",
            "page": f.page if f.page > 1 else "",
        }
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})

    def sort_query(self, key: str) -> str:
        """Sorting by `key`, or reversing it when it is the current sort."""
        if self.sort_key == key:
            new = key if self.descending else f"-{key}"
        else:
            new = f"-{key}" if key in ("overall", "change", "late", "findings") else key
        return self.query(sort=new, page=1)


def as_of(plan_year: int, today: dt.date | None = None) -> dt.date:
    """The date late measures are counted at: today, but no later than the plan year's end
    (as the progress pages do)."""
    today = today or timezone.localdate()
    return min(today, thai.fiscal_year_period(plan_year).end)


def months_due(plan_year: int, on: dt.date) -> int:
    """How many fiscal months of `plan_year` have ended by `on` (0–12): a measure planned to end
    in one of them and not done by `on` is late."""
    due = 0
    for month in range(1, 13):
        if fiscal_month_date(plan_year, month, end=True) <= on:
            due = month
    return due


class FilterForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("ผลการประเมินปี"), coerce=int, required=False, widget=FastSelect
    )
    province = forms.ChoiceField(label=_("จังหวัด"), required=False, widget=FastSelect)
    district = forms.ChoiceField(label=_("อำเภอ"), required=False, widget=FastSelect)
    type = forms.ChoiceField(
        label=_("ประเภท"),
        required=False,
        widget=FastSelect,
        choices=[("", _("ทุกประเภท")), *AgencyType.choices],
    )
    level = forms.ChoiceField(label=_("ระดับ"), required=False, widget=FastSelect)
    state = forms.ChoiceField(label=_("สถานะ"), required=False, choices=STATES, widget=FastSelect)
    q = forms.CharField(label=_("ชื่อหรือรหัส"), required=False, max_length=100)
    sort = forms.CharField(required=False, max_length=20)
    page = forms.IntegerField(required=False, min_value=1, max_value=100000)

    def __init__(self, data: Any, *, scope: Scope, years: list[int], levels: list[str]) -> None:
        super().__init__(data)
        self.scope = scope
        self.years = years
        self._choices("year", [(y, local_digits(y)) for y in reversed(years)])
        self._choices("level", [("", _("ทุกระดับ")), *[(lv, lv) for lv in levels]])
        provinces: list[tuple[str, str]] = []
        if scope.kind == COUNTRY:
            provinces = list(Province.objects.order_by("name").values_list("code", "name"))
            self._choices("province", [("", _("ทุกจังหวัด")), *provinces])
        else:
            del self.fields["province"]
        chosen = str(data.get("province", "")) if scope.kind == COUNTRY else ""
        districts: list[tuple[str, str]] = []
        if scope.province is not None and scope.district is None:
            districts = list(scope.province.districts.values_list("code", "name"))
        elif chosen and chosen in dict(provinces):
            districts = list(
                District.objects.filter(province__code=chosen).values_list("code", "name")
            )
        if districts:
            self._choices("district", [("", _("ทุกอำเภอ")), *districts])
        else:
            del self.fields["district"]

    def _choices(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def filters(self) -> Filters:
        """The valid filters; a value that is not valid is left out (as if not given)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        year = data.get("year") or (
            self.years[-1] if self.years else thai.fiscal_year(timezone.localdate()) - 1
        )
        province = district = None
        if data.get("province"):
            province = Province.objects.filter(code=data["province"]).first()
        if data.get("district"):
            district = (
                District.objects.select_related("province").filter(code=data["district"]).first()
            )
            if (
                district is not None
                and province is not None
                and district.province_id != province.pk
            ):
                district = None
        sort = str(data.get("sort") or "area")
        if sort.lstrip("-") not in SORTS:
            sort = "area"
        return Filters(
            year=int(year),
            province=province,
            district=district,
            type=data.get("type") or "",
            level=data.get("level") or "",
            state=data.get("state") or "",
            q=(data.get("q") or "").strip(),
            sort=sort,
            page=data.get("page") or 1,
        )
