"""The O18 statistics as the agency's public document (kind `complaint_stats`: framework data
sets `answered_by: complaint_stats` on FY2569 O18 and FY2568 O19), and the public channels on
the agency's hub page."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from prongsai.channels.documents import TITLE
from prongsai.channels.models import StatsCopy
from prongsai.core.publications import (
    Alternate,
    DocumentKind,
    PublicDocument,
    register_document_kind,
    register_document_source,
    register_public_channel,
)
from prongsai.orgs.models import Agency

KIND = "complaint_stats"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ComplaintStatistics:
    """Every published O18 table of an agency (the newest of a year is current)."""

    def documents(self, agency: Agency) -> Iterable[PublicDocument]:
        for c in StatsCopy.objects.filter(agency=agency).exclude(copy_path=""):
            alternates = (
                (Alternate("xlsx", c.xlsx_path, c.xlsx_size, c.xlsx_sha256, XLSX),)
                if c.xlsx_path
                else ()
            )
            yield PublicDocument(
                key=f"complaint-stats-{c.pk}",
                kind=KIND,
                fiscal_year=c.fiscal_year,
                at=c.at,
                copy_path=c.copy_path,
                size=c.copy_size,
                sha256=c.copy_sha256,
                alternates=alternates,
            )

    def official(self, agency_ids: list[int], years: Iterable[int]) -> set[tuple[int, str, int]]:
        rows = (
            StatsCopy.objects.filter(agency_id__in=agency_ids, fiscal_year__in=tuple(years))
            .exclude(copy_path="")
            .values_list("agency_id", "fiscal_year")
        )
        return {(a, KIND, y) for a, y in rows}


_SOURCE = ComplaintStatistics()


def register() -> None:
    register_document_kind(
        DocumentKind(
            key=KIND,
            title=TITLE,
            label=_("สถิติเรื่องร้องเรียนการทุจริต (O18) ที่เผยแพร่จากช่องทางรับเรื่อง"),
            order=30,
        )
    )
    register_document_source(_SOURCE)
    register_public_channel(
        "report",
        _("แจ้งเบาะแสการทุจริตและประพฤติมิชอบ"),
        "channels_public:report",
        _("แจ้งได้โดยไม่ระบุชื่อ ข้อมูลผู้แจ้งถูกเข้ารหัส เห็นได้เฉพาะผู้รับเรื่องที่หน่วยงานกำหนด"),
        order=10,
    )
    register_public_channel(
        "complaint",
        _("ร้องเรียนร้องทุกข์"),
        "channels_public:complaint",
        _("แจ้งปัญหาถนน ไฟฟ้าสาธารณะ ขยะ น้ำประปา และบริการของหน่วยงาน"),
        order=20,
    )
    register_public_channel(
        "follow",
        _("ติดตามเรื่องที่แจ้ง"),
        "channels_public:follow",
        _("ดูสถานะ อ่านคำตอบ และเพิ่มข้อมูลด้วยรหัสติดตามเรื่อง"),
        order=30,
    )
