"""The OIT register pages: the years, one year's register with readiness and the predicted
score, a row with its evidence, link checks, copying last year's register forward."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import versions
from prongsai.core.files import attachment
from prongsai.core.fragments import cached_fragment
from prongsai.core.thai import fiscal_year
from prongsai.frameworks.models import Framework
from prongsai.frameworks.selectors import calendar_rows
from prongsai.oit import selectors, services
from prongsai.oit.access import (
    get_entry_for_user,
    get_file_for_user,
    get_link_for_user,
    get_register_for_user,
)
from prongsai.oit.forms import EntryForm, FileForm, LinkForm, RegisterCreateForm
from prongsai.oit.models import Entry, Register
from prongsai.orgs.access import Need, get_agency_for_user


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _copied(year: int, report: services.CopyReport) -> str:
    return _(
        "คัดลอกทะเบียนปี %(old)s มาแล้ว: ตรงกัน %(matched)s รายการ ไม่พบรายการเดียวกัน %(unmatched)s รายการ"
    ) % {"old": year - 1, "matched": report.matched, "unmatched": report.unmatched}


def base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@login_required
def oit_index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    registers = list(Register.objects.filter(agency=access.agency).order_by("-fiscal_year"))
    rows = [(r, selectors.register_view(r, with_costs=False)) for r in registers]
    years = [y for y in Framework.objects.values_list("year", flat=True).order_by("-year")]
    have = {r.fiscal_year for r in registers}
    return render(
        request,
        "oit/index.html",
        {
            "access": access,
            "agency": access.agency,
            "rows": rows,
            "years": [y for y in years if y not in have],
            "default_year": fiscal_year(timezone.localdate()),
        },
    )


@login_required
@require_POST
def register_create(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug, Need.WRITE)
    form = RegisterCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ปีงบประมาณไม่ถูกต้อง"))
        return redirect("oit:index", slug=slug)
    year = form.cleaned_data["year"]
    try:
        if request.POST.get("copy") == "1":
            report = services.register_copy_forward(access.agency, year, user=request.user)
            messages.success(request, _copied(year, report))
        else:
            services.register_create(access.agency, year, user=request.user)
            messages.success(request, _("สร้างทะเบียน OIT แล้ว"))
    except ValidationError as e:
        _errors(request, e)
        return redirect("oit:index", slug=slug)
    return redirect("oit:register", slug=slug, year=year)


@login_required
def register_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, register = get_register_for_user(request.user, slug, year)
    base = base_url(request)

    def context() -> dict[str, Any]:
        view = selectors.register_view(register, base_url=base)
        return {
            "access": access,
            "agency": access.agency,
            "register": register,
            "view": view,
            "calendar": calendar_rows(view.framework.data or {}),
            "can_copy": Register.objects.filter(
                agency=access.agency, fiscal_year=year - 1
            ).exists(),
        }

    # The register, its readiness and prediction are computed from the agency's records, its
    # official copies and the framework: all renew the agency's stamp, so the body is cached under
    # it (link check results renew it too, oit.services.link_record_check).
    body = cached_fragment(
        request, access, "oit-register", (register.pk, base), "oit/_register_body.html", context
    )
    return render(
        request,
        "oit/register.html",
        {"access": access, "agency": access.agency, "register": register, "body": body},
    )


@login_required
@require_POST
def register_copy(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, _register = get_register_for_user(request.user, slug, year, Need.WRITE)
    try:
        report = services.register_copy_forward(access.agency, year, user=request.user)
    except ValidationError as e:
        _errors(request, e)
    else:
        messages.success(request, _copied(year, report))
    return redirect("oit:register", slug=slug, year=year)


@login_required
@require_POST
def links_check(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from prongsai.oit.tasks import check_register_links

    _access, register = get_register_for_user(request.user, slug, year, Need.WRITE)
    check_register_links.enqueue(register.pk)
    messages.success(request, _("ส่งตรวจลิงก์แล้ว ผลจะแสดงเมื่อการตรวจเสร็จ"))
    return redirect("oit:register", slug=slug, year=year)


def _entry_context(request: HttpRequest, access: Any, entry: Any, **forms: Any) -> dict[str, Any]:
    view = selectors.register_view(entry.register, base_url=base_url(request))
    row = next(r for r in view.rows if r.item.code == entry.code)
    return {
        "access": access,
        "agency": access.agency,
        "register": entry.register,
        "entry": entry,
        "row": row,
        "view": view,
        "form": forms.get("form")
        or EntryForm(
            agency=access.agency,
            initial={
                "status": entry.status,
                "unit": entry.unit_id,
                "person": entry.person_id,
                "due_date": entry.due_date,
                "notes": entry.notes,
            },
        ),
        "link_form": forms.get("link_form") or LinkForm(initial={"covers_year": row.expected_year}),
        "file_form": forms.get("file_form") or FileForm(initial={"covers_year": row.expected_year}),
        "version": forms.get("version") or _entry_guard(request, entry),
    }


ENTRY_FIELDS = ["status", "unit", "person", "due_date", "notes"]


def _entry_guard(request: HttpRequest, entry: Any) -> versions.Guard:
    """The version check of an item's form: two officers editing one item are never both told
    "saved" (the second gets the form back with their text and what changed)."""
    record = Entry.objects.filter(pk=entry.pk)
    return versions.Guard(
        request,
        current=lambda: versions.model_values(record.first(), ENTRY_FIELDS),
        lock=record,
        who=lambda: versions.audit_last_change(record.first()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access, entry = get_entry_for_user(request.user, slug, year, code, need)
    if request.method == "POST":
        form = EntryForm(request.POST, agency=access.agency)
        guard = _entry_guard(request, entry)
        if form.is_valid():
            try:
                if guard.saved(
                    form,
                    lambda: services.entry_save(entry, data=form.cleaned_data, user=request.user),
                ):
                    messages.success(request, _("บันทึกแล้ว"))
                    return redirect("oit:entry", slug=slug, year=year, code=entry.code)
            except ValidationError as e:
                _errors(request, e)
        context = _entry_context(request, access, entry, form=form, version=guard)
        return render(request, "oit/entry.html", context, status=409 if guard.conflict else 400)
    return render(request, "oit/entry.html", _entry_context(request, access, entry))


@login_required
@require_POST
def link_add(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    access, entry = get_entry_for_user(request.user, slug, year, code, Need.WRITE)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            services.link_add(entry, **form.cleaned_data)
        except ValidationError as e:
            _errors(request, e)
        else:
            messages.success(request, _("เพิ่มลิงก์แล้ว"))
            return redirect("oit:entry", slug=slug, year=year, code=entry.code)
    return render(
        request,
        "oit/entry.html",
        _entry_context(request, access, entry, link_form=form),
        status=400,
    )


@login_required
@require_POST
def link_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, link = get_link_for_user(request.user, slug, year, pk, Need.WRITE)
    code = link.entry.code
    services.link_delete(link)
    messages.success(request, _("ลบลิงก์แล้ว"))
    return redirect("oit:entry", slug=slug, year=year, code=code)


@login_required
@require_POST
def file_add(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    access, entry = get_entry_for_user(request.user, slug, year, code, Need.WRITE)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.file_add(
                entry,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                covers_year=form.cleaned_data["covers_year"],
            )
        except ValidationError as e:
            form.add_error("file", e)
        else:
            messages.success(request, _("เพิ่มไฟล์แล้ว"))
            return redirect("oit:entry", slug=slug, year=year, code=entry.code)
    return render(
        request,
        "oit/entry.html",
        _entry_context(request, access, entry, file_form=form),
        status=400,
    )


@login_required
@require_POST
def file_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    _access, file = get_file_for_user(request.user, slug, year, pk, Need.WRITE)
    code = file.entry.code
    services.file_delete(file)
    messages.success(request, _("ลบไฟล์แล้ว"))
    return redirect("oit:entry", slug=slug, year=year, code=code)


@login_required
def file_download(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponseBase:
    _access, file = get_file_for_user(request.user, slug, year, pk)
    return attachment(file.file_path, filename=file.file_name, content_type=file.content_type)


@login_required
def export_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from prongsai.oit.export import register_workbook

    _access, register = get_register_for_user(request.user, slug, year)
    view = selectors.register_view(register, with_costs=False, base_url=base_url(request))
    response = HttpResponse(
        register_workbook(view),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="oit-{slug}-{year}.xlsx"'
    return response


@login_required
def print_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from prongsai.oit.export import answers

    access, register = get_register_for_user(request.user, slug, year)
    view = selectors.register_view(register, with_costs=False, base_url=base_url(request))
    return render(
        request,
        "oit/print.html",
        {"access": access, "agency": access.agency, "register": register, "answers": answers(view)},
    )
