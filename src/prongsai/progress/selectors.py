"""Reads: a measure's state as of a date, a plan's progress, what blocks a report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.plans.models import Measure, Plan, PlanIssue
from prongsai.progress.models import (
    Action,
    Evidence,
    MeasureNote,
    Period,
    ProgressReport,
    Status,
)
from prongsai.progress.periods import period_end, period_range, ui_long_date


@dataclass
class MeasureState:
    """A measure as of a date, derived from its actions dated on or before that date."""

    measure: Measure
    as_of: dt.date
    actions: list[Action]
    note: MeasureNote | None = None

    @property
    def status(self) -> str:
        if any(a.completes for a in self.actions):
            return Status.DONE
        return Status.DOING if self.actions else Status.TODO

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def done(self) -> bool:
        return self.status == Status.DONE

    @property
    def done_on(self) -> dt.date | None:
        return next((a.date for a in self.actions if a.completes), None)

    @property
    def quarters_planned(self) -> list[int]:
        return self.measure.planned_quarters

    @property
    def quarters_done(self) -> list[int]:
        return sorted({thai.quarter_of(a.date) for a in self.actions})

    @property
    def late(self) -> bool:
        """Planned to end on or before the as-of date and not done by then."""
        return not self.done and self.measure.end_date <= self.as_of

    @property
    def evidence(self) -> list[Evidence]:
        return [e for a in self.actions for e in a.evidence.all()]

    @property
    def needs_explanation(self) -> list[str]:
        """What a late measure still lacks for its report (empty when complete or not late)."""
        if not self.late:
            return []
        note = self.note
        missing = []
        if note is None or not note.cause.strip():
            missing.append(_("สาเหตุ"))
        if note is None or not note.problems.strip():
            missing.append(_("ปัญหาอุปสรรค"))
        if note is None or not note.suggestions.strip():
            missing.append(_("ข้อเสนอแนะ"))
        return missing


@dataclass
class IssueStates:
    issue: PlanIssue
    states: list[MeasureState] = field(default_factory=list)


def today() -> dt.date:
    return timezone.localdate()


def default_as_of(plan: Plan, on: dt.date | None = None) -> dt.date:
    """Today, but no later than the plan's fiscal year end."""
    on = on or today()
    return min(on, thai.fiscal_year_period(plan.fiscal_year).end)


def _measures(
    plan: Plan, as_of: dt.date, note_period: str | None, *, light: bool = False
) -> list[Measure]:
    """The plan's measures with their actions up to `as_of`; `light` reads only what the status
    needs (no evidence, people or notes), for counts."""
    actions = Action.objects.filter(date__lte=as_of).order_by("date", "pk")
    if not light:
        actions = actions.select_related("by_person").prefetch_related("evidence")
    prefetches: list[Any] = [
        Prefetch("progress_actions", queryset=actions, to_attr="actions_as_of")
    ]
    if not light:
        notes = MeasureNote.objects.filter(period__in=_note_periods(note_period))
        prefetches += [
            "responsible_units",
            "responsible_people",
            Prefetch("progress_notes", queryset=notes, to_attr="notes_of_period"),
        ]
    return list(
        Measure.objects.filter(issue__plan=plan)
        .select_related("issue__plan__agency")
        .prefetch_related(*prefetches)
        .order_by("issue__order", "issue__pk", "order", "pk")
    )


NOTE_FIELDS = ("result", "suggestions", "outcome", "cause", "problems")


def _note_periods(period: str | None) -> list[str]:
    """The notes a period reads: its own, and for the year also the 6-month round's."""
    if period is None:
        return []
    return [Period.YEAR, Period.HALF] if period == Period.YEAR else [period]


def merged_note(notes: list[MeasureNote], period: str | None) -> MeasureNote | None:
    """The period's note; for the year, a field left empty falls back to the 6-month note, so
    what was reported at six months still stands until the annual note says otherwise."""
    by_period = {n.period: n for n in notes}
    own = by_period.get(period or "")
    if period != Period.YEAR or Period.HALF not in by_period:
        return own
    half = by_period[Period.HALF]
    merged = MeasureNote(measure_id=half.measure_id, period=Period.YEAR)
    for name in NOTE_FIELDS:
        value = getattr(own, name, "") if own is not None else ""
        setattr(merged, name, value or getattr(half, name))
    return merged


def _state(m: Measure, as_of: dt.date, note_period: str | None) -> MeasureState:
    notes = list(getattr(m, "notes_of_period", []))
    actions = list(getattr(m, "actions_as_of", []))
    return MeasureState(m, as_of, actions, merged_note(notes, note_period))


def plan_states(plan: Plan, as_of: dt.date, note_period: str | None = None) -> list[MeasureState]:
    """Every measure of the plan in plan order, as of `as_of` (actions dated later are not read)."""
    return [_state(m, as_of, note_period) for m in _measures(plan, as_of, note_period)]


def plan_issue_states(
    plan: Plan, as_of: dt.date, note_period: str | None = None
) -> list[IssueStates]:
    groups: dict[int, IssueStates] = {}
    for state in plan_states(plan, as_of, note_period):
        issue = state.measure.issue
        groups.setdefault(issue.pk, IssueStates(issue)).states.append(state)
    return list(groups.values())


def measure_state(measure: Measure, as_of: dt.date, note_period: str | None = None) -> MeasureState:
    actions = list(
        measure.progress_actions.filter(date__lte=as_of)
        .select_related("by_person")
        .prefetch_related("evidence")
        .order_by("date", "pk")
    )
    notes = list(MeasureNote.objects.filter(measure=measure, period__in=_note_periods(note_period)))
    return MeasureState(measure, as_of, actions, merged_note(notes, note_period))


def period_states(plan: Plan, period: str) -> list[MeasureState]:
    return plan_states(plan, period_end(plan.fiscal_year, period), period)


def plan_counts(plan: Plan, as_of: dt.date) -> dict[str, int]:
    """How many measures are done, doing, not started and late as of a date (a light read)."""
    return counts(_state(m, as_of, None) for m in _measures(plan, as_of, None, light=True))


def counts(states: Iterable[MeasureState]) -> dict[str, int]:
    out = {s.value: 0 for s in Status} | {"late": 0, "total": 0}
    for state in states:
        out[state.status] += 1
        out["total"] += 1
        out["late"] += int(state.late)
    return out


def report_for(plan: Plan, period: str) -> ProgressReport:
    """The plan's report of a period; an unsaved draft when nobody has written to it yet."""
    report = ProgressReport.objects.filter(plan=plan, period=period).first()
    return report or ProgressReport(plan=plan, period=period)


def report_problems(plan: Plan, period: str, states: list[MeasureState] | None = None) -> list[str]:
    """Why the report cannot be finalised yet, one sentence per problem in the page's language
    (empty: ready)."""
    problems = []
    end = period_end(plan.fiscal_year, period)
    if today() < end:
        problems.append(
            _("ยังไม่สิ้นสุดรอบรายงาน (สิ้นสุด %(end)s) จึงยังสรุปรายงานไม่ได้") % {"end": ui_long_date(end)}
        )
    states = states if states is not None else period_states(plan, period)
    if not states:
        problems.append(_("ยังไม่มีมาตรการในแผน จึงยังไม่มีสิ่งที่จะรายงาน"))
    for state in states:
        missing = state.needs_explanation
        if missing:
            problems.append(
                _(
                    "มาตรการ “%(title)s” ยังไม่แล้วเสร็จตามกำหนด (%(deadline)s) "
                    "ต้องระบุ%(missing)s ก่อนสรุปรายงาน"
                )
                % {
                    "title": state.measure.title,
                    "deadline": ui_long_date(state.measure.end_date),
                    "missing": (" " if thai.ui_is_thai() else ", ").join(missing),
                }
            )
    return problems


def finalised_periods_covering(plan: Plan, day: dt.date) -> list[ProgressReport]:
    """The finalised reports whose period includes `day` (entries on that day are frozen)."""
    return [
        r
        for r in ProgressReport.objects.filter(plan=plan, state=ProgressReport.State.FINALISED)
        if day <= period_range(plan.fiscal_year, r.period).end
    ]
