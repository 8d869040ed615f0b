"""Progress pages: the plan's progress, a measure with its actions and evidence, notes per
period, evidence downloads and link checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import thai, versions
from prongsai.core.files import attachment
from prongsai.core.navigation import redirect_back, safe_next
from prongsai.orgs.access import Need, get_agency_for_user
from prongsai.plans.models import Measure, Plan
from prongsai.progress import selectors, services
from prongsai.progress.access import (
    get_action_for_user,
    get_evidence_for_user,
    get_measure_for_user,
    get_progress_plan_for_user,
)
from prongsai.progress.forms import ActionForm, EvidenceForm, NoteForm
from prongsai.progress.models import Action, MeasureNote, Period, ProgressReport
from prongsai.progress.periods import period_end


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def frozen_until(plan: Plan) -> dt.date | None:
    """Entries dated on or before this day belong to a finalised report and cannot change."""
    ends = [
        period_end(plan.fiscal_year, r.period)
        for r in ProgressReport.objects.filter(plan=plan, state=ProgressReport.State.FINALISED)
    ]
    return max(ends) if ends else None


@login_required
def progress_index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    rows = []
    for plan in Plan.objects.filter(agency=access.agency).order_by("-fiscal_year"):
        as_of = selectors.default_as_of(plan)
        rows.append(
            {
                "plan": plan,
                "as_of": as_of,
                "counts": selectors.counts(selectors.plan_states(plan, as_of)),
            }
        )
    return render(
        request, "progress/index.html", {"access": access, "agency": access.agency, "rows": rows}
    )


@login_required
def plan_progress(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, plan = get_progress_plan_for_user(request.user, slug, year)
    as_of = selectors.default_as_of(plan)
    groups = selectors.plan_issue_states(plan, as_of)
    states = [s for g in groups for s in g.states]
    return render(
        request,
        "progress/plan.html",
        {
            "access": access,
            "agency": access.agency,
            "plan": plan,
            "as_of": as_of,
            "groups": groups,
            "counts": selectors.counts(states),
        },
    )


def _measure_page(
    request: HttpRequest,
    access: Any,
    measure: Measure,
    *,
    form: ActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    plan = measure.issue.plan
    as_of = selectors.default_as_of(plan)
    state = selectors.measure_state(measure, thai.fiscal_year_period(plan.fiscal_year).end)
    today_state = selectors.measure_state(measure, as_of)
    notes = {n.period: n for n in MeasureNote.objects.filter(measure=measure)}
    frozen = frozen_until(plan)
    for action in state.actions:
        action.frozen = frozen is not None and action.date <= frozen  # type: ignore[attr-defined]
    if form is None and access.can_write:
        form = ActionForm(agency=access.agency, initial={"date": as_of})
    return render(
        request,
        "progress/measure.html",
        {
            "access": access,
            "agency": access.agency,
            "plan": plan,
            "measure": measure,
            "state": today_state,
            "actions": state.actions,
            "as_of": as_of,
            "form": form,
            "evidence_form": EvidenceForm() if access.can_write else None,
            "notes": [(p, notes.get(p.value)) for p in Period],
            "frozen_until": frozen,
        },
        status=status,
    )


@login_required
def measure_detail(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access, measure = get_measure_for_user(request.user, slug, year, pk)
    return _measure_page(request, access, measure)


@login_required
@require_POST
def action_add(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access, measure = get_measure_for_user(request.user, slug, year, pk, Need.WRITE)
    form = ActionForm(request.POST, request.FILES, agency=access.agency)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.action_add(
                measure,
                user=request.user,
                data={k: d[k] for k in ("date", "text", "by_person", "by_text", "completes")},
                url=d["url"],
                evidence_title=d["evidence_title"],
                upload=d["file"],
            )
        except ValidationError as e:
            _add_errors(form, e)
        else:
            messages.success(request, _("บันทึกการดำเนินการแล้ว"))
            return redirect("progress:measure", slug=slug, year=year, pk=pk)
    return _measure_page(request, access, measure, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access, action = get_action_for_user(request.user, slug, year, pk, Need.WRITE)
    initial = {
        "date": action.date,
        "text": action.text,
        "by_person": action.by_person,
        "by_text": action.by_text,
        "completes": action.completes,
    }
    form = ActionForm(
        request.POST or None, agency=access.agency, with_evidence=False, initial=initial
    )
    guard = versions.Guard(
        request,
        current=lambda: versions.model_values(Action.objects.filter(pk=pk).first(), initial),
        lock=Plan.objects.filter(pk=action.measure.issue.plan_id),
        who=lambda: versions.audit_last_change(action),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if guard.saved(
                form,
                lambda: services.action_update(action, user=request.user, data=form.cleaned_data),
            ):
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("progress:measure", slug=slug, year=year, pk=action.measure_id)
        except ValidationError as e:
            _add_errors(form, e)
    return render(
        request,
        "progress/form.html",
        {
            "access": access,
            "agency": access.agency,
            "form": form,
            "title": _("แก้ไขการดำเนินการ"),
            "back": action.measure,
            "plan": action.measure.issue.plan,
            "version": guard,
        },
        status=409 if guard.conflict else 200,
    )


def _back_to(action: Action, slug: str, year: int) -> HttpResponse:
    return redirect("progress:measure", slug=slug, year=year, pk=action.measure_id)


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def action_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, action = get_action_for_user(request.user, slug, year, pk, Need.WRITE)
    try:
        services.action_delete(action, user=request.user)
    except ValidationError as e:
        _errors(request, e)
    else:
        messages.success(request, _("ลบการดำเนินการแล้ว"))
    return _back_to(action, slug, year)


@login_required
@require_POST
def evidence_add(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, action = get_action_for_user(request.user, slug, year, pk, Need.WRITE)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return _back_to(action, slug, year)
    d = form.cleaned_data
    try:
        services.evidence_add(
            action, user=request.user, url=d["url"], title=d["evidence_title"], upload=d["file"]
        )
    except ValidationError as e:
        _errors(request, e)
    else:
        messages.success(request, _("เพิ่มหลักฐานแล้ว"))
    return _back_to(action, slug, year)


@login_required
@require_POST
def evidence_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, evidence = get_evidence_for_user(request.user, slug, year, pk, Need.WRITE)
    action = evidence.action
    try:
        services.evidence_delete(evidence, user=request.user)
    except ValidationError as e:
        _errors(request, e)
    else:
        messages.success(request, _("ลบหลักฐานแล้ว"))
    return _back_to(action, slug, year)


@login_required
def evidence_download(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponseBase:
    _access, evidence = get_evidence_for_user(request.user, slug, year, pk)
    if not evidence.file_path:
        raise Http404("หลักฐานนี้ไม่มีไฟล์")
    return attachment(
        evidence.file_path,
        filename=evidence.file_name,
        content_type=evidence.content_type or "application/octet-stream",
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, slug: str, year: int, pk: int, period: str) -> HttpResponse:
    access, measure = get_measure_for_user(request.user, slug, year, pk, Need.WRITE)
    if period not in Period.values:
        raise Http404("ไม่มีรอบรายงานนี้")
    note = MeasureNote.objects.filter(measure=measure, period=period).first()
    initial = {}
    if note is None and period == Period.YEAR:  # start the annual note from the 6-month one
        half = MeasureNote.objects.filter(measure=measure, period=Period.HALF).first()
        if half is not None:
            initial = {name: getattr(half, name) for name in services.NOTE_FIELDS}
    form = NoteForm(request.POST or None, instance=note, initial=initial)
    state = selectors.measure_state(measure, period_end(year, period), period)
    notes = MeasureNote.objects.filter(measure=measure, period=period).select_related("updated_by")
    shown_initial = initial

    def current() -> dict[str, object]:
        saved = notes.first()
        if saved is None:  # what the form shows before the note exists
            return dict(shown_initial)
        return versions.model_values(saved, services.NOTE_FIELDS)

    def who() -> versions.Who:
        saved = notes.first()
        return (saved.updated_by, saved.updated_at) if saved is not None else (None, None)

    guard = versions.Guard(
        request, current=current, lock=Plan.objects.filter(pk=measure.issue.plan_id), who=who
    )
    if request.method == "POST" and form.is_valid():
        try:
            if guard.saved(
                form,
                lambda: services.note_save(
                    measure, period=period, user=request.user, data=form.cleaned_data
                ),
            ):
                messages.success(request, _("บันทึกแล้ว"))
                return redirect_back(request, "progress:measure", slug=slug, year=year, pk=pk)
        except ValidationError as e:
            _add_errors(form, e)
    return render(
        request,
        "progress/note_form.html",
        {
            "access": access,
            "agency": access.agency,
            "form": form,
            "measure": measure,
            "plan": measure.issue.plan,
            "period": Period(period),
            "state": state,
            "version": guard,
            "next": safe_next(request),
        },
        status=409 if guard.conflict else 200,
    )


@login_required
@require_POST
def links_check(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from prongsai.progress.tasks import check_plan_links

    _access, plan = get_progress_plan_for_user(request.user, slug, year, Need.WRITE)
    check_plan_links.enqueue(plan.pk)
    messages.success(request, _("ส่งตรวจลิงก์หลักฐานแล้ว ผลจะแสดงเมื่อการตรวจเสร็จ"))
    return redirect("progress:plan", slug=slug, year=year)
