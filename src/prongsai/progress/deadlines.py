"""What is due, overdue, or missing its evidence: the deadlines dashboard and the reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.plans.models import Measure, Plan
from prongsai.progress.calendar import plan_publication_due, report_due
from prongsai.progress.models import Period, ProgressReport, Status
from prongsai.progress.periods import period_end, ui_long_date
from prongsai.progress.selectors import plan_states


@dataclass(frozen=True)
class Item:
    when: dt.date | None
    title: str
    detail: str = ""
    measure: Measure | None = None
    period: str | None = None
    url: str | None = None  # where the item is handled, for items other apps add

    @property
    def when_label(self) -> str:
        return ui_long_date(self.when) if self.when else ""


@dataclass
class Deadlines:
    plan: Plan
    on: dt.date
    days: int
    overdue: list[Item] = field(default_factory=list)
    soon: list[Item] = field(default_factory=list)
    missing_evidence: list[Item] = field(default_factory=list)
    broken_links: list[Item] = field(default_factory=list)
    not_started: list[Item] = field(default_factory=list)  # should have begun, nothing recorded
    year_dates: list[Item] = field(default_factory=list)  # the year's fixed dates still open

    @property
    def total(self) -> int:
        return (
            len(self.overdue)
            + len(self.soon)
            + len(self.missing_evidence)
            + len(self.broken_links)
            + len(self.not_started)
        )


# Other apps add what is due in their part of the year (the OIT register: items due, the ITAS
# windows, broken links) from their AppConfig.ready: source(plan, on, horizon, deadlines).
DeadlineSource = Callable[[Plan, dt.date, dt.date, "Deadlines"], None]
_sources: list[DeadlineSource] = []


def register_deadline_source(source: DeadlineSource) -> None:
    if source not in _sources:
        _sources.append(source)


def plan_deadlines(plan: Plan, *, on: dt.date, days: int = 14) -> Deadlines:
    out = Deadlines(plan, on, days)
    horizon = on + dt.timedelta(days=days)
    for state in plan_states(plan, as_of=on):
        m = state.measure
        if state.status == Status.TODO and m.start_date <= on:
            out.not_started.append(
                Item(
                    m.start_date,
                    m.title,
                    _("ถึงกำหนดเริ่มแล้ว (%(start)s) แต่ยังไม่มีการดำเนินการ")
                    % {"start": ui_long_date(m.start_date)},
                    m,
                )
            )
        if not state.done:
            if m.end_date < on:
                out.overdue.append(Item(m.end_date, m.title, _("ยังไม่แล้วเสร็จตามกำหนด"), m))
            elif m.end_date <= horizon:
                out.soon.append(Item(m.end_date, m.title, _("กำหนดแล้วเสร็จ"), m))
            for step in m.monitoring:
                deadline = step.get("deadline")
                if deadline and on <= dt.date.fromisoformat(deadline) <= horizon:
                    out.soon.append(
                        Item(
                            dt.date.fromisoformat(deadline),
                            m.title,
                            _("กำหนดรายงาน: %(step)s") % {"step": step["text"]},
                            m,
                        )
                    )
        if state.done and not state.evidence:
            out.missing_evidence.append(
                Item(state.done_on, m.title, _("ดำเนินการแล้วแต่ยังไม่มีหลักฐาน"), m)
            )
        for action in state.actions:
            if not action.evidence.all() and not state.done:
                out.missing_evidence.append(
                    Item(
                        action.date,
                        m.title,
                        _("การดำเนินการยังไม่มีหลักฐาน: %(text)s") % {"text": action.text[:80]},
                        m,
                    )
                )
        for evidence in state.evidence:
            if evidence.link_problem:
                out.broken_links.append(
                    Item(
                        evidence.link_checked_at.date() if evidence.link_checked_at else None,
                        m.title,
                        f"{evidence.get_link_status_display()}: {evidence.url}",
                        m,
                    )
                )
    final = set(
        ProgressReport.objects.filter(plan=plan, state=ProgressReport.State.FINALISED).values_list(
            "period", flat=True
        )
    )
    publication = plan_publication_due(plan.fiscal_year)
    if not plan.is_locked:
        item = Item(
            publication,
            _("อนุมัติและเผยแพร่มาตรการ"),
            _("มาตรการยังเป็นร่าง ต้องอนุมัติและเผยแพร่บนเว็บไซต์ของหน่วยงานภายใน %(due)s")
            % {"due": ui_long_date(publication)},
        )
        out.year_dates.append(item)
        if publication < on:
            out.overdue.append(item)
        elif publication <= horizon:
            out.soon.append(item)
    for period in Period:
        end = period_end(plan.fiscal_year, period)
        if period in final:
            continue
        due = report_due(plan.fiscal_year, period)
        title = _("รายงาน%(period)s") % {"period": period.label}
        out.year_dates.append(
            Item(
                due,
                title,
                _("ข้อมูล ณ %(end)s ส่งภายใน %(due)s")
                % {"end": ui_long_date(end), "due": ui_long_date(due)},
                period=period,
            )
        )
        if end < on:
            detail = (
                _("เลยกำหนดส่งแล้ว (%(due)s) ยังไม่สรุปรายงาน")
                if due < on
                else _("สิ้นรอบแล้วแต่ยังไม่สรุปรายงาน ต้องส่งภายใน %(due)s")
            ) % {"due": ui_long_date(due)}
            out.overdue.append(Item(end, title, detail, period=period))
        elif end <= horizon:
            out.soon.append(Item(end, title, _("สิ้นรอบรายงาน"), period=period))
    for source in _sources:
        source(plan, on, horizon, out)
    for items in (
        out.overdue,
        out.soon,
        out.missing_evidence,
        out.broken_links,
        out.not_started,
        out.year_dates,
    ):
        items.sort(key=lambda i: (i.when or dt.date.min, i.title))
    return out


def current_plan(agency_plans: list[Plan], on: dt.date) -> Plan | None:
    """The plan of the fiscal year `on` falls in, else the latest earlier one, else the first."""
    fy = thai.fiscal_year(on)
    by_year = sorted(agency_plans, key=lambda p: p.fiscal_year, reverse=True)
    return (
        next((p for p in by_year if p.fiscal_year == fy), None)
        or next((p for p in by_year if p.fiscal_year < fy), None)
        or (by_year[-1] if by_year else None)
    )
