"""The agency home's OIT step: the register of the year, its readiness and broken links."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.oit.selectors import register_for, register_view
from prongsai.orgs.access import AgencyAccess
from prongsai.orgs.cycle import STEPS, CycleStep


def oit_step(access: AgencyAccess, fiscal_year: int) -> CycleStep:
    title = str(dict(STEPS)["oit"])
    url = reverse("oit:index", kwargs={"slug": access.agency.slug})
    register = register_for(access.agency, fiscal_year)
    if register is None:
        return CycleStep("oit", title, "todo", _("ยังไม่มีทะเบียน OIT ของปีนี้"), url)
    view = register_view(register, with_costs=False)
    summary = _("พร้อม %(ready)s/%(total)s รายการ") % {"ready": view.ready, "total": view.total}
    if view.prediction is not None:
        summary += " · " + _("คะแนน OIT คาดการณ์ %(oit)s") % {"oit": view.prediction.oit}
    if view.broken_links:
        summary += " · " + _("ลิงก์เสีย %(n)s") % {"n": view.broken_links}
    if view.unchecked_links:
        summary += " · " + _("ยังไม่ตรวจลิงก์ %(n)s") % {"n": view.unchecked_links}
    status = "done" if view.total and view.ready == view.total else "doing"
    url = reverse("oit:register", kwargs={"slug": access.agency.slug, "year": fiscal_year})
    return CycleStep("oit", title, status, thai.local_digits(summary), url)
