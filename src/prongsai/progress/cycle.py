"""The agency home's "progress" and "reports" steps."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.orgs.access import AgencyAccess
from prongsai.orgs.cycle import STEPS, CycleStep
from prongsai.plans.models import Plan
from prongsai.progress.models import Period, ProgressReport
from prongsai.progress.selectors import default_as_of, plan_counts


def _plan(access: AgencyAccess, fiscal_year: int) -> Plan | None:
    return Plan.objects.filter(agency=access.agency, fiscal_year=fiscal_year).first()


def progress_step(access: AgencyAccess, fiscal_year: int) -> CycleStep:
    title = str(dict(STEPS)["progress"])
    plan = _plan(access, fiscal_year)
    if plan is None:
        return CycleStep("progress", title, "todo", _("ยังไม่มีมาตรการให้ติดตาม"))
    n = plan_counts(plan, default_as_of(plan))
    url = reverse("progress:plan", kwargs={"slug": access.agency.slug, "year": fiscal_year})
    summary = _("ดำเนินการแล้ว %(done)s/%(total)s มาตรการ") % n
    if n["late"]:
        summary += " · " + _("ล่าช้า %(late)s") % n
    summary = thai.local_digits(summary)
    if n["total"] and n["done"] == n["total"]:
        status = "done"
    elif n["done"] or n["doing"]:
        status = "doing"
    else:
        status = "todo"
    return CycleStep("progress", title, status, summary, url)


def reports_step(access: AgencyAccess, fiscal_year: int) -> CycleStep:
    title = str(dict(STEPS)["reports"])
    plan = _plan(access, fiscal_year)
    if plan is None:
        return CycleStep("reports", title, "todo", _("ยังไม่มีมาตรการ"))
    final = set(
        ProgressReport.objects.filter(plan=plan, state=ProgressReport.State.FINALISED).values_list(
            "period", flat=True
        )
    )
    parts = [
        f"{p.label}: {_('สรุปแล้ว') if p in final else _('ร่าง')}" for p in (Period.HALF, Period.YEAR)
    ]
    status = "done" if len(final) == 2 else ("doing" if final else "todo")
    url = reverse("progress:reports", kwargs={"slug": access.agency.slug, "year": fiscal_year})
    return CycleStep("reports", title, status, " · ".join(parts), url)
