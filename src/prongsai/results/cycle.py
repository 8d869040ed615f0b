"""The "results" step of the agency's yearly cycle."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core.thai import local_digits
from prongsai.orgs.access import AgencyAccess
from prongsai.orgs.cycle import STEPS, CycleStep
from prongsai.results.models import Result
from prongsai.results.selectors import results_year_for_cycle


def results_step(access: AgencyAccess, fiscal_year: int) -> CycleStep:
    year = results_year_for_cycle(fiscal_year)
    results = {r.year: r for r in Result.objects.filter(agency=access.agency).order_by("year")}
    url = reverse("results:index", kwargs={"slug": access.agency.slug})
    title = str(dict(STEPS)["results"])
    if year in results:
        r = results[year]
        summary = _("ปี %(year)s: %(score)s คะแนน ระดับ %(level)s") % {
            "year": local_digits(year),
            "score": local_digits(r.overall),
            "level": r.level,
        }
        return CycleStep("results", title, "done", summary, url)
    summary = _("ยังไม่มีผลปี %(year)s") % {"year": local_digits(year)}
    if results:
        last = results[max(results)]
        summary += _(" · ล่าสุดปี %(year)s: %(score)s") % {
            "year": local_digits(last.year),
            "score": local_digits(last.overall),
        }
    return CycleStep("results", title, "todo", summary, url)
