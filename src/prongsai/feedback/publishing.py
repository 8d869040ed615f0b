"""The published guideline copies as public documents (`prongsai.core.publications`): each copy
is a PDF with its DOCX, per fiscal year the newest is current; OIT FY2569 O16 / FY2568 O17 read
them through `answered_by: complaint_guideline`."""

from __future__ import annotations

from collections.abc import Iterable

from prongsai.core.publications import Alternate, PublicDocument
from prongsai.feedback.models import GuidelineCopy
from prongsai.orgs.models import Agency

KIND = "complaint_guideline"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class GuidelineSource:
    def documents(self, agency: Agency) -> Iterable[PublicDocument]:
        for copy in GuidelineCopy.objects.filter(agency=agency).exclude(copy_path=""):
            alternates = (
                (Alternate("docx", copy.docx_path, copy.docx_size, copy.docx_sha256, DOCX),)
                if copy.docx_path
                else ()
            )
            yield PublicDocument(
                key=f"guideline-{copy.pk}",
                kind=KIND,
                fiscal_year=copy.fiscal_year,
                at=copy.at,
                copy_path=copy.copy_path,
                size=copy.copy_size,
                sha256=copy.copy_sha256,
                alternates=alternates,
            )

    def official(
        self, agency_ids: list[int], years: Iterable[int]
    ) -> Iterable[tuple[int, str, int]]:
        rows = GuidelineCopy.objects.filter(agency_id__in=agency_ids, fiscal_year__in=list(years))
        for agency_id, year in rows.exclude(copy_path="").values_list("agency_id", "fiscal_year"):
            yield agency_id, KIND, year


SOURCE = GuidelineSource()
