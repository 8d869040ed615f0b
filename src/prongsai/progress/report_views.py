"""Report pages: the two reporting periods, their memo, finalising, downloads; the XLSX export
and the deadlines dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import versions
from prongsai.core.documents import DocumentUnavailable
from prongsai.core.files import NO_COPY, attachment, official_stamp
from prongsai.documents import CONTENT_TYPES
from prongsai.documents import render as render_document
from prongsai.orgs.access import Need, get_agency_for_user
from prongsai.orgs.selectors import agency_admin_names
from prongsai.plans.models import Plan
from prongsai.progress import conf, selectors, services
from prongsai.progress.access import (
    get_progress_plan_for_user,
    get_report_event_for_user,
    get_report_for_user,
)
from prongsai.progress.deadlines import current_plan, plan_deadlines
from prongsai.progress.documents import KIND_LABELS, KINDS_BY_PERIOD, filename, report_document
from prongsai.progress.forms import MemoForm, ReopenForm
from prongsai.progress.models import Period, ProgressReport
from prongsai.progress.periods import period_end, ui_round_label
from prongsai.progress.views import _add_errors


@login_required
def reports(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, plan = get_progress_plan_for_user(request.user, slug, year)
    periods = []
    for period in Period:
        report = selectors.report_for(plan, period)
        states = selectors.period_states(plan, period)
        periods.append(
            {
                "period": period,
                "report": report,
                "end": period_end(year, period),
                "round": ui_round_label(year, period),
                "counts": selectors.counts(states),
                "late": [s for s in states if s.late],
                "unexplained": [s for s in states if s.late and s.needs_explanation],
                "problems": []
                if report.is_final
                else selectors.report_problems(plan, period, states),
                "kinds": [(k, _(KIND_LABELS[k])) for k in KINDS_BY_PERIOD[period]],
                "events": list(report.events.select_related("user")[:5]) if report.pk else [],
            }
        )
    return render(
        request,
        "progress/reports.html",
        {
            "access": access,
            "agency": access.agency,
            "plan": plan,
            "periods": periods,
            "reopen_form": ReopenForm(),
            "admins": [] if access.can_manage else agency_admin_names(access.agency),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def memo_edit(request: HttpRequest, slug: str, year: int, period: str) -> HttpResponse:
    access, report = get_report_for_user(request.user, slug, year, period, Need.WRITE)
    form = MemoForm(request.POST or None, instance=report)
    saved = ProgressReport.objects.filter(plan=report.plan, period=period)
    guard = versions.Guard(
        request,
        current=lambda: versions.model_values(
            saved.first() or ProgressReport(plan=report.plan, period=period), services.MEMO_FIELDS
        ),
        lock=Plan.objects.filter(pk=report.plan_id),
        who=lambda: versions.audit_last_change(saved.first()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if guard.saved(
                form,
                lambda: services.report_update_memo(
                    report, user=request.user, data=form.cleaned_data
                ),
            ):
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("progress:reports", slug=slug, year=year)
        except ValidationError as e:
            _add_errors(form, e)
    return render(
        request,
        "progress/form.html",
        {
            "access": access,
            "agency": access.agency,
            "form": form,
            "plan": report.plan,
            "title": _("บันทึกข้อความ") + " " + str(Period(period).label),
            "version": guard,
        },
        status=409 if guard.conflict else 200,
    )


@login_required
@require_POST
def report_finalise(request: HttpRequest, slug: str, year: int, period: str) -> HttpResponse:
    _access, report = get_report_for_user(request.user, slug, year, period, Need.WRITE)
    try:
        report = services.report_finalise(report, user=request.user)
    except ValidationError as e:
        for message in e.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("สรุปรายงานแล้ว"))
        if not report.events.filter(action="finalise").values_list("copy_path", flat=True)[0]:
            messages.warning(request, NO_COPY)
    return redirect("progress:reports", slug=slug, year=year)


@login_required
@require_POST
def report_reopen(request: HttpRequest, slug: str, year: int, period: str) -> HttpResponse:
    _access, report = get_report_for_user(request.user, slug, year, period, Need.MANAGE)
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.report_reopen(report, user=request.user, reason=reason)
    except ValidationError as e:
        for message in e.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("เปิดแก้ไขรายงานแล้ว"))
    return redirect("progress:reports", slug=slug, year=year)


@login_required
def report_download(
    request: HttpRequest, slug: str, year: int, period: str, kind: str, fmt: str
) -> HttpResponse:
    _access, report = get_report_for_user(request.user, slug, year, period)
    if fmt not in CONTENT_TYPES or kind not in KINDS_BY_PERIOD[period]:
        raise Http404("ไม่มีเอกสารนี้")
    digits = request.GET.get("digits")
    with_memo = request.GET.get("memo") == "1"
    try:
        document = report_document(report.plan, period, kind, digits=digits, with_memo=with_memo)
    except DocumentUnavailable as e:
        raise Http404(str(e)) from None
    data = render_document(document, fmt)  # type: ignore[arg-type]
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = filename(report.plan, period, kind, fmt, with_memo=with_memo, digits=digits)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_copy(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponseBase:
    """The report (memo in front) as it was finalised in this entry of its history."""
    _access, event = get_report_event_for_user(request.user, slug, year, pk)
    if not event.copy_path:
        raise Http404("รายการนี้ไม่มีสำเนาเอกสาร")
    period = event.report.period
    name = f"report-{period}-{slug}-{year}-finalised-{official_stamp(event.at)}.pdf"
    return attachment(event.copy_path, filename=name, content_type="application/pdf")


@login_required
def export_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from prongsai.progress.export import plan_workbook

    _access, plan = get_progress_plan_for_user(request.user, slug, year)
    response = HttpResponse(
        plan_workbook(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="progress-{plan.agency.slug}-{plan.fiscal_year}.xlsx"'
    )
    return response


@login_required
def deadlines(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    plans = list(Plan.objects.filter(agency=access.agency))
    on = selectors.today()
    year = request.GET.get("year", "")
    plan = next((p for p in plans if str(p.fiscal_year) == year), None) if year else None
    plan = plan or current_plan(plans, on)
    data = plan_deadlines(plan, on=on, days=conf.reminder_days()) if plan else None
    return render(
        request,
        "progress/deadlines.html",
        {
            "access": access,
            "agency": access.agency,
            "plan": plan,
            "plans": plans,
            "d": data,
        },
    )
