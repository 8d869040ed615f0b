"""The "analysis" step of the agency's yearly cycle."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.analysis.models import Analysis
from prongsai.core.thai import local_digits
from prongsai.orgs.access import AgencyAccess
from prongsai.orgs.cycle import STEPS, CycleStep
from prongsai.results.models import Result
from prongsai.results.selectors import results_year_for_cycle


def analysis_step(access: AgencyAccess, fiscal_year: int) -> CycleStep:
    year = results_year_for_cycle(fiscal_year)
    title = str(dict(STEPS)["analysis"])
    agency = access.agency
    if not Result.objects.filter(agency=agency, year=year).exists():
        return CycleStep(
            "analysis",
            title,
            "todo",
            _("รอผลการประเมินปี %(year)s") % {"year": local_digits(year)},
            reverse("analysis:index", kwargs={"slug": agency.slug}),
        )
    url = reverse("analysis:year", kwargs={"slug": agency.slug, "year": year})
    saved = Analysis.objects.filter(agency=agency, year=year).first()
    if saved is not None and (saved.notes.exists() or saved.constraints):
        return CycleStep(
            "analysis",
            title,
            "done",
            _("บันทึกการวิเคราะห์ผลปี %(year)s แล้ว") % {"year": local_digits(year)},
            url,
        )
    return CycleStep(
        "analysis",
        title,
        "doing",
        _("มีร่างการวิเคราะห์ผลปี %(year)s รอตรวจและบันทึก") % {"year": local_digits(year)},
        url,
    )
