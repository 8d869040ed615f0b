"""OIT readiness over many agencies, for the district, province and country overseers: per
agency items ready / total, broken links, whether last year's annual report is public, and the
items most often not ready in the area. Computed with a handful of queries for the whole area
(entries, links and official copies in bulk), by the same rules as the register page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from prongsai.frameworks.models import Framework
from prongsai.oit.documents import DocumentLink, official_documents
from prongsai.oit.models import Entry, Register
from prongsai.oit.selectors import _check, _ready, expected_year
from prongsai.orgs.models import Agency


@dataclass
class AgencyReadiness:
    agency: Agency
    items: int
    ready: int
    broken_links: int
    previous_report: bool  # last fiscal year's annual report is an official (public) copy

    @property
    def percent(self) -> int:
        return round(100 * self.ready / self.items) if self.items else 0


@dataclass
class AreaReadiness:
    year: int
    agencies_total: int
    rows: list[AgencyReadiness] = field(default_factory=list)
    not_ready: list[tuple[str, str, int]] = field(default_factory=list)  # code, title, count

    @property
    def with_register(self) -> int:
        return len(self.rows)


def _official(agency_ids: list[int], year: int) -> set[tuple[int, str, int]]:
    """(agency, kind, fiscal year) of every official copy of the year and the one before."""
    return official_documents(agency_ids, (year - 1, year))


def area_readiness(agencies: list[Agency] | None, year: int, lookups: dict) -> AreaReadiness:
    total = Agency.objects.filter(**lookups).count()
    out = AreaReadiness(year, total)
    fw = Framework.objects.filter(year=year).first()
    if fw is None:
        return out
    items = {i.code: i for i in fw.oit_items.all()}
    registers = list(
        Register.objects.filter(fiscal_year=year, **{f"agency__{k}": v for k, v in lookups.items()})
        .select_related("agency")
        .order_by("agency__name")
    )
    ids = [r.agency_id for r in registers]
    official = _official(ids, year)
    entries: dict[int, list[Entry]] = {}
    for e in Entry.objects.filter(register__in=registers).prefetch_related("links"):
        entries.setdefault(e.register_id, []).append(e)
    missing: Counter[str] = Counter()
    for r in registers:
        ready = broken = 0
        for e in entries.get(r.pk, []):
            item = items.get(e.code)
            if item is None:
                continue
            exp = expected_year(year, item.period)
            doc = None
            if item.answered_by and exp and (r.agency_id, item.answered_by, exp) in official:
                doc = DocumentLink("", "", "", exp)
            links = [_check(x, exp) for x in e.links.all()] + ([_check(doc, exp)] if doc else [])
            ok, _reason = _ready(e, links, doc is not None)
            ready += ok
            broken += sum(1 for x in e.links.all() if x.broken)
            if not ok:
                missing[e.code] += 1
        out.rows.append(
            AgencyReadiness(
                r.agency,
                len(items),
                ready,
                broken,
                (r.agency_id, "annual_report", year - 1) in official,
            )
        )
    out.not_ready = [
        (fw.display_code(code), items[code].title or "", n) for code, n in missing.most_common(10)
    ]
    return out
