"""Every write to a plan. Each one first takes the plan's row lock (`_lock`), re-checks inside that
transaction that the plan is not approved, and records a revision: an approval and an edit of the
same plan never interleave, so an edit that arrives during an approval is refused, and the
official copy shows exactly what was approved (decision 24)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.core.fields import SHORT_TEXT
from prongsai.orgs.models import Agency, Person, Unit
from prongsai.orgs.stamps import agency_touch
from prongsai.plans.codes import invalid_codes, normalise_codes
from prongsai.plans.models import (
    MAX_MONITORING,
    Measure,
    Plan,
    PlanIssue,
    PlanRevision,
    fiscal_month_date,
)
from prongsai.plans.selectors import plan_snapshot


def _record(plan: Plan, user: Any, action: str, summary: str) -> PlanRevision:
    revision = PlanRevision.objects.create(
        plan=plan,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        summary=summary[:300],
        snapshot=plan_snapshot(plan),
    )
    from prongsai.plans.checks import plan_findings

    findings = [f.as_dict() for f in plan_findings(plan)]
    plan.findings, plan.open_findings = findings, len(findings)
    Plan.objects.filter(pk=plan.pk).update(
        updated_at=timezone.now(), open_findings=len(findings), findings=findings
    )
    agency_touch(plan.agency_id)  # the findings show on the plan page
    return revision


class PlanLocked(ValidationError):
    """The plan is approved: nothing of it may change until it is reopened."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        super().__init__(_("มาตรการนี้อนุมัติแล้ว ต้องเปิดแก้ไขก่อนจึงจะแก้ได้"), code="locked")


def lock_plan(plan: Plan) -> Plan:
    """Take the plan's row lock for the rest of the transaction and reload it: its state is then
    the committed one, and stays so until this transaction ends (on SQLite the IMMEDIATE
    transaction already holds the database's write lock; the reload is what matters there)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_plan needs a transaction")
    plan.refresh_from_db(from_queryset=Plan.objects.select_for_update())
    return plan


def reopen_reason(reason: str) -> str:
    """Reopening an approved plan or a finalised report needs its reason, kept in the history."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่เปิดแก้ไข")})
    return reason


def _ensure_editable(plan: Plan) -> None:
    """Lock the plan and refuse when it is approved."""
    lock_plan(plan)
    if plan.is_locked:
        raise PlanLocked(plan)


def _ensure_exists(obj: Any, message: str) -> None:
    """A part loaded before the lock may have been deleted by the write that held it."""
    if obj is not None and obj.pk is not None and not type(obj).objects.filter(pk=obj.pk).exists():
        raise ValidationError(message)


def _next_order(qs: Any) -> int:
    return int(qs.aggregate(m=Max("order"))["m"] or 0) + 1


def _analysis_constraints(agency: Agency, year: int) -> str:
    """The constraints analysis the officer wrote (or its draft) for the results the plan uses."""
    from prongsai.analysis.selectors import analysis_for

    analysis = analysis_for(agency, year)
    return analysis.constraints if analysis is not None else ""


@transaction.atomic
def plan_create(
    *,
    agency: Agency,
    fiscal_year: int,
    user: Any,
    based_on_year: int | None = None,
    with_standard_issues: bool = False,
) -> Plan:
    if Plan.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
        raise ValidationError(
            _("มีมาตรการของปีงบประมาณ %(year)s อยู่แล้ว") % {"year": thai.local_digits(fiscal_year)}
        )
    if not thai.is_fiscal_year(fiscal_year):
        raise ValidationError(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๗"))
    plan = Plan.objects.create(
        agency=agency,
        fiscal_year=fiscal_year,
        based_on_year=based_on_year or fiscal_year - 1,
        constraints_text=_analysis_constraints(agency, based_on_year or fiscal_year - 1),
    )
    if with_standard_issues:
        from prongsai.plans.knowledge import standard_issues

        for issue in standard_issues():
            PlanIssue.objects.create(
                plan=plan, order=issue.number, title=issue.title, standard_number=issue.number
            )
    _record(plan, user, "create", "สร้างมาตรการ")
    return plan


def _shift_year(value: str | None, years: int) -> str | None:
    if not value:
        return None
    day = dt.date.fromisoformat(value)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28).isoformat()


@transaction.atomic
def plan_copy_forward(*, source: Plan, fiscal_year: int, user: Any) -> Plan:
    """Copy a plan's issues and measures into a new draft for another fiscal year."""
    plan = plan_create(
        agency=source.agency,
        fiscal_year=fiscal_year,
        user=user,
        based_on_year=source.based_on_year + (fiscal_year - source.fiscal_year),
    )
    shift = fiscal_year - source.fiscal_year
    plan.constraints_text = source.constraints_text
    plan.save(update_fields=["constraints_text"])
    for issue in source.issues.prefetch_related(
        "measures__responsible_units", "measures__responsible_people"
    ):
        new_issue = PlanIssue.objects.create(
            plan=plan, order=issue.order, title=issue.title, standard_number=issue.standard_number
        )
        for m in issue.measures.all():
            units, people = list(m.responsible_units.all()), list(m.responsible_people.all())
            copy = Measure.objects.create(
                issue=new_issue,
                order=m.order,
                title=m.title,
                question_codes=m.question_codes,
                indicator=m.indicator,
                finding=m.finding,
                steps=m.steps,
                monitoring=[
                    {"text": s["text"], "deadline": _shift_year(s.get("deadline"), shift)}
                    for s in m.monitoring
                ],
                start_month=m.start_month,
                end_month=m.end_month,
                responsible_note=m.responsible_note,
                expected_outcome=m.expected_outcome,
                kb_key=m.kb_key,
            )
            copy.responsible_units.set(units)
            copy.responsible_people.set(people)
    _record(
        plan, user, "copy", thai.to_thai_digits(f"คัดลอกจากมาตรการปีงบประมาณ {source.fiscal_year}")
    )
    return plan


@transaction.atomic
def plan_update(plan: Plan, *, user: Any, **fields: Any) -> Plan:
    _ensure_editable(plan)
    allowed = {"title", "constraints_text", "based_on_year"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"cannot set {name}")
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    _record(plan, user, "update", "แก้ไขข้อมูลมาตรการ")
    return plan


@transaction.atomic
def issue_add(
    plan: Plan, *, title: str, user: Any, standard_number: int | None = None
) -> PlanIssue:
    _ensure_editable(plan)
    if not title.strip():
        raise ValidationError({"title": _("กรุณาระบุชื่อประเด็น")})
    issue = PlanIssue.objects.create(
        plan=plan,
        title=title.strip(),
        standard_number=standard_number,
        order=_next_order(plan.issues.all()),
    )
    _record(plan, user, "issue_add", f"เพิ่มประเด็น “{issue.title}”")
    return issue


@transaction.atomic
def issue_update(issue: PlanIssue, *, title: str, user: Any) -> PlanIssue:
    _ensure_editable(issue.plan)
    _ensure_exists(issue, _("ประเด็นนี้ถูกลบไปแล้ว"))
    if not title.strip():
        raise ValidationError({"title": _("กรุณาระบุชื่อประเด็น")})
    issue.title = title.strip()
    issue.save(update_fields=["title"])
    _record(issue.plan, user, "issue_update", f"แก้ไขประเด็น “{issue.title}”")
    return issue


@transaction.atomic
def issue_delete(issue: PlanIssue, *, user: Any) -> None:
    plan = issue.plan
    _ensure_editable(plan)
    _ensure_exists(issue, _("ประเด็นนี้ถูกลบไปแล้ว"))
    title = issue.title
    issue.delete()
    _record(plan, user, "issue_delete", f"ลบประเด็น “{title}”")


def _move(obj: Any, siblings: Any, direction: str) -> bool:
    items = list(siblings)
    index = next(i for i, x in enumerate(items) if x.pk == obj.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        return False
    items[index], items[target] = items[target], items[index]
    for order, item in enumerate(items, start=1):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])
    return True


@transaction.atomic
def issue_move(issue: PlanIssue, *, direction: str, user: Any) -> None:
    _ensure_editable(issue.plan)
    _ensure_exists(issue, _("ประเด็นนี้ถูกลบไปแล้ว"))
    if _move(issue, issue.plan.issues.all(), direction):
        _record(issue.plan, user, "issue_move", f"เลื่อนประเด็น “{issue.title}”")


def _validate_measure(plan: Plan, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if not str(data.get("title", "")).strip():
        errors["title"] = _("กรุณาระบุชื่อมาตรการ")
    codes = normalise_codes(data.get("question_codes", []))
    bad = invalid_codes(codes, plan.based_on_year)
    if bad:
        errors["question_codes"] = _("ข้อคำถามที่ไม่มีในเกณฑ์การประเมินปี %(year)s: %(codes)s") % {
            "year": thai.local_digits(plan.based_on_year),
            "codes": ", ".join(bad),
        }
    start, end = int(data.get("start_month", 1)), int(data.get("end_month", 12))
    if not (1 <= start <= 12 and 1 <= end <= 12):
        errors["start_month"] = _("เดือนต้องอยู่ในปีงบประมาณ")
    elif start > end:
        errors["end_month"] = _("เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มต้น")
    fy = thai.fiscal_year_period(plan.fiscal_year)
    if (
        len([s for s in data.get("monitoring", []) if str(s.get("text", "")).strip()])
        > MAX_MONITORING
    ):
        errors["monitoring"] = thai.to_thai_digits(
            f"การรายงานผล/การกำกับติดตามมีได้ไม่เกิน {MAX_MONITORING} ขั้นตอนต่อมาตรการ"
        )
    monitoring = []
    for step in data.get("monitoring", []):
        text = str(step.get("text", "")).strip()
        deadline = step.get("deadline")
        if not text:
            continue
        if deadline:
            day = deadline if isinstance(deadline, dt.date) else thai.parse_date(str(deadline))
            if day is None:
                errors["monitoring"] = _("อ่านกำหนดเวลาแล้วเสร็จ “%(text)s” ไม่ได้") % {"text": text}
                continue
            if day not in fy:
                errors["monitoring"] = _("กำหนดเวลาแล้วเสร็จ “%(text)s” อยู่นอกปีงบประมาณ %(year)s") % {
                    "text": text,
                    "year": thai.local_digits(plan.fiscal_year),
                }
            deadline = day.isoformat()
        monitoring.append({"text": text, "deadline": deadline or None})
    if errors:
        raise ValidationError(errors)
    steps = [s.strip() for s in data.get("steps", []) if s and s.strip()]
    return {
        **data,
        "question_codes": codes,
        "monitoring": monitoring,
        "steps": steps,
        "start_month": start,
        "end_month": end,
    }


@transaction.atomic
def measure_save(
    issue: PlanIssue,
    *,
    user: Any,
    data: dict[str, Any],
    measure: Measure | None = None,
    units: Iterable[Unit] = (),
    people: Iterable[Person] = (),
) -> Measure:
    """Create a measure under `issue`, or update `measure`; validates everything first."""
    plan = issue.plan
    _ensure_editable(plan)
    _ensure_exists(issue, _("ประเด็นนี้ถูกลบไปแล้ว"))
    _ensure_exists(measure, _("มาตรการนี้ถูกลบไปแล้ว"))
    clean = _validate_measure(plan, data)
    units, people = list(units), list(people)
    if any(u.agency_id != plan.agency_id for u in units) or any(
        p.agency_id != plan.agency_id for p in people
    ):
        raise ValidationError(_("ผู้รับผิดชอบต้องเป็นส่วนราชการหรือบุคลากรของหน่วยงานนี้"))
    creating = measure is None
    if measure is None:
        measure = Measure(issue=issue, order=_next_order(issue.measures.all()))
    for name in (
        "title",
        "question_codes",
        "indicator",
        "finding",
        "steps",
        "monitoring",
        "start_month",
        "end_month",
        "responsible_note",
        "expected_outcome",
        "kb_key",
    ):
        if name in clean:
            value = clean[name]
            setattr(measure, name, value.strip() if isinstance(value, str) else value)
    measure.save()
    measure.responsible_units.set(units)
    measure.responsible_people.set(people)
    _record(
        plan,
        user,
        "measure_add" if creating else "measure_update",
        f"{'เพิ่ม' if creating else 'แก้ไข'}มาตรการ “{measure.title}”",
    )
    return measure


@transaction.atomic
def measure_delete(measure: Measure, *, user: Any) -> None:
    plan = measure.issue.plan
    _ensure_editable(plan)
    _ensure_exists(measure, _("มาตรการนี้ถูกลบไปแล้ว"))
    title = measure.title
    measure.delete()
    _record(plan, user, "measure_delete", f"ลบมาตรการ “{title}”")


@transaction.atomic
def measure_move(measure: Measure, *, direction: str, user: Any) -> None:
    _ensure_editable(measure.issue.plan)
    _ensure_exists(measure, _("มาตรการนี้ถูกลบไปแล้ว"))
    if _move(measure, measure.issue.measures.all(), direction):
        _record(measure.issue.plan, user, "measure_move", f"เลื่อนมาตรการ “{measure.title}”")


@transaction.atomic
def suggestions_accept(
    plan: Plan, *, keys: Sequence[str], user: Any, codes_by_key: dict[str, list[str]] | None = None
) -> list[Measure]:
    """Add the chosen knowledge-base measures, under their standard issues (created as needed).

    `codes_by_key` gives, per measure, the weak codes it answers; without it a measure links all
    the codes of its knowledge-base entry."""
    from prongsai.plans.knowledge import measure_kb, standard_issues

    _ensure_editable(plan)
    by_key = {m.key: m for m in measure_kb()}
    unknown = [k for k in keys if k not in by_key]
    if unknown:
        raise ValidationError(_("ไม่พบข้อเสนอแนะ: %(codes)s") % {"codes": ", ".join(unknown)})
    titles = {i.number: i.title for i in standard_issues()}
    units = {u.name: u for u in Unit.objects.filter(agency=plan.agency)}
    created = []
    for key in keys:
        kb = by_key[key]
        if plan.issues.filter(measures__kb_key=key).exists():
            continue
        issue = plan.issues.filter(standard_number=kb.issue).first()
        if issue is None:
            issue = PlanIssue.objects.create(
                plan=plan,
                title=titles[kb.issue],
                standard_number=kb.issue,
                order=_next_order(plan.issues.all()),
            )
        wanted = (codes_by_key or {}).get(key) or list(kb.codes)
        codes = [c for c in wanted if not invalid_codes([c], plan.based_on_year)]
        measure = Measure.objects.create(
            issue=issue,
            order=_next_order(issue.measures.all()),
            title=kb.title,
            question_codes=codes,
            indicator=kb.indicator,
            finding=kb.finding,
            steps=list(kb.steps),
            monitoring=[
                {
                    "text": s.text,
                    "deadline": fiscal_month_date(plan.fiscal_year, s.month, end=True).isoformat(),
                }
                for s in kb.monitoring
            ],
            start_month=kb.timeline_start,
            end_month=kb.timeline_end,
            expected_outcome=kb.outcome,
            kb_key=key,
        )
        unit = units.get(kb.responsible) or next(
            (u for name, u in units.items() if kb.responsible and kb.responsible in name), None
        )
        if unit is not None:
            measure.responsible_units.add(unit)
        else:
            measure.responsible_note = kb.responsible
            measure.save(update_fields=["responsible_note"])
        created.append(measure)
    issues = list(plan.issues.all())
    issues.sort(key=lambda i: (i.standard_number or 99, i.order))
    for order, issue in enumerate(issues, start=1):
        if issue.order != order:
            PlanIssue.objects.filter(pk=issue.pk).update(order=order)
    _record(
        plan, user, "suggestions", thai.to_thai_digits(f"รับข้อเสนอมาตรการ {len(created)} รายการ")
    )
    return created


@transaction.atomic
def plan_approve(plan: Plan, *, user: Any, approver: Person | None = None) -> Plan:
    """Approve and keep the official copy, both inside the plan's lock: a second approval
    waits, then finds the plan approved and is refused (one approval, one copy)."""
    lock_plan(plan)
    if plan.is_locked:
        from prongsai.core.versions import when_label, who_label

        raise ValidationError(
            _("มาตรการนี้อนุมัติไปแล้วโดย %(who)s เมื่อ %(when)s")
            % {
                "who": who_label(plan.approved_by),
                "when": when_label(plan.approved_at) if plan.approved_at else "-",
            },
            code="locked",
        )
    if not Measure.objects.filter(issue__plan=plan).exists():
        raise ValidationError(_("ยังไม่มีมาตรการ จึงยังอนุมัติไม่ได้"))
    if approver is not None and approver.agency_id != plan.agency_id:
        raise ValidationError(_("ผู้อนุมัติต้องเป็นบุคลากรของหน่วยงานนี้"))
    plan.status = Plan.Status.APPROVED
    plan.approved_by = user
    plan.approved_at = timezone.now()
    plan.approver_person = approver
    plan.save(update_fields=["status", "approved_by", "approved_at", "approver_person"])
    revision = _record(plan, user, "approve", "อนุมัติมาตรการ")
    revision.keep_copy(lambda: _plan_pdf(plan), folder=copies_folder(plan))
    return plan


def copies_folder(plan: Plan) -> str:
    """Where the official copies of a plan's documents (and its reports') are kept."""
    return f"copies/{plan.agency_id}/{plan.fiscal_year}"


def _plan_pdf(plan: Plan) -> bytes:
    from prongsai.documents import render
    from prongsai.plans.documents import plan_document

    return render(plan_document(plan), "pdf")


@transaction.atomic
def plan_reopen(plan: Plan, *, user: Any, reason: str) -> Plan:
    lock_plan(plan)
    if not plan.is_locked:
        raise ValidationError(_("มาตรการนี้ยังเป็นร่างอยู่แล้ว"))
    reason = reopen_reason(reason)[:SHORT_TEXT]  # the page's field stops there
    plan.status = Plan.Status.DRAFT
    plan.save(update_fields=["status"])
    _record(plan, user, "reopen", f"เปิดแก้ไขมาตรการ: {reason}")
    return plan
