"""The registers' official documents on the agency's public page and in its OIT register
(`prongsai.core.publications`): each published copy is a public document; per kind and year the
newest is current (oit.documents decides). Framework data names the kinds in `answered_by`."""

from __future__ import annotations

from collections.abc import Iterable

from prongsai.core.publications import Alternate, DocumentKind, PublicDocument
from prongsai.orgs.models import Agency
from prongsai.registers.models import DocKind, Publication

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: kind -> the public title (the year follows) and the place on the public page.
TITLES = {
    DocKind.NOGIFT_DECLARATION: ("ประกาศเจตนารมณ์ No Gift Policy", 30),
    DocKind.NOGIFT_REPORT: ("รายงานผลการดำเนินงานตามนโยบาย No Gift Policy", 31),
    DocKind.ETHICS: ("รายงานผลการอบรมและกิจกรรมส่งเสริมจริยธรรม", 32),
    DocKind.PARTICIPATION: ("รายงานผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน", 33),
    DocKind.RISK: ("การประเมินความเสี่ยงการทุจริต", 34),
    DocKind.RISK_REPORT: ("รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยงการทุจริต", 35),
    DocKind.BORROWING: ("สรุปผลการยืมทรัพย์สินของราชการ", 36),
}


#: kind -> the name framework data uses (`answered_by: nogift_policy`; at most 20 characters).
KEYS = {
    DocKind.NOGIFT_DECLARATION: "nogift_policy",
    DocKind.NOGIFT_REPORT: "nogift_report",
    DocKind.ETHICS: "ethics_report",
    DocKind.PARTICIPATION: "participation",
    DocKind.RISK: "risk_assessment",
    DocKind.RISK_REPORT: "risk_report",
    DocKind.BORROWING: "borrowing_report",
}


def kind_key(kind: str) -> str:
    return KEYS[DocKind(kind)]


def document_kinds() -> list[DocumentKind]:
    return [
        DocumentKind(key=kind_key(kind), title=title, label=DocKind(kind).label, order=order)
        for kind, (title, order) in TITLES.items()
    ]


class RegisterDocuments:
    def documents(self, agency: Agency) -> Iterable[PublicDocument]:
        for p in Publication.objects.filter(agency=agency).exclude(copy_path=""):  # newest first
            key = f"registers-{p.pk}"
            alternates: tuple[Alternate, ...] = ()
            if p.docx_path:
                alternates = (Alternate("docx", p.docx_path, p.docx_size, p.docx_sha256, DOCX),)
            yield PublicDocument(
                key=key,
                kind=kind_key(p.kind),
                fiscal_year=p.fiscal_year,
                at=p.at,
                copy_path=p.copy_path,
                size=p.copy_size,
                sha256=p.copy_sha256,
                alternates=alternates,
            )

    def official(
        self, agency_ids: list[int], years: Iterable[int]
    ) -> Iterable[tuple[int, str, int]]:
        rows = (
            Publication.objects.filter(agency_id__in=agency_ids, fiscal_year__in=list(years))
            .exclude(copy_path="")
            .values_list("agency_id", "kind", "fiscal_year")
            .distinct()
        )
        return [(agency_id, kind_key(kind), year) for agency_id, kind, year in rows]


SOURCE = RegisterDocuments()


def register() -> None:
    from prongsai.core.publications import register_document_kind, register_document_source

    for kind in document_kinds():
        register_document_kind(kind)
    register_document_source(SOURCE)
