"""The agency home's registers step: what needs attention (overdue gift reports, loans waiting
for approval or past their return date)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.orgs.access import AgencyAccess
from prongsai.orgs.cycle import STEPS, CycleStep
from prongsai.registers.selectors import overview


def registers_step(access: AgencyAccess, fiscal_year: int) -> CycleStep:
    title = str(dict(STEPS)["registers"])
    url = reverse("registers:year", kwargs={"slug": access.agency.slug, "year": fiscal_year})
    o = overview(access.agency, fiscal_year)
    parts = [
        _("รับของขวัญ %(n)s รายการ") % {"n": o.gifts},
        _("ยืมทรัพย์สิน %(n)s รายการ") % {"n": o.loans},
        _("ความเสี่ยง %(n)s เหตุการณ์") % {"n": o.risks},
    ]
    if o.gifts_overdue:
        parts.append(_("เกินกำหนดรายงานการรับ %(n)s") % {"n": o.gifts_overdue})
    if o.loans_waiting:
        parts.append(_("คำขอยืมรออนุมัติ %(n)s") % {"n": o.loans_waiting})
    if o.loans_overdue:
        parts.append(_("เกินกำหนดส่งคืน %(n)s") % {"n": o.loans_overdue})
    empty = not (o.gifts or o.loans or o.risks or o.ethics or o.participation)
    status = "todo" if empty else ("doing" if o.attention else "done")
    return CycleStep("registers", title, status, thai.local_digits(" · ".join(parts)), url)
