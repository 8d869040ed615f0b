"""The OIT register's part of the deadlines dashboard and the reminders: items due or overdue,
the ITAS windows of the year (OIT entry, clarification, results) and broken register links."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.frameworks.models import CALENDAR_LABELS
from prongsai.frameworks.selectors import itas_calendar
from prongsai.oit.selectors import register_for, register_view
from prongsai.plans.models import Plan
from prongsai.progress.deadlines import Deadlines, Item

WINDOWS = ("oit_entry", "clarification", "results")


def oit_deadlines(plan: Plan, on: dt.date, horizon: dt.date, out: Deadlines) -> None:
    year = plan.fiscal_year
    for key, window in itas_calendar(year).items():
        if key not in WINDOWS:
            continue
        title = f"ITAS: {CALENDAR_LABELS[key]}"
        if on <= window.start <= horizon:
            out.soon.append(Item(window.start, title, _("เริ่ม")))
        if window.end != window.start and on <= window.end <= horizon:
            out.soon.append(Item(window.end, title, _("สิ้นสุด")))
    register = register_for(plan.agency, year)
    if register is None:
        return
    view = register_view(register, with_costs=False)
    for row in view.rows:
        url = reverse(
            "oit:entry",
            kwargs={"slug": plan.agency.slug, "year": year, "code": row.item.code},
        )
        title = f"OIT {row.display_code} {row.item.title or ''}".strip()
        due = row.entry.due_date
        if due and not row.ready:
            if due < on:
                out.overdue.append(
                    Item(due, title, _("ยังไม่พร้อมตามกำหนด: %(why)s") % {"why": row.reason}, url=url)
                )
            elif due <= horizon:
                out.soon.append(Item(due, title, _("กำหนดพร้อมใน ITAS"), url=url))
        for check in row.links:
            if getattr(check.obj, "broken", False):
                out.broken_links.append(
                    Item(
                        check.obj.link_checked_at.date() if check.obj.link_checked_at else None,  # type: ignore[union-attr]
                        title,
                        f"{check.obj.get_link_status_display()}: {check.url}",  # type: ignore[union-attr]
                        url=url,
                    )
                )
