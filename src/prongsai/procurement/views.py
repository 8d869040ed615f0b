"""สขร. ๑ pages: the fiscal year's months, one month with its entries, entry forms, import,
nil/close/reopen, the documents (month, quarter, year) and attaching a closed month to a
measure. Thin: access through procurement.access, reads in selectors, writes in services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import thai, versions
from prongsai.documents import render as render_document
from prongsai.oit.documents import lasting_url
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user
from prongsai.procurement import cgd, documents, importing, selectors, services
from prongsai.procurement.access import (
    get_entry_for_user,
    get_month_for_user,
    get_procurement_year_for_user,
)
from prongsai.procurement.forms import (
    EntryForm,
    EvidenceForm,
    ImportForm,
    ReopenForm,
    bidder_formset,
    entry_input,
    posted_values,
)
from prongsai.procurement.models import ProcurementEntry, ProcurementMonth

CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": documents.XLSX_TYPE}


def _month_url(slug: str, year: int, month: int) -> str:
    return reverse("procurement:month", kwargs={"slug": slug, "year": year, "month": month})


@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    get_agency_for_user(request.user, slug)
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdecimal() and thai.is_fiscal_year(int(chosen)) else None
    if year is None:
        year = thai.fiscal_year(_today())
    return redirect("procurement:year", slug=slug, year=year)


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


@login_required
def year_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_procurement_year_for_user(request.user, slug, year)
    rows = selectors.year_months(access.agency, year)
    return render(
        request,
        "procurement/year.html",
        {
            "access": access,
            "agency": access.agency,
            "year": year,
            "rows": rows,
            "years": [year - 1, year, year + 1],
            # only the quarters with a recorded month: an empty bundle has no document
            "quarters": [
                q
                for q in (1, 2, 3, 4)
                if any(r.recorded for r in rows if r.month in documents.quarter_months(q))
            ],
            "has_any": any(r.recorded for r in rows),
        },
    )


def _month_context(access: AgencyAccess, year: int, month: int, register: Any) -> dict[str, Any]:
    data = documents.month_data(register) if register else selectors.empty_month(year, month)
    return {
        "access": access,
        "agency": access.agency,
        "year": year,
        "month": month,
        "register": register,
        "data": data,
        "events": list(register.events.select_related("user")) if register else [],
        "closed_event": selectors.latest_closings(access.agency, year).get(month),
        "reopen_form": ReopenForm(),
    }


@login_required
def month_view(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    access, register = get_month_for_user(request.user, slug, year, month)
    return render(request, "procurement/month.html", _month_context(access, year, month, register))


def _entry_page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "procurement/entry_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    access, register = get_month_for_user(request.user, slug, year, month, Need.WRITE)
    form = EntryForm(request.POST or None)
    formset = bidder_formset(request.POST or None, None)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            register = register or services.month_get_or_create(access.agency, year, month)
            services.entry_add(register, entry_input(form, formset), user=request.user)
            messages.success(request, _("บันทึกรายการแล้ว"))
            return redirect(_month_url(slug, year, month))
        except ValidationError as e:
            _add_errors(form, e)
    return _entry_page(
        request,
        {"access": access, "agency": access.agency, "year": year, "month": month,
         "form": form, "formset": formset, "title": _("เพิ่มรายการจัดซื้อจัดจ้าง")},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, slug: str, year: int, month: int, pk: int) -> HttpResponse:
    access, entry = get_entry_for_user(request.user, slug, year, month, pk, Need.WRITE)
    form = EntryForm(request.POST or None, initial=EntryForm.initial_for(entry))
    formset = bidder_formset(request.POST or None, entry)
    guard = versions.Guard(
        request,
        current=lambda: EntryForm.initial_for(
            ProcurementEntry.objects.filter(pk=pk).prefetch_related("bidders").first()
        ),
        lock=ProcurementMonth.objects.filter(pk=entry.register_id),
        who=lambda: versions.audit_last_change(entry, entry.register),
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            labels = versions.labels(form)
            for key in posted_values(form, formset):
                if key.startswith("bid-"):
                    labels[key] = _("ผู้เสนอราคา") if key.endswith("name") else _("ราคาที่เสนอ")
            if guard.saved(
                form,
                lambda: services.entry_update(entry, entry_input(form, formset), user=request.user),
                yours=posted_values(form, formset),
                field_labels=labels,
            ):
                messages.success(request, _("บันทึกรายการแล้ว"))
                return redirect(_month_url(slug, year, month))
        except ValidationError as e:
            _add_errors(form, e)
    return _entry_page(
        request,
        {"access": access, "agency": access.agency, "year": year, "month": month,
         "form": form, "formset": formset, "title": _("แก้ไขรายการจัดซื้อจัดจ้าง"),
         "entry": entry, "version": guard},
        status=409 if guard.conflict else 200,
    )  # fmt: skip


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def entry_delete(request: HttpRequest, slug: str, year: int, month: int, pk: int) -> HttpResponse:
    _access, entry = get_entry_for_user(request.user, slug, year, month, pk, Need.WRITE)
    try:
        services.entry_delete(entry, user=request.user)
        messages.success(request, _("ลบรายการแล้ว"))
    except ValidationError as e:
        _refused(request, e)
    return redirect(_month_url(slug, year, month))


@login_required
@require_POST
def month_nil(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    access, register = get_month_for_user(request.user, slug, year, month, Need.WRITE)
    nil = request.POST.get("nil") == "1"
    try:
        register = register or services.month_get_or_create(access.agency, year, month)
        services.month_set_nil(register, nil, user=request.user)
        messages.success(
            request,
            _("บันทึกว่าไม่มีการจัดซื้อจัดจ้างในเดือนนี้แล้ว") if nil else _("ยกเลิกการระบุว่าไม่มีการจัดซื้อจัดจ้างแล้ว"),
        )
    except ValidationError as e:
        _refused(request, e)
    return redirect(_month_url(slug, year, month))


@login_required
@require_POST
def month_close(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    _access, register = get_month_for_user(request.user, slug, year, month, Need.MANAGE)
    try:
        if register is None:
            raise ValidationError(
                _("ยังไม่มีรายการในเดือนนี้ บันทึกรายการ หรือระบุว่าไม่มีการจัดซื้อจัดจ้าง ก่อนปิดเดือน")
            )
        services.month_close(register, user=request.user)
        messages.success(request, _("ปิดเดือนแล้ว เก็บเอกสาร PDF และ XLSX ฉบับทางการไว้แล้ว"))
    except ValidationError as e:
        _refused(request, e)
    return redirect(_month_url(slug, year, month))


@login_required
@require_http_methods(["GET", "POST"])
def month_reopen(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    access, register = get_month_for_user(request.user, slug, year, month, Need.MANAGE)
    form = ReopenForm(request.POST or None)
    if register is None or not register.closed:
        messages.error(request, _("เดือนนี้ยังไม่ได้ปิด"))
        return redirect(_month_url(slug, year, month))
    if request.method == "POST" and form.is_valid():
        try:
            services.month_reopen(register, form.cleaned_data["reason"], user=request.user)
            messages.success(request, _("เปิดแก้ไขเดือนนี้อีกครั้งแล้ว"))
            return redirect(_month_url(slug, year, month))
        except ValidationError as e:
            _add_errors(form, e)
    context = _month_context(access, year, month, register)
    context["reopen_form"] = form
    return render(request, "procurement/reopen.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def month_import(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    access, register = get_month_for_user(request.user, slug, year, month, Need.WRITE)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            register = register or services.month_get_or_create(access.agency, year, month)
            if form.cleaned_data["source"] == "cgd":
                content = (
                    upload.read(cgd.MAX_BYTES + 1)
                    if upload
                    else cgd.fetch(form.cleaned_data["dept_code"], year)
                )
                report = cgd.import_cgd(register, content, user=request.user)
            else:
                assert upload is not None
                report = importing.import_file(
                    register, upload.read(importing.MAX_BYTES + 1), upload.name, user=request.user
                )
            messages.success(request, report.message)
            return redirect(_month_url(slug, year, month))
        except importing.ImportFailed as e:
            errors = e.errors
        except ValidationError as e:
            errors = list(e.messages)
    return render(
        request,
        "procurement/import.html",
        {"access": access, "agency": access.agency, "year": year, "month": month,
         "form": form, "errors": errors},
    )  # fmt: skip


@login_required
def template_download(request: HttpRequest, slug: str) -> HttpResponse:
    get_agency_for_user(request.user, slug)
    response = HttpResponse(importing.template_xlsx(), content_type=documents.XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="sorkhor1-template.xlsx"'
    return response


def _download(data: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _digits(request: HttpRequest, access: AgencyAccess) -> Any:
    chosen = request.GET.get("digits")
    return chosen if chosen in ("thai", "arabic") else access.agency.digit_style


def _render(agency: Any, title: str, months: list[Any], fmt: str, style: Any) -> bytes:
    if fmt == "xlsx":
        return documents.month_xlsx(agency, months, style)
    if len(months) == 1 and not title:
        return render_document(documents.month_document(agency, months[0], style), "pdf")
    return render_document(documents.bundle_document(agency, title, months, style), "pdf")


@login_required
def month_download(
    request: HttpRequest, slug: str, year: int, month: int, fmt: str
) -> HttpResponse:
    access, register = get_month_for_user(request.user, slug, year, month)
    if fmt not in CONTENT_TYPES:
        raise Http404("ไม่มีรูปแบบไฟล์นี้")
    data = documents.month_data(register) if register else selectors.empty_month(year, month)
    body = _render(access.agency, "", [data], fmt, _digits(request, access))
    return _download(body, fmt, f"sorkhor1-{slug}-{year}-{month:02d}")


@login_required
def bundle_download(
    request: HttpRequest, slug: str, year: int, fmt: str, quarter: int | None = None
) -> HttpResponse:
    access = get_procurement_year_for_user(request.user, slug, year)
    if fmt not in CONTENT_TYPES or quarter not in (None, 1, 2, 3, 4):
        raise Http404("ไม่มีรูปแบบไฟล์นี้")
    months = selectors.months_for_bundle(access.agency, year, quarter)
    if not months:
        raise Http404("ยังไม่มีเดือนที่บันทึกไว้ในช่วงนี้")
    title = documents.bundle_title(year, quarter)
    body = _render(access.agency, title, months, fmt, _digits(request, access))
    part = f"q{quarter}" if quarter else "year"
    return _download(body, fmt, f"sorkhor1-{slug}-{year}-{part}")


@login_required
@require_http_methods(["GET", "POST"])
def month_evidence(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    """Record the month's publication as a dated action on a measure, with the link to the
    month's public document."""
    from prongsai.plans.models import Measure
    from prongsai.progress import services as progress

    access, register = get_month_for_user(request.user, slug, year, month, Need.WRITE)
    event = selectors.latest_closings(access.agency, year).get(month)
    if register is None or event is None:
        messages.error(request, _("ปิดเดือนก่อน จึงจะมีเอกสารฉบับทางการให้แนบเป็นหลักฐาน"))
        return redirect(_month_url(slug, year, month))
    measures = Measure.objects.filter(
        issue__plan__agency=access.agency, issue__plan__fiscal_year=year
    )
    data = documents.month_data(register)
    text = _("เผยแพร่%(title)s (แบบ สขร. ๑) ทางเว็บไซต์ของหน่วยงาน") % {"title": data.title}
    path = reverse(
        "oit_public:document_pdf", kwargs={"slug": slug, "key": f"procurement-{event.pk}"}
    )
    link = lasting_url(path, request)
    form = EvidenceForm(
        request.POST or None,
        measures=measures,
        initial={
            "date": min(_today(), thai.fiscal_year_period(year).end),
            "text": thai.local_digits(text),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            measure = form.cleaned_data["measure"]
            progress.action_add(
                measure,
                user=request.user,
                data={"date": form.cleaned_data["date"], "text": form.cleaned_data["text"]},
                url=link,
                evidence_title=data.title,
            )
            messages.success(request, _("บันทึกเป็นหลักฐานของมาตรการแล้ว"))
            return redirect("progress:measure", slug=slug, year=year, pk=measure.pk)
        except ValidationError as e:
            _add_errors(form, e)
    return render(
        request,
        "procurement/evidence.html",
        {"access": access, "agency": access.agency, "year": year, "month": month,
         "form": form, "link": link, "has_measures": measures.exists(), "data": data},
    )  # fmt: skip
