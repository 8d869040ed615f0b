"""`prongsai render procurement --org SLUG --year Y [--month M] --format pdf|xlsx --out FILE`:
the สขร. ๑ of a month, or without --month the fiscal year's bundle."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils import translation

from prongsai.core.thai import is_fiscal_year
from prongsai.documents import render as render_document
from prongsai.orgs.models import Agency
from prongsai.procurement import documents, selectors
from prongsai.procurement.models import ProcurementMonth


def render(agency: Agency, options: dict[str, Any]) -> bytes:
    year, month, fmt = options["year"], options.get("month"), options["format"]
    style = options.get("digits") or agency.digit_style
    if fmt not in ("pdf", "xlsx"):
        raise CommandError("สขร. ๑ ออกได้เป็น pdf หรือ xlsx เท่านั้น")
    if not is_fiscal_year(year):
        raise CommandError(f"ปีงบประมาณ “{year}” ไม่ถูกต้อง")
    with translation.override("th"):
        if month is not None:
            if month not in range(1, 13):
                raise CommandError("--month ต้องเป็น 1 ถึง 12")
            register = ProcurementMonth.objects.filter(
                agency=agency, fiscal_year=year, month=month
            ).first()
            data = (
                documents.month_data(register) if register else selectors.empty_month(year, month)
            )
            if fmt == "xlsx":
                return documents.month_xlsx(agency, [data], style)
            return render_document(documents.month_document(agency, data, style), "pdf")
        months = selectors.months_for_bundle(agency, year)
        if not months:
            raise CommandError(f"ยังไม่มีเดือนที่บันทึกไว้ในปีงบประมาณ {year}")
        if fmt == "xlsx":
            return documents.month_xlsx(agency, months, style)
        title = documents.bundle_title(year)
        return render_document(documents.bundle_document(agency, title, months, style), "pdf")
