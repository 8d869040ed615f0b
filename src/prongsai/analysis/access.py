"""Access to an agency's analysis, built on `prongsai.orgs.access.get_agency_for_user`: reads
need READ, writes need WRITE; a year without a result has no analysis (404)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from prongsai.analysis.rules import Rules
from prongsai.analysis.selectors import AnalysisResult, analysis_for
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user


def get_analysis_for_user(
    user: Any, slug: str, year: int, need: Need = Need.READ, rules: Rules | None = None
) -> tuple[AgencyAccess, AnalysisResult]:
    access = get_agency_for_user(user, slug, need)
    analysis = analysis_for(access.agency, year, rules)
    if analysis is None:
        raise Http404("ยังไม่มีผลการประเมินของปีนี้ จึงยังวิเคราะห์ไม่ได้")
    return access, analysis
