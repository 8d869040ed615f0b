"""Asset borrowing, the bribery-risk register, ethics and participation events."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import thai
from prongsai.core.documents import DocumentOptions
from prongsai.core.files import attachment
from prongsai.documents import CONTENT_TYPES, render
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user
from prongsai.registers import selectors, services
from prongsai.registers.access import (
    event_kind,
    get_asset_for_user,
    get_event_file_for_user,
    get_event_for_user,
    get_loan_for_user,
    get_risk_for_user,
    get_year_for_user,
)
from prongsai.registers.documents import loan_form
from prongsai.registers.forms import (
    AssetForm,
    EventForm,
    LoanForm,
    ReturnForm,
    RiskForm,
    event_groups,
    group_formset,
    item_formset,
    loan_items,
)
from prongsai.registers.models import Asset, AssetState, Condition, EventKind, RiskArea
from prongsai.registers.views import edit_record, errors_to, page

# Borrowing -------------------------------------------------------------------------------


def _loans_page(
    request: HttpRequest,
    access: AgencyAccess,
    year: int,
    status: int = 200,
    form: Any = None,
    formset: Any = None,
) -> HttpResponse:
    loans = selectors.loans(access.agency, year)
    day = selectors.today()
    return page(
        request,
        "loans.html",
        access,
        year,
        status,
        loans=loans,
        overdue=[loan for loan in loans if loan.overdue(day)],
        form=form or LoanForm(initial={"starts_on": day}),
        formset=formset or item_formset(None, access.agency),
        has_assets=Asset.objects.filter(agency=access.agency, state=AssetState.ACTIVE).exists(),
        today_input=thai.input_date(day),
        conditions=Condition.choices,
    )


@login_required
@require_http_methods(["GET", "POST"])
def loans(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access = get_year_for_user(request.user, slug, year, need)
    if request.method == "POST":
        form = LoanForm(request.POST)
        formset = item_formset(request.POST, access.agency)
        if form.is_valid() and formset.is_valid():
            try:
                services.loan_request(
                    access.agency, year, {**form.cleaned_data, "items": loan_items(formset)}
                )
            except ValidationError as e:
                errors_to(request, e, form)
            else:
                messages.success(request, _("บันทึกคำขอยืมแล้ว รอผู้มีอำนาจอนุมัติ"))
                return redirect("registers:loans", slug=slug, year=year)
        return _loans_page(request, access, year, 400, form, formset)
    return _loans_page(request, access, year)


# The asset catalogue ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def assets(request: HttpRequest, slug: str) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access = get_agency_for_user(request.user, slug, need)
    form = AssetForm(request.POST or None, initial={"state": AssetState.ACTIVE})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.asset_add(access.agency, form.cleaned_data)
            except ValidationError as e:
                errors_to(request, e, form)
            else:
                messages.success(request, _("เพิ่มครุภัณฑ์ในทะเบียนแล้ว"))
                return redirect("registers:assets", slug=slug)
    year = thai.fiscal_year(selectors.today())
    return page(
        request, "assets.html", access, year, status,
        assets=selectors.assets(access.agency), form=form,
    )  # fmt: skip


ASSET_EDIT = list(services.ASSET_FIELDS)


@login_required
@require_http_methods(["GET", "POST"])
def asset_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access, asset = get_asset_for_user(request.user, slug, pk, need)
    return edit_record(
        request, access, thai.fiscal_year(selectors.today()), asset, form_class=AssetForm,
        fields=ASSET_EDIT, save=services.asset_update, back="registers:assets",
        template="asset_edit.html", back_kwargs={"slug": slug},
        extra={"history": selectors.asset_loans(asset)},
    )  # fmt: skip


@login_required
@require_POST
def loan_decide(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, loan = get_loan_for_user(request.user, slug, year, pk, Need.MANAGE)
    approve = request.POST.get("decision") == "approve"
    try:
        services.loan_decide(loan, approve=approve, user=request.user)
    except ValidationError as e:
        errors_to(request, e)
    else:
        messages.success(request, _("อนุมัติให้ยืมแล้ว") if approve else _("ไม่อนุมัติคำขอนี้แล้ว"))
    return redirect("registers:loans", slug=slug, year=year)


@login_required
@require_POST
def loan_return(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, loan = get_loan_for_user(request.user, slug, year, pk, Need.WRITE)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุวันที่ส่งคืนและสภาพให้ถูกต้อง"))
    else:
        try:
            services.loan_return(loan, form.cleaned_data)
        except ValidationError as e:
            errors_to(request, e)
        else:
            messages.success(request, _("บันทึกการส่งคืนแล้ว"))
    return redirect("registers:loans", slug=slug, year=year)


@login_required
def loan_pdf(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, loan = get_loan_for_user(request.user, slug, year, pk)
    data = render(loan_form(loan, DocumentOptions()), "pdf")
    response = HttpResponse(data, content_type=CONTENT_TYPES["pdf"])
    response["Content-Disposition"] = (
        f'attachment; filename="borrowing-{slug}-{year}-{loan.pk}.pdf"'
    )
    return response


# Risks -------------------------------------------------------------------------------------

RISK_EDIT = list(services.RISK_FIELDS)


@login_required
@require_http_methods(["GET", "POST"])
def risks(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access = get_year_for_user(request.user, slug, year, need)
    form = RiskForm(request.POST or None, initial={"likelihood": 3, "impact": 3})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.risk_add(access.agency, year, form.cleaned_data)
            messages.success(request, _("บันทึกความเสี่ยงแล้ว"))
            return redirect("registers:risks", slug=slug, year=year)
        status = 400
    items = selectors.risks(access.agency, year)
    areas = [(a, [r for r in items if r.area == a]) for a in RiskArea]
    return page(
        request,
        "risks.html",
        access,
        year,
        status,
        risks=items,
        areas=[x for x in areas if x[1]],
        form=form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access, risk = get_risk_for_user(request.user, slug, year, pk, need)
    return edit_record(
        request, access, year, risk, form_class=RiskForm, fields=RISK_EDIT,
        save=services.risk_update, back="registers:risks", template="risk_edit.html",
    )  # fmt: skip


@login_required
@require_POST
def risk_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, risk = get_risk_for_user(request.user, slug, year, pk, Need.WRITE)
    services.risk_delete(risk)
    messages.success(request, _("ลบความเสี่ยงแล้ว"))
    return redirect("registers:risks", slug=slug, year=year)


# Ethics and participation ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def events(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    kind = event_kind(kind)
    need = Need.WRITE if request.method == "POST" else Need.READ
    access = get_year_for_user(request.user, slug, year, need)
    form = EventForm(
        request.POST or None, request.FILES or None, initial={"held_on": selectors.today()}
    )
    formset = group_formset(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            data = {**form.cleaned_data, "participants": event_groups(formset)}
            try:
                services.event_add(
                    access.agency, year, kind, data, upload=data.get("file"), title=data["topic"]
                )
            except ValidationError as e:
                errors_to(request, e, form)
            else:
                messages.success(request, _("บันทึกกิจกรรมแล้ว"))
                return redirect("registers:events", slug=slug, year=year, kind=kind)
    items = selectors.events(access.agency, year, kind)
    return page(
        request,
        "events.html",
        access,
        year,
        status,
        kind=kind,
        kind_label=EventKind(kind).label,
        events=items,
        form=form,
        formset=formset,
        doc_kind=kind,
        ethics=kind == EventKind.ETHICS,
    )


@login_required
@require_POST
def event_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, event = get_event_for_user(request.user, slug, year, pk, Need.WRITE)
    kind = event.kind
    services.event_delete(event)
    messages.success(request, _("ลบกิจกรรมแล้ว"))
    return redirect("registers:events", slug=slug, year=year, kind=kind)


@login_required
def event_file(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponseBase:
    _access, file = get_event_file_for_user(request.user, slug, year, pk)
    return attachment(file.file_path, filename=file.file_name, content_type=file.content_type)
