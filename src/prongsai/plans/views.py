"""Plan pages: list and create, the editor, suggestions, approval, history, documents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import thai, versions
from prongsai.core.files import NO_COPY, attachment, official_stamp
from prongsai.orgs.access import Need, get_agency_for_user
from prongsai.plans import selectors, services
from prongsai.plans.access import (
    get_editable_plan_for_user,
    get_issue_for_user,
    get_measure_for_user,
    get_plan_for_user,
    get_revision_for_user,
)
from prongsai.plans.forms import (
    ApproveForm,
    IssueForm,
    MeasureForm,
    MonitoringForm,
    MonitoringFormSet,
    PlanCreateForm,
    PlanEditForm,
    monitoring_initial,
)
from prongsai.plans.models import Measure, Plan, PlanIssue
from prongsai.plans.pages import plan_page as _plan_page
from prongsai.plans.pages import shows_plan_when_approved


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(
        request.user, slug, Need.WRITE if request.method == "POST" else Need.READ
    )
    current = thai.fiscal_year(timezone.localdate())
    form = PlanCreateForm(request.POST or None, initial={"fiscal_year": current})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                agency=access.agency,
                fiscal_year=form.cleaned_data["fiscal_year"],
                based_on_year=form.cleaned_data["based_on_year"],
                user=request.user,
                with_standard_issues=form.cleaned_data["standard_issues"],
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            return redirect("plans:detail", slug=slug, year=plan.fiscal_year)
    return render(
        request,
        "plans/list.html",
        {
            "access": access,
            "agency": access.agency,
            "form": form,
            "plans": selectors.agency_plans(access.agency),
        },
    )


@login_required
def plan_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, plan = get_plan_for_user(request.user, slug, year)
    return _plan_page(request, access, plan)


@login_required
@require_http_methods(["GET", "POST"])
@shows_plan_when_approved(PlanEditForm)
def plan_edit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, plan = get_editable_plan_for_user(request.user, slug, year)
    fields = ("title", "constraints_text")
    guard = versions.Guard(
        request,
        current=lambda: versions.model_values(Plan.objects.filter(pk=plan.pk).first(), fields),
        lock=Plan.objects.filter(pk=plan.pk),
        who=lambda: selectors.plan_last_change(plan),
    )
    form = PlanEditForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            with guard.unchanged(form.cleaned_data, labels=versions.labels(form)):
                services.plan_update(
                    plan, user=request.user, **{k: form.cleaned_data[k] for k in fields}
                )
        except versions.Conflict:
            pass
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("plans:detail", slug=slug, year=year)
    return render(
        request,
        "plans/form.html",
        {
            "agency": access.agency,
            "access": access,
            "plan": plan,
            "form": form,
            "version": guard,
            "title": _("แก้ไขข้อมูลมาตรการ"),
        },
        status=409 if guard.conflict else 200,
    )


@login_required
@require_POST
def plan_copy(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    _access, plan = get_plan_for_user(request.user, slug, year, Need.WRITE)
    try:
        new = services.plan_copy_forward(source=plan, fiscal_year=year + 1, user=request.user)
    except ValidationError as e:
        _errors(request, e)
        return redirect("plans:list", slug=slug)
    messages.success(request, _("คัดลอกมาตรการไปยังปีงบประมาณถัดไปแล้ว"))
    return redirect("plans:detail", slug=slug, year=new.fiscal_year)


@login_required
@require_http_methods(["GET", "POST"])
@shows_plan_when_approved()
def plan_suggest(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from prongsai.plans.suggestions import plan_suggestions

    access, plan = get_editable_plan_for_user(request.user, slug, year)
    if request.method == "POST":
        try:
            created = services.suggestions_accept(
                plan,
                keys=request.POST.getlist("key"),
                user=request.user,
                codes_by_key=plan_suggestions(plan)["codes_by_key"],
            )
        except ValidationError as e:
            _errors(request, e)
        else:
            messages.success(
                request,
                thai.to_thai_digits(_("เพิ่มมาตรการจากข้อเสนอแล้ว %(n)s รายการ") % {"n": len(created)}),
            )
            return redirect("plans:detail", slug=slug, year=year)
    return render(
        request,
        "plans/suggest.html",
        {
            "access": access,
            "agency": access.agency,
            "plan": plan,
            "suggestions": plan_suggestions(plan),
        },
    )


@login_required
@require_POST
@shows_plan_when_approved(IssueForm)
def issue_add(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    _access, plan = get_editable_plan_for_user(request.user, slug, year)
    form = IssueForm(request.POST)
    if form.is_valid():
        services.issue_add(plan, title=form.cleaned_data["title"], user=request.user)
        messages.success(request, _("เพิ่มประเด็นแล้ว"))
    else:
        messages.error(request, _("กรุณาระบุชื่อประเด็น"))
    return redirect("plans:detail", slug=slug, year=year)


@login_required
@require_http_methods(["GET", "POST"])
@shows_plan_when_approved(IssueForm)
def issue_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access, issue = get_issue_for_user(request.user, slug, year, pk)
    guard = versions.Guard(
        request,
        current=lambda: versions.model_values(PlanIssue.objects.filter(pk=pk).first(), ["title"]),
        lock=Plan.objects.filter(pk=issue.plan_id),
        who=lambda: selectors.plan_last_change(issue.plan),
    )
    form = IssueForm(request.POST or None, initial={"title": issue.title})
    if request.method == "POST" and form.is_valid():
        try:
            with guard.unchanged(form.cleaned_data, labels=versions.labels(form)):
                services.issue_update(issue, title=form.cleaned_data["title"], user=request.user)
        except versions.Conflict:
            pass
        except services.PlanLocked:
            raise
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("plans:detail", slug=slug, year=year)
    return render(
        request,
        "plans/form.html",
        {
            "agency": access.agency,
            "access": access,
            "plan": issue.plan,
            "form": form,
            "version": guard,
            "title": _("แก้ไขประเด็น"),
        },
        status=409 if guard.conflict else 200,
    )


@login_required
@require_POST
@shows_plan_when_approved()
def issue_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, issue = get_issue_for_user(request.user, slug, year, pk)
    services.issue_delete(issue, user=request.user)
    messages.success(request, _("ลบประเด็นแล้ว"))
    return redirect("plans:detail", slug=slug, year=year)


@login_required
@require_POST
@shows_plan_when_approved()
def issue_move(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, issue = get_issue_for_user(request.user, slug, year, pk)
    services.issue_move(issue, direction=request.POST.get("direction", "up"), user=request.user)
    return redirect(f"{_plan_url(slug, year)}#issue-{issue.pk}")


def _measure_values(pk: int | None) -> dict[str, Any]:
    """What the measure form shows of the measure as it is now (nothing when it is gone)."""
    measure = Measure.objects.filter(pk=pk).first() if pk else None
    if measure is None:
        return {}
    return {**MeasureForm.initial_for(measure), "monitoring": monitoring_initial(measure)}


def _measure_form(
    request: HttpRequest,
    slug: str,
    year: int,
    issue: PlanIssue,
    measure: Measure | None,
    access: object,
) -> HttpResponse:
    plan = issue.plan
    initial = MeasureForm.initial_for(measure) if measure else {"start_month": 1, "end_month": 12}
    form = MeasureForm(
        request.POST or None, initial=initial, agency=plan.agency, fiscal_year=plan.fiscal_year
    )
    formset = MonitoringFormSet(
        request.POST or None, initial=monitoring_initial(measure), prefix="mon"
    )
    guard = versions.Guard(
        request,
        current=lambda: _measure_values(measure.pk if measure else None),
        lock=Plan.objects.filter(pk=plan.pk),
        who=lambda: selectors.plan_last_change(plan),
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.measure_data()
        monitoring = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("text")]
        data["monitoring"] = monitoring
        yours = {
            **form.cleaned_data,
            "monitoring": [{"text": m["text"], "deadline": m.get("deadline")} for m in monitoring],
        }
        labels = versions.labels(form, monitoring=_("การรายงานผลและการกำกับติดตาม"))
        try:
            with guard.unchanged(yours, labels=labels):
                saved = services.measure_save(
                    issue,
                    user=request.user,
                    data=data,
                    measure=measure,
                    units=form.cleaned_data["responsible_units"],
                    people=form.cleaned_data["responsible_people"],
                )
        except versions.Conflict:
            pass
        except services.PlanLocked:
            raise
        except ValidationError as e:
            if hasattr(e, "error_dict"):
                for field, errs in e.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, e)
        else:
            messages.success(request, _("บันทึกมาตรการแล้ว"))
            return redirect(f"{_plan_url(slug, year)}#measure-{saved.pk}")
    return render(
        request,
        "plans/measure_form.html",
        {
            "agency": plan.agency,
            "access": access,
            "plan": plan,
            "issue": issue,
            "measure": measure,
            "form": form,
            "formset": formset,
            "version": guard if measure else None,
        },
        status=409 if guard.conflict else 200,
    )


def _plan_url(slug: str, year: int) -> str:
    from django.urls import reverse

    return reverse("plans:detail", kwargs={"slug": slug, "year": year})


@login_required
@require_http_methods(["GET", "POST"])
@shows_plan_when_approved(MeasureForm, MonitoringForm)
def measure_add(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access, issue = get_issue_for_user(request.user, slug, year, pk)
    return _measure_form(request, slug, year, issue, None, access)


@login_required
@require_http_methods(["GET", "POST"])
@shows_plan_when_approved(MeasureForm, MonitoringForm)
def measure_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access, measure = get_measure_for_user(request.user, slug, year, pk)
    return _measure_form(request, slug, year, measure.issue, measure, access)


@login_required
@require_POST
@shows_plan_when_approved()
def measure_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, measure = get_measure_for_user(request.user, slug, year, pk)
    services.measure_delete(measure, user=request.user)
    messages.success(request, _("ลบมาตรการแล้ว"))
    return redirect("plans:detail", slug=slug, year=year)


@login_required
@require_POST
@shows_plan_when_approved()
def measure_move(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, measure = get_measure_for_user(request.user, slug, year, pk)
    services.measure_move(measure, direction=request.POST.get("direction", "up"), user=request.user)
    return redirect(f"{_plan_url(slug, year)}#measure-{measure.pk}")


@login_required
@require_POST
def plan_approve(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, plan = get_plan_for_user(request.user, slug, year, Need.MANAGE)
    form = ApproveForm(request.POST, agency=access.agency)
    if form.is_valid():
        try:
            services.plan_approve(plan, user=request.user, approver=form.cleaned_data["approver"])
            messages.success(request, _("อนุมัติมาตรการแล้ว"))
            if not plan.revisions.filter(action="approve").values_list("copy_path", flat=True)[0]:
                messages.warning(request, NO_COPY)
        except ValidationError as e:
            _errors(request, e)
    return redirect("plans:detail", slug=slug, year=year)


@login_required
@require_POST
def plan_reopen(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    _access, plan = get_plan_for_user(request.user, slug, year, Need.MANAGE)
    try:
        services.plan_reopen(plan, user=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("เปิดแก้ไขมาตรการแล้ว"))
    except ValidationError as e:
        _errors(request, e)
    return redirect("plans:detail", slug=slug, year=year)


@login_required
def plan_history(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, plan = get_plan_for_user(request.user, slug, year)
    return render(
        request,
        "plans/history.html",
        {
            "access": access,
            "agency": access.agency,
            "plan": plan,
            "revisions": plan.revisions.select_related("user")[:200],
        },
    )


@login_required
def revision_copy(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponseBase:
    """The plan's PDF as it was approved in this entry of its history."""
    _access, revision = get_revision_for_user(request.user, slug, year, pk)
    if not revision.copy_path:
        raise Http404("รายการนี้ไม่มีสำเนาเอกสาร")
    name = f"plan-{slug}-{year}-approved-{official_stamp(revision.at)}.pdf"
    return attachment(revision.copy_path, filename=name, content_type="application/pdf")
