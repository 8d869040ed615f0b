"""Reading and checking documents with what the database knows: the frameworks' question codes
and the names of the agencies."""

from __future__ import annotations

from typing import Any

from prongsai.docimport import CheckResult, check_file
from prongsai.orgs.models import Agency
from prongsai.plans.codes import known_codes


def agency_names(exclude: Agency | None = None) -> list[str]:
    qs = Agency.objects.select_related(None)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    out = []
    for agency in qs.only("type", "name").iterator():
        out += [agency.full_name, agency.short_name]
    return out


def read_and_check(
    data: bytes, filename: str, agency: Agency | None = None, **kw: Any
) -> CheckResult:
    return check_file(
        data,
        filename,
        known_codes_for_year=known_codes,
        agency_name=agency.full_name if agency else None,
        other_agency_names=agency_names(exclude=agency),
        **kw,
    )
