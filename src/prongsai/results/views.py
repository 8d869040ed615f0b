"""Results pages: side by side, one year, the form, import and the template. Thin: access
through results.access, reads in selectors, writes in services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import versions
from prongsai.frameworks.selectors import framework_years
from prongsai.orgs.access import Need, agency_access, get_agency_for_user
from prongsai.results import selectors, services
from prongsai.results.access import get_result_for_user, get_result_year_for_user
from prongsai.results.forms import ImportForm, ResultForm
from prongsai.results.importing import ImportFailed
from prongsai.results.models import Result
from prongsai.results.sheets import template_csv, template_xlsx


@login_required
def result_index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    years = framework_years()
    chosen = request.GET.get("year", "")
    if chosen.isascii() and chosen.isdigit() and int(chosen) in years:
        return redirect("results:edit", slug=slug, year=int(chosen))
    return render(
        request,
        "results/index.html",
        {
            "access": access,
            "agency": access.agency,
            "comparison": selectors.results_side_by_side(access.agency),
            "framework_years": years,
            "default_year": years[-1] if years else None,
        },
    )


@login_required
def result_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    result = get_result_for_user(request.user, slug, year)
    access = agency_access(request.user, result.agency)
    return render(
        request,
        "results/detail.html",
        {"access": access, "agency": result.agency, "view": selectors.result_view(result)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, framework, result = get_result_year_for_user(request.user, slug, year, Need.WRITE)
    form = ResultForm(request.POST or None, framework=framework, result=result)
    guard = versions.Guard(
        request,
        current=lambda: (
            ResultForm(
                framework=framework, result=selectors.result_for(access.agency, year)
            ).initial
        ),
        lock=Result.objects.filter(agency=access.agency, year=year),
        who=lambda: _last_saved(access.agency, year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with services.waiting_briefly():  # the guard's row lock waits briefly too
                saved = guard.saved(
                    form,
                    lambda: services.result_save(access.agency, form.to_input(), user=request.user),
                )
            if saved:
                messages.success(request, _("บันทึกผลการประเมินแล้ว"))
                return redirect("results:detail", slug=slug, year=year)
        except ValidationError as e:
            for message in e.messages:
                form.add_error(None, message)
    return render(
        request,
        "results/edit.html",
        {
            "access": access,
            "agency": access.agency,
            "form": form,
            "framework": framework,
            "result": result,
            "version": guard,
        },
        status=409 if guard.conflict else 200,
    )


def _last_saved(agency: Any, year: int) -> versions.Who:
    saved = Result.objects.filter(agency=agency, year=year).select_related("updated_by").first()
    return (saved.updated_by, saved.updated_at) if saved is not None else (None, None)


@login_required
@require_POST
def result_delete(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    result = get_result_for_user(request.user, slug, year, Need.WRITE)
    services.result_delete(result)
    messages.success(request, _("ลบผลการประเมินแล้ว"))
    return redirect("results:index", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def result_import(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug, Need.WRITE)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.results_import(
                access.agency, upload.read(), upload.name or "", user=request.user
            )
        except ImportFailed as e:
            errors = e.errors
        else:
            messages.success(request, report.message)
            return redirect("results:index", slug=slug)
    years = framework_years()
    return render(
        request,
        "results/import.html",
        {
            "access": access,
            "agency": access.agency,
            "form": form,
            "errors": errors,
            "framework_years": years,
            "default_year": years[-1] if years else None,
        },
    )


@login_required
def result_template(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("รองรับเฉพาะ .csv และ .xlsx"))
    access, framework, _result = get_result_year_for_user(request.user, slug, year)
    result = selectors.result_for(access.agency, year)
    if fmt == "csv":
        body, ctype = template_csv(framework, result), "text/csv; charset=utf-8"
    else:
        body = template_xlsx(framework, result)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = (
        f'attachment; filename="ita-{access.agency.slug}-{year}.{fmt}"'
    )
    return response
