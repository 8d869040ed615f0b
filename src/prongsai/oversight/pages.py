"""What an oversight page shows: the filters, the area's figures and charts, a page of the
table. Shared by the HTML page and the exports, so both show the same numbers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.core.thai import local_digits
from prongsai.frameworks.models import Framework
from prongsai.oversight import charts
from prongsai.oversight.aggregates import BANDS, TOOLS, Aggregates, Stat
from prongsai.oversight.charts import mini_bar
from prongsai.oversight.figures import area_aggregates
from prongsai.oversight.filters import SORTS, FilterForm, Filters
from prongsai.oversight.scope import COUNTRY, DISTRICT, PROVINCE, Scope
from prongsai.oversight.selectors import AreaRanks, Row, page_of_rows, result_years
from prongsai.oversight.tables import rows_html


@dataclass
class View:
    scope: Scope
    filters: Filters
    form: FilterForm
    agg: Aggregates
    ranks: AreaRanks
    with_page: bool = True
    known_count: int | None = None  # the table's length when it is the whole area

    @cached_property
    def _page_and_rows(self) -> tuple[Any, list[Row]]:
        """The table's page, computed only when the table fragment is not in the cache."""
        if not self.with_page:
            return None, []
        return page_of_rows(self.scope, self.filters, self.ranks, count=self.known_count)

    @property
    def page(self) -> Any:
        return self._page_and_rows[0]

    @property
    def rows(self) -> list[Row]:
        return self._page_and_rows[1]

    @property
    def table_key(self) -> str:
        """Keys the rendered table: the filters, sort and page, and the day (late measures are
        counted as of today). The figures' data version is in `agg.key`."""
        raw = f"{self.filters.query()}|{self.filters.sort}|{self.filters.page}|{self.agg.as_of}"
        return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()

    @property
    def rows_html(self) -> SafeString:
        return rows_html(self.rows, self.filters.year, self.filters.plan_year)

    @cached_property
    def charts(self) -> dict[str, SafeString]:
        """Built only when the page's figures are not in the fragment cache."""
        return build_charts(self.agg)

    @property
    def years_label(self) -> str:
        text = _("ผลการประเมินปี %(year)s · มาตรการและรายงานปีงบประมาณ %(plan_year)s") % {
            "year": self.filters.year,
            "plan_year": self.filters.plan_year,
        }
        return local_digits(text)

    @property
    def as_of_label(self) -> str:
        return local_digits(thai.local_date(self.agg.as_of))

    @property
    def computed_label(self) -> str:
        """When the figures were computed (the country's may be up to a minute old)."""
        return local_digits(timezone.localtime(self.agg.computed_at).strftime("%H:%M"))

    @property
    def plan_year_label(self) -> str:
        return local_digits(self.filters.plan_year)

    @property
    def area_label(self) -> str:
        f = self.filters
        if f.district is not None:
            return f"อำเภอ{f.district.name} จังหวัด{f.district.province.name}"
        if f.province is not None:
            return f"จังหวัด{f.province.name}"
        return self.scope.label

    @cached_property
    def sort_links(self) -> dict[str, str]:
        return {key: self.filters.sort_query(key) for key in SORTS}

    @cached_property
    def page_links(self) -> dict[str, str]:
        links: dict[str, str] = {}
        if self.page is not None and self.page.has_previous():
            links["first"] = self.filters.query(page=1)
            links["previous"] = self.filters.query(page=self.page.previous_page_number())
        if self.page is not None and self.page.has_next():
            links["next"] = self.filters.query(page=self.page.next_page_number())
            links["last"] = self.filters.query(page=self.page.paginator.num_pages)
        return links

    @property
    def export_links(self) -> dict[str, str]:
        name = f"oversight:{self.scope.kind}_export"
        code = self.scope.district or self.scope.province
        query = self.filters.query(page=1)
        return {
            fmt: reverse(name, kwargs={"fmt": fmt, **({"code": code.code} if code else {})})
            + (f"?{query}" if query else "")
            for fmt in ("xlsx", "csv")
        }

    @property
    def area_links(self) -> list[tuple[Any, str, SafeString]]:
        year = f"?year={self.filters.year}"
        return [
            (a, reverse(f"oversight:{a.kind}", kwargs={"code": a.code}) + year, mini_bar(a.mean))
            for a in self.agg.areas
        ]

    @property
    def sub_area_label(self) -> str:
        first = self.agg.areas[0].kind if self.agg.areas else None
        return _("จังหวัด") if first == PROVINCE else _("อำเภอ")


def _levels(year: int) -> list[str]:
    # only the levels: the framework's whole row holds its questions too (1.6 ms → 0.3 ms)
    levels = Framework.objects.filter(year=year).values_list("levels", flat=True).first()
    return [r.get("label_th") or r["code"] for r in (levels or [])]


def build_view(scope: Scope, params: QueryDict, *, with_page: bool = True) -> View:
    years = result_years()
    chosen = params.get("year", "")
    year = int(chosen) if chosen.isdecimal() and int(chosen) in years else None
    levels = _levels(year or (years[-1] if years else 0))
    form = FilterForm(params, scope=scope, years=years, levels=levels)
    f = form.filters()
    agg = area_aggregates(scope, f)
    ranks = AreaRanks(agg.scores, negated_sorted=True)
    known = agg.agencies if not (f.level or f.state or f.q) else None
    return View(scope, f, form, agg, ranks, with_page=with_page, known_count=known)


def page_key(scope: Scope, version: str, params: QueryDict, user_kind: str) -> str:
    """The cache key of an area page as rendered (views._area): what it shows is the area's figures
    (their `version`, from figures.area_version), the filters as asked, the language and
    digits, the day (late measures are counted as of today) and the breadcrumbs of the
    viewer's widest area; nothing in it is the viewer's own (no form token, no name), so
    every overseer of the area may be served it, after their own access check."""
    code = scope.district.code if scope.district else scope.province.code if scope.province else ""
    raw = "|".join(
        [
            scope.kind,
            code,
            version,
            params.urlencode(),
            get_language() or "",
            str(thai.page_digits()),
            user_kind,
            timezone.localdate().isoformat(),
        ]
    )
    return "oversight:page:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def _label(s: Stat) -> str:
    if s.key == s.tool:
        return _("เครื่องมือ %(code)s") % {"code": s.key}
    return f"{s.key}. {s.name}"


def build_charts(agg: Aggregates) -> dict[str, SafeString]:
    year = local_digits(agg.year)
    prev = local_digits(agg.year - 1)
    out: dict[str, SafeString] = {}
    out["levels"] = charts.columns(
        [(label, n) for label, n in agg.levels],
        title=_("จำนวนหน่วยงานตามระดับผลการประเมิน ปี %(year)s") % {"year": year},
        colours=charts.LEVEL_COLOURS,
    )
    out["histogram"] = charts.columns(
        [(_(label), n) for label, n in agg.histogram],
        title=_("การกระจายของคะแนนรวม ปี %(year)s (สีเขียว: ผ่านเกณฑ์ ๘๕ คะแนนขึ้นไป)") % {"year": year},
        highlight_from=6,
    )
    rows = [
        charts.Bar(
            _label(s),
            s.mean,
            f"{s.mean:.2f}" if s.mean is not None else "",
            charts.TOOL_COLOURS.get(s.tool, "#1f4e8c"),
            s.prev_mean,
        )
        for s in [*agg.tools, *agg.indicators]
    ]
    out["means"] = charts.hbars(
        rows,
        title=_("คะแนนเฉลี่ยรายเครื่องมือและรายตัวชี้วัด ปี %(year)s (ขีดดำ: ปี %(prev)s)")
        % {"year": year, "prev": prev},
        low=50,
        high=100,
        marker_label=_("ปี %(year)s") % {"year": prev},
    )
    out["bands"] = charts.stacked(
        [(_label(s), s.bands) for s in [*agg.tools, *agg.indicators]],
        title=_("สัดส่วนหน่วยงานตามช่วงคะแนน รายเครื่องมือและรายตัวชี้วัด ปี %(year)s") % {"year": year},
        bands=[_(label) for label, _lo, _hi in BANDS],
    )
    values = [float(p[k]) for p in agg.trend for k in ("mean", *TOOLS) if p.get(k) is not None]
    out["trend"] = charts.trend(
        agg.trend,
        low=min([70.0, *[10 * (v // 10) for v in values]]),
        title=_("คะแนนเฉลี่ยรายปี: คะแนนรวมและรายเครื่องมือ"),
        series=[("mean", _("คะแนนรวม"), "#1d2733")]
        + [(t, t, charts.TOOL_COLOURS[t]) for t in TOOLS],
    )
    out["pass_trend"] = charts.trend(
        agg.trend,
        title=_("ร้อยละของหน่วยงานที่ผ่านเกณฑ์ รายปี"),
        series=[("pass_rate", _("ร้อยละที่ผ่าน"), "#1d7a46")],
        low=0,
        high=100,
    )
    return out


def breadcrumbs(scope: Scope, user_kind: str) -> list[tuple[str, str]]:
    """The areas above this one that the user may open (`user_kind`: the widest area they
    oversee, scope.home_kind), widest first."""
    crumbs: list[tuple[str, str]] = []
    reach = {COUNTRY: 0, PROVINCE: 1, DISTRICT: 2}[user_kind]
    if reach <= 0:
        crumbs.append((_("ทั้งประเทศ"), Scope(COUNTRY).url))
    if scope.province is not None and reach <= 1 and scope.kind == DISTRICT:
        crumbs.append((f"จังหวัด{scope.province.name}", Scope(PROVINCE, scope.province).url))
    return crumbs if scope.kind != COUNTRY else []
