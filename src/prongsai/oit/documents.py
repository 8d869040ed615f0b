"""The agency's official copies as public documents: approved plans and finalised reports (with
their memo) and whatever other apps publish through `prongsai.core.publications` (registers,
statistics, guidelines), each at a URL that never changes. A new official version (the plan
approved again after a reopening) gets a new URL; the old one stays reachable and says it was
superseded. Drafts have no official copy, so they are never public.

Register rows whose item the framework maps to a Prongsai document (`answered_by`: FY2569 O25 =
this year's plan, O26 = last year's annual report; FY2566 o42/o43) show the matching document's
link, computed on every read (nothing to keep in step); a kind with several documents in one
year (one per month) links to the public list of that year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.core.publications import (
    DocumentKind,
    PublicDocument,
    document_sources,
    kind_order,
    register_document_kind,
    register_document_source,
)
from prongsai.orgs.models import Agency
from prongsai.plans.models import PlanRevision
from prongsai.progress.models import Period, ReportEvent

__all__ = ["PublicDocument", "public_documents"]

KIND_TITLES = {
    "plan": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "half_year_report": "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส รอบ ๖ เดือน",
    "annual_report": "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี",
}
_PERIOD_KIND = {Period.HALF: "half_year_report", Period.YEAR: "annual_report"}


class PlansAndReports:
    """The approved plans and finalised reports (with their memo) of an agency."""

    def documents(self, agency: Agency) -> Iterable[PublicDocument]:
        plans = PlanRevision.objects.filter(plan__agency=agency, action="approve").exclude(
            copy_path=""
        )
        for r in plans.select_related("plan").only(
            "pk", "at", "copy_path", "copy_size", "copy_sha256", "plan__fiscal_year"
        ):
            yield PublicDocument(
                f"plan-{r.pk}",
                "plan",
                r.plan.fiscal_year,
                r.at,
                r.copy_path,
                r.copy_size,
                r.copy_sha256,
            )
        reports = ReportEvent.objects.filter(
            report__plan__agency=agency, action="finalise"
        ).exclude(copy_path="")
        for e in reports.select_related("report__plan").only(
            "pk", "at", "copy_path", "copy_size", "copy_sha256", "report__period",
            "report__plan__fiscal_year",
        ):  # fmt: skip
            yield PublicDocument(
                f"report-{e.pk}",
                _PERIOD_KIND[Period(e.report.period)],
                e.report.plan.fiscal_year,
                e.at,
                e.copy_path,
                e.copy_size,
                e.copy_sha256,
            )

    def official(self, agency_ids: list[int], years: Iterable[int]) -> set[tuple[int, str, int]]:
        years = tuple(years)
        out = set()
        for a, y in (
            PlanRevision.objects.filter(
                plan__agency_id__in=agency_ids, plan__fiscal_year__in=years, action="approve"
            )
            .exclude(copy_path="")
            .values_list("plan__agency_id", "plan__fiscal_year")
        ):
            out.add((a, "plan", y))
        for a, y, p in (
            ReportEvent.objects.filter(
                report__plan__agency_id__in=agency_ids,
                report__plan__fiscal_year__in=years,
                action="finalise",
            )
            .exclude(copy_path="")
            .values_list("report__plan__agency_id", "report__plan__fiscal_year", "report__period")
        ):
            out.add((a, _PERIOD_KIND[Period(p)], y))
        return out


def register_builtin_documents() -> None:
    """The plan and the reports (called from the OIT app's ready)."""
    labels = {
        "plan": _("มาตรการส่งเสริมคุณธรรมและความโปร่งใสของปีนี้"),
        "half_year_report": _("รายงานผลการดำเนินการรอบ ๖ เดือน"),
        "annual_report": _("รายงานผลการดำเนินการประจำปี"),
    }
    for order, (key, title) in enumerate(KIND_TITLES.items()):
        register_document_kind(DocumentKind(key, title, labels[key], order * 10))
    register_document_source(_PLANS_AND_REPORTS)


_PLANS_AND_REPORTS = PlansAndReports()


def public_documents(agency: Agency) -> list[PublicDocument]:
    """Every official copy of the agency from every source, newest year first; per (kind, year,
    part) the newest is current and the older ones name it as their successor."""
    raw: list[PublicDocument] = [d for s in document_sources() for d in s.documents(agency)]
    raw.sort(key=lambda d: (d.kind, d.fiscal_year, d.part, d.at, d.key))
    newest: dict[tuple[str, int, str], str] = {}
    for d in raw:
        newest[(d.kind, d.fiscal_year, d.part)] = d.key
    out = [
        d
        if newest[(d.kind, d.fiscal_year, d.part)] == d.key
        else PublicDocument(
            **{**d.__dict__, "superseded_by": newest[(d.kind, d.fiscal_year, d.part)]}
        )
        for d in raw
    ]
    out.sort(
        key=lambda d: (-d.fiscal_year, kind_order(d.kind), d.kind, d.part, not d.current, d.at)
    )
    return out


def official_documents(agency_ids: list[int], years: Iterable[int]) -> set[tuple[int, str, int]]:
    """(agency, kind, fiscal year) of every official copy of these agencies and years."""
    years = tuple(years)
    return {t for s in document_sources() for t in s.official(agency_ids, years)}


def public_document(agency: Agency, key: str) -> PublicDocument | None:
    return next((d for d in public_documents(agency) if d.key == key), None)


def document_path(agency: Agency, doc: PublicDocument) -> str:
    return reverse("oit_public:document", kwargs={"slug": agency.slug, "key": doc.key})


def lasting_url(path: str, request: HttpRequest) -> str:
    """An absolute URL to keep for years (a measure's evidence): the site's public address
    (PRONGSAI_SITE_URL) when it is set, else this request's origin."""
    root = getattr(settings, "PRONGSAI_SITE_URL", "") or f"{request.scheme}://{request.get_host()}"
    return f"{root.rstrip('/')}{path}"


def absolute(path: str, base: str | None = None) -> str:
    """An absolute URL for ITAS: the request's origin, else PRONGSAI_SITE_URL, else the path."""
    root = (base or getattr(settings, "PRONGSAI_SITE_URL", "") or "").rstrip("/")
    return f"{root}{path}"


@dataclass(frozen=True)
class DocumentLink:
    """A register row's link to the Prongsai document that answers it (always working: it is
    this site's own page; never checked over the network)."""

    key: str
    url: str
    explanation: str
    covers_year: int
    link_status: str = "ok"
    working: bool = True
    broken: bool = False
    automatic: bool = True


def document_links(
    agency: Agency, fiscal_year: int, answered: dict[str, tuple[str, int]], base: str | None = None
) -> dict[str, DocumentLink]:
    """code → the link of its document, for the items `answered` maps to (kind, year)."""
    if not answered:
        return {}
    current: dict[tuple[str, int], list[PublicDocument]] = {}
    for d in public_documents(agency):
        if d.current:
            current.setdefault((d.kind, d.fiscal_year), []).append(d)
    out = {}
    for code, (kind, year) in answered.items():
        docs = current.get((kind, year))
        if not docs:
            continue
        whole = [d for d in docs if not d.part]
        if len(docs) == 1 or whole:
            doc = whole[0] if whole else docs[0]
            out[code] = DocumentLink(
                doc.key,
                absolute(document_path(agency, doc), base),
                f"เอกสารฉบับทางการจากระบบโปร่งใส: {doc.title} (เปิดได้โดยไม่ต้องเข้าสู่ระบบ)",
                doc.fiscal_year,
            )
            continue
        # several documents of the year (one per month): the public list of that year
        first = docs[0]
        path = reverse("oit_public:documents", kwargs={"slug": agency.slug})
        out[code] = DocumentLink(
            first.key,
            absolute(f"{path}?year={year}", base),
            f"เอกสารฉบับทางการจากระบบโปร่งใส {len(docs)} ฉบับ: {first.title} และฉบับอื่นของปีเดียวกัน"
            " (เปิดได้โดยไม่ต้องเข้าสู่ระบบ)",
            year,
        )
    return out
