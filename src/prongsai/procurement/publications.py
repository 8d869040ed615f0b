"""The closed months as public documents (`prongsai.core.publications`): each closing's PDF, with
its XLSX as the alternate, kind `procurement_month`, one part per month ("2569-01"): a month
closed again supersedes its earlier copy. Framework data maps FY2569 O11 (current year) and O12
(previous year) to this kind."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from prongsai.core.publications import Alternate, DocumentKind, PublicDocument
from prongsai.core.thai import month_name
from prongsai.orgs.models import Agency
from prongsai.procurement.documents import XLSX_TYPE
from prongsai.procurement.models import MonthEvent, calendar_year

KIND = "procurement_month"
TITLE = "สรุปผลการจัดซื้อจัดจ้าง (สขร. ๑)"
TITLE_IN_FULL = "สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร. ๑)"


def kind() -> DocumentKind:
    return DocumentKind(
        key=KIND, title=TITLE, label=_("สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร. ๑)"), order=40
    )


def _closings(**lookup: object) -> Any:
    return (
        MonthEvent.objects.filter(action=MonthEvent.Action.CLOSED, **lookup)
        .exclude(copy_path="")
        .select_related("register")
    )


class ClosedMonths:
    def documents(self, agency: Agency) -> Iterable[PublicDocument]:
        for event in _closings(register__agency=agency):
            r = event.register
            year_be = calendar_year(r.fiscal_year, r.month) + 543
            alternates = (
                (Alternate("xlsx", event.xlsx_path, event.xlsx_size, event.xlsx_sha256, XLSX_TYPE),)
                if event.xlsx_path
                else ()
            )
            yield PublicDocument(
                key=f"procurement-{event.pk}",
                kind=KIND,
                fiscal_year=r.fiscal_year,
                at=event.at,
                copy_path=event.copy_path,
                size=event.copy_size,
                sha256=event.copy_sha256,
                part=f"{year_be}-{r.month:02d}",
                title_text=f"{TITLE_IN_FULL} เดือน{month_name(r.month)} {year_be}",
                alternates=alternates,
            )

    def official(self, agency_ids: list[int], years: Iterable[int]) -> set[tuple[int, str, int]]:
        rows = _closings(
            register__agency_id__in=agency_ids, register__fiscal_year__in=tuple(years)
        ).values_list("register__agency_id", "register__fiscal_year")
        return {(agency_id, KIND, year) for agency_id, year in rows}


SOURCE = ClosedMonths()
