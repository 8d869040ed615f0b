from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.orgs.access import AgencyAccess
from prongsai.orgs.cycle import STEPS, CycleStep
from prongsai.orgs.models import Agency
from prongsai.plans.models import Measure, Plan


def latest_plan_year(agency: Agency) -> int | None:
    plan = Plan.objects.filter(agency=agency).order_by("-fiscal_year").only("fiscal_year").first()
    return plan.fiscal_year if plan else None


def analysis_year_of_cycle(agency: Agency, fiscal_year: int) -> int:
    """The analysis that belongs with the FY's plan: of the result the plan was built on (the
    previous year's unless the plan says otherwise)."""
    from prongsai.results.selectors import results_year_for_cycle

    plan = Plan.objects.filter(agency=agency, fiscal_year=fiscal_year).only("based_on_year").first()
    return plan.based_on_year if plan is not None else results_year_for_cycle(fiscal_year)


def plan_step(access: AgencyAccess, fiscal_year: int) -> CycleStep:
    title = str(dict(STEPS)["plan"])
    plan = Plan.objects.filter(agency=access.agency, fiscal_year=fiscal_year).first()
    if plan is None:
        return CycleStep(
            "plan",
            title,
            "todo",
            _("ยังไม่มีมาตรการปีงบประมาณ %(year)s") % {"year": thai.local_digits(fiscal_year)},
            reverse("plans:list", kwargs={"slug": access.agency.slug}),
        )
    count = Measure.objects.filter(issue__plan=plan).count()
    url = reverse("plans:detail", kwargs={"slug": access.agency.slug, "year": fiscal_year})
    summary = thai.local_digits(
        _("%(count)s มาตรการ · %(status)s") % {"count": count, "status": plan.get_status_display()}
    )
    return CycleStep("plan", title, "done" if plan.is_locked else "doing", summary, url)
