"""The agency's official copies as public documents: approved plans and finalised reports (with
their memo), each at a URL that never changes. A new official version (the plan approved again
after a reopening) gets a new URL; the old one stays reachable and says it was superseded.
Drafts have no official copy, so they are never public.

Register rows whose item the framework maps to a Prongsai document (`answered_by`: FY2569 O25 =
this year's plan, O26 = last year's annual report; FY2566 o42/o43) show the matching document's
link, computed on every read (nothing to keep in step)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from prongsai.orgs.models import Agency
from prongsai.plans.models import PlanRevision
from prongsai.progress.models import Period, ReportEvent

KIND_TITLES = {
    "plan": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "half_year_report": "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส รอบ ๖ เดือน",
    "annual_report": "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี",
}
_PERIOD_KIND = {Period.HALF: "half_year_report", Period.YEAR: "annual_report"}


@dataclass(frozen=True)
class PublicDocument:
    key: str  # "plan-12", "report-34": the stable part of its URL
    kind: str  # plan | half_year_report | annual_report
    fiscal_year: int
    at: dt.datetime  # when it became official
    copy_path: str
    size: int
    sha256: str
    superseded_by: str | None = None  # the key of the newer official version

    @property
    def title(self) -> str:
        return f"{KIND_TITLES[self.kind]} ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def current(self) -> bool:
        return self.superseded_by is None


def public_documents(agency: Agency) -> list[PublicDocument]:
    """Every official copy of the agency, newest year first; per (kind, year) the newest is
    current and the older ones name it as their successor."""
    raw: list[PublicDocument] = []
    plans = PlanRevision.objects.filter(plan__agency=agency, action="approve").exclude(copy_path="")
    for r in plans.select_related("plan").only(
        "pk", "at", "copy_path", "copy_size", "copy_sha256", "plan__fiscal_year"
    ):
        raw.append(
            PublicDocument(
                f"plan-{r.pk}",
                "plan",
                r.plan.fiscal_year,
                r.at,
                r.copy_path,
                r.copy_size,
                r.copy_sha256,
            )
        )
    reports = ReportEvent.objects.filter(report__plan__agency=agency, action="finalise").exclude(
        copy_path=""
    )
    for e in reports.select_related("report__plan").only(
        "pk", "at", "copy_path", "copy_size", "copy_sha256", "report__period",
        "report__plan__fiscal_year",
    ):  # fmt: skip
        raw.append(
            PublicDocument(
                f"report-{e.pk}",
                _PERIOD_KIND[Period(e.report.period)],
                e.report.plan.fiscal_year,
                e.at,
                e.copy_path,
                e.copy_size,
                e.copy_sha256,
            )
        )
    raw.sort(key=lambda d: (d.kind, d.fiscal_year, d.at, d.key))
    newest: dict[tuple[str, int], str] = {}
    for d in raw:
        newest[(d.kind, d.fiscal_year)] = d.key
    out = [
        d
        if newest[(d.kind, d.fiscal_year)] == d.key
        else PublicDocument(**{**d.__dict__, "superseded_by": newest[(d.kind, d.fiscal_year)]})
        for d in raw
    ]
    order = {"plan": 0, "half_year_report": 1, "annual_report": 2}
    out.sort(key=lambda d: (-d.fiscal_year, order[d.kind], not d.current, d.at))
    return out


def public_document(agency: Agency, key: str) -> PublicDocument | None:
    return next((d for d in public_documents(agency) if d.key == key), None)


def document_path(agency: Agency, doc: PublicDocument) -> str:
    return reverse("oit_public:document", kwargs={"slug": agency.slug, "key": doc.key})


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
    current = {(d.kind, d.fiscal_year): d for d in public_documents(agency) if d.current}
    out = {}
    for code, (kind, year) in answered.items():
        doc = current.get((kind, year))
        if doc is None:
            continue
        out[code] = DocumentLink(
            doc.key,
            absolute(document_path(agency, doc), base),
            f"เอกสารฉบับทางการจากระบบโปร่งใส: {doc.title} (เปิดได้โดยไม่ต้องเข้าสู่ระบบ)",
            doc.fiscal_year,
        )
    return out
