"""The registers' pages: the year's overview, No Gift (declaration, gifts, report), documents,
publishing and attaching a record to a measure. Loans, risks and events: views_more.py."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import thai, versions
from prongsai.core.documents import DocumentOptions
from prongsai.core.thai import fiscal_year
from prongsai.documents import CONTENT_TYPES
from prongsai.oit.documents import lasting_url
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user
from prongsai.registers import selectors, services
from prongsai.registers.access import (
    get_event_for_user,
    get_gift_for_user,
    get_loan_for_user,
    get_risk_for_user,
    get_year_for_user,
)
from prongsai.registers.documents import money
from prongsai.registers.forms import AttachForm, GiftForm, PolicyForm, ReportGiftForm
from prongsai.registers.models import DocKind, NoGiftPolicy


def errors_to(request: HttpRequest, error: ValidationError, form: Any = None) -> None:
    """A service's refusal: on the form's fields when it has them, else as messages."""
    if form is not None and hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
        return
    for message in error.messages:
        messages.error(request, message)


def page(
    request: HttpRequest,
    template: str,
    access: AgencyAccess,
    year: int,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    publications = selectors.current_publications(access.agency, year)
    return render(
        request,
        f"registers/{template}",
        {
            "access": access,
            "agency": access.agency,
            "year": year,
            "publications": publications,
            "today": selectors.today(),
            **context,
        },
        status=status,
    )


@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    get_agency_for_user(request.user, slug)
    return redirect("registers:year", slug=slug, year=fiscal_year(selectors.today()))


@login_required
def year_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_year_for_user(request.user, slug, year)
    kinds = [(k, DocKind(k).label) for k in DocKind.values]
    return page(
        request,
        "year.html",
        access,
        year,
        overview=selectors.overview(access.agency, year),
        kinds=kinds,
    )


# No Gift ---------------------------------------------------------------------------------


def _policy_initial(agency: Any, year: int) -> dict[str, Any]:
    policy = selectors.policy_for(agency, year)
    return versions.model_values(policy, list(services.POLICY_FIELDS)) if policy else {}


def _gifts_page(
    request: HttpRequest, access: AgencyAccess, year: int, status: int = 200, **forms: Any
) -> HttpResponse:
    gifts = selectors.gifts(access.agency, year)
    day = selectors.today()
    for g in gifts:
        g.is_overdue, g.value_text = g.overdue(day), money(g.value)  # type: ignore[attr-defined]
    return page(
        request,
        "gifts.html",
        access,
        year,
        status,
        gifts=gifts,
        total=money(sum(g.value for g in gifts)),
        today_input=thai.input_date(day),
        overdue=[g for g in gifts if g.overdue(day)],
        form=forms.get("form")
        or GiftForm(initial={"received_on": day, "relation": "other", "action": "kept"}),
        report_form=ReportGiftForm(initial={"reported_on": day}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def gifts(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access = get_year_for_user(request.user, slug, year, need)
    if request.method == "POST":
        form = GiftForm(request.POST)
        if form.is_valid():
            try:
                services.gift_add(access.agency, year, form.cleaned_data)
            except ValidationError as e:
                errors_to(request, e, form)
            else:
                messages.success(request, _("บันทึกการรับทรัพย์สินแล้ว"))
                return redirect("registers:gifts", slug=slug, year=year)
        return _gifts_page(request, access, year, 400, form=form)
    return _gifts_page(request, access, year)


def _policy_guard(request: HttpRequest, agency: Any, year: int) -> versions.Guard:
    record = NoGiftPolicy.objects.filter(agency=agency, fiscal_year=year)
    return versions.Guard(
        request,
        current=lambda: _policy_initial(agency, year),
        lock=record,
        who=lambda: versions.audit_last_change(record.first()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def policy(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access = get_year_for_user(request.user, slug, year, need)
    guard = _policy_guard(request, access.agency, year)
    status = 200
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            try:
                if guard.saved(
                    form, lambda: services.policy_save(access.agency, year, form.cleaned_data)
                ):
                    messages.success(request, _("บันทึกประกาศเจตนารมณ์แล้ว"))
                    return redirect("registers:gifts", slug=slug, year=year)
            except ValidationError as e:
                errors_to(request, e, form)
        status = 409 if guard.conflict else 400
    else:
        form = PolicyForm(initial=_policy_initial(access.agency, year))
    return page(request, "policy.html", access, year, status, form=form, version=guard)


def edit_record(
    request: HttpRequest,
    access: AgencyAccess,
    year: int,
    record: Any,
    *,
    form_class: Any,
    fields: list[str],
    save: Any,
    back: str,
    template: str,
    back_kwargs: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """An edit form of one register record under the version check (decision 24): a record
    changed since the form was opened is not saved over (409, the differences shown)."""
    rows = type(record).objects.filter(pk=record.pk)
    guard = versions.Guard(
        request,
        current=lambda: versions.model_values(rows.first(), fields),
        lock=rows,
        who=lambda: versions.audit_last_change(rows.first()),
    )
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                if guard.saved(form, lambda: save(record, form.cleaned_data)):
                    messages.success(request, _("บันทึกแล้ว"))
                    return redirect(
                        back, **(back_kwargs or {"slug": access.agency.slug, "year": year})
                    )
            except ValidationError as e:
                errors_to(request, e, form)
        status = 409 if guard.conflict else 400
    else:
        form = form_class(initial=versions.model_values(record, fields))
    return page(
        request, template, access, year, status,
        record=record, form=form, version=guard, **(extra or {}),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def gift_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access, gift = get_gift_for_user(request.user, slug, year, pk, need)
    return edit_record(
        request, access, year, gift, form_class=GiftForm, fields=list(services.GIFT_FIELDS),
        save=services.gift_update, back="registers:gifts", template="gift_edit.html",
    )  # fmt: skip


@login_required
@require_POST
def gift_report(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, gift = get_gift_for_user(request.user, slug, year, pk, Need.WRITE)
    form = ReportGiftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุวันที่รายงานให้ถูกต้อง"))
    else:
        try:
            services.gift_report(gift, form.cleaned_data["reported_on"])
        except ValidationError as e:
            errors_to(request, e)
        else:
            messages.success(request, _("บันทึกการรายงานผู้บังคับบัญชาแล้ว"))
    return redirect("registers:gifts", slug=slug, year=year)


@login_required
@require_POST
def gift_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, gift = get_gift_for_user(request.user, slug, year, pk, Need.WRITE)
    services.gift_delete(gift)
    messages.success(request, _("ลบรายการแล้ว"))
    return redirect("registers:gifts", slug=slug, year=year)


# Documents ---------------------------------------------------------------------------------


def _kind(kind: str) -> str:
    if kind not in DocKind.values:
        raise Http404("ไม่มีเอกสารนี้")
    return kind


@login_required
def document(request: HttpRequest, slug: str, year: int, kind: str, fmt: str) -> HttpResponse:
    access = get_year_for_user(request.user, slug, year)
    if fmt not in CONTENT_TYPES:
        raise Http404("ไม่มีรูปแบบไฟล์นี้")
    data = services.document_bytes(_kind(kind), access.agency, year, fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{kind}-{slug}-{year}.{fmt}"'
    return response


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    access = get_year_for_user(request.user, slug, year, Need.MANAGE)
    services.publish(access.agency, year, _kind(kind), user=request.user)
    messages.success(
        request, thai.local_digits(_("เผยแพร่%(doc)sแล้ว") % {"doc": DocKind(kind).label})
    )
    return redirect("registers:year", slug=slug, year=year)


# Attaching a record to a measure ----------------------------------------------------------

RECORDS = {"gift": get_gift_for_user, "loan": get_loan_for_user, "risk": get_risk_for_user,
           "event": get_event_for_user}  # fmt: skip


def _record(what: str, record: Any) -> tuple[Any, str, str]:
    """(date, text, the register page) of a record."""
    if what == "gift":
        return (
            record.received_on,
            f"รับ{record.item} จาก{record.giver} ({money(record.value)} บาท) บันทึกในทะเบียน No Gift",
            "registers:gifts",
        )
    if what == "loan":
        return (
            record.starts_on,
            f"ยืมทรัพย์สินของราชการ: {record.borrower} {record.purpose}",
            "registers:loans",
        )
    if what == "risk":
        return selectors.today(), f"ประเมินความเสี่ยงการทุจริต: {record.process}", "registers:risks"
    return record.held_on, f"{record.get_kind_display()}: {record.topic}", "registers:events"


def _evidence(what: str, record: Any, access: AgencyAccess) -> tuple[str, bytes]:
    """The document a record is evidence in: the loan's own form, else its register's report."""
    if what == "loan":
        from prongsai.documents import render as render_document
        from prongsai.registers.documents import loan_form

        return "borrowing", render_document(loan_form(record, DocumentOptions()), "pdf")
    kind = {"gift": DocKind.NOGIFT_REPORT, "risk": DocKind.RISK}.get(what) or record.kind
    return str(kind), services.document_bytes(kind, access.agency, record.fiscal_year, "pdf")


@login_required
@require_http_methods(["GET", "POST"])
def attach(request: HttpRequest, slug: str, year: int, what: str, pk: int) -> HttpResponse:
    if what not in RECORDS:
        raise Http404("ไม่มีทะเบียนนี้")
    access, record = RECORDS[what](request.user, slug, year, pk, Need.WRITE)
    record = cast(Any, record)
    day, text, url_name = _record(what, record)
    kwargs: dict[str, Any] = {"slug": slug, "year": year}
    if what == "event":
        kwargs["kind"] = record.kind
    back = reverse(url_name, kwargs=kwargs)
    form = AttachForm(request.POST or None, agency=access.agency, year=year)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            kind, pdf = _evidence(what, record, access)
            try:
                services.attach_to_measure(
                    form.cleaned_data["measure"],
                    user=request.user,
                    day=day,
                    text=text,
                    url=lasting_url(back, request),
                    pdf=pdf,
                    name=f"{kind}-{year}.pdf",
                )
            except ValidationError as e:
                errors_to(request, e)
            else:
                messages.success(request, _("บันทึกเป็นผลการดำเนินการของมาตรการแล้ว"))
                return redirect(back)
    return page(
        request, "attach.html", access, year, status, form=form, text=text, day=day, back=back
    )
