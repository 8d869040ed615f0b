"""Access to results, built on `prongsai.orgs.access.get_agency_for_user`: reads need READ,
writes need WRITE; another agency's result does not exist for the user (404)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from prongsai.frameworks.models import Framework
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user, get_or_404
from prongsai.results.models import Result


def get_result_for_user(user: Any, slug: str, year: int, need: Need = Need.READ) -> Result:
    access = get_agency_for_user(user, slug, need)
    return get_or_404(
        Result.objects.select_related("framework", "agency"),
        "ไม่พบผลการประเมินของปีนี้",
        agency=access.agency,
        year=year,
    )


def get_result_year_for_user(
    user: Any, slug: str, year: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Framework, Result | None]:
    """The agency, the year's framework and the result when there is one (for create-or-edit)."""
    access = get_agency_for_user(user, slug, need)
    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        raise Http404("ยังไม่มีเกณฑ์การประเมินของปีนี้")
    result = Result.objects.filter(agency=access.agency, year=year).first()
    return access, framework, result
