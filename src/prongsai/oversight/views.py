"""Oversight pages. Thin: every view resolves its area through `scope.get_scope_for_user` (403
for agency members, 404 outside the overseer's area), reads through pages/selectors/aggregates,
and writes only in bulk import (site staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.queued import job_status
from prongsai.jobs.services import job_retry
from prongsai.oversight import sheets
from prongsai.oversight.aggregates import CACHE_SECONDS
from prongsai.oversight.bulk import BulkImportFailed, bulk_import_queue
from prongsai.oversight.figures import area_version, page_seconds, page_still_fresh
from prongsai.oversight.forms import BulkImportForm
from prongsai.oversight.models import BulkImport
from prongsai.oversight.pages import breadcrumbs, build_view, page_key
from prongsai.oversight.scope import (
    COUNTRY,
    DISTRICT,
    PROVINCE,
    Scope,
    get_scope_for_user,
    home_kind,
    staff_required,
    user_scopes,
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The overseer's own area (or a choice when they oversee several)."""
    scopes = user_scopes(request.user)
    if len(scopes) == 1:
        return redirect(scopes[0].url)
    return render(request, "oversight/choose.html", {"scopes": scopes})


def _area(request: HttpRequest, scope: Scope) -> HttpResponse:
    """The area's page, kept whole in the cache (pages.page_key) for as long as its figures are
    current (figures.page_seconds): a warm view reads the access check and the figures' version,
    no filters, figures or table."""
    user_kind = home_kind(request.user)
    version = area_version(scope)  # read once: the key and how long the page is kept
    key = page_key(scope, version, request.GET, user_kind)
    page = cache.get(key)
    if not (isinstance(page, tuple) and len(page) == 4 and page_still_fresh(*page[2:])):
        view = build_view(scope, request.GET)
        content = render_to_string(
            "oversight/_area.html",
            {
                "view": view,
                "scope": scope,
                "crumbs": breadcrumbs(scope, user_kind),
                "query": view.filters.query(),
                "query_string": request.GET.urlencode(),
            },
        )
        seconds, stale_since, pending_until = page_seconds(version, view.agg)
        page = (view.area_label, str(content), stale_since, pending_until)
        if seconds:
            cache.set(key, page, seconds)
    title, content = page[0], page[1]
    # our own template's output, escaped when it was rendered
    body = mark_safe(content)  # noqa: S308
    return render(request, "oversight/area.html", {"title": title, "content": body, "scope": scope})


@login_required
def country(request: HttpRequest) -> HttpResponse:
    return _area(request, get_scope_for_user(request.user, COUNTRY))


@login_required
def province(request: HttpRequest, code: str) -> HttpResponse:
    return _area(request, get_scope_for_user(request.user, PROVINCE, code))


@login_required
def district(request: HttpRequest, code: str) -> HttpResponse:
    return _area(request, get_scope_for_user(request.user, DISTRICT, code))


def _export(request: HttpRequest, scope: Scope, fmt: str) -> HttpResponse:
    """The table of the page with the same filters, as .xlsx or .csv: built once per version of
    the figures (their cache key names the area's data version), filters and language, and kept
    in the cache every process shares."""
    view = build_view(scope, request.GET, with_page=False)
    key = f"oversight:export:{view.agg.key}:{view.filters.query()}:{fmt}:{get_language()}"
    if fmt == "csv":
        ctype = "text/csv; charset=utf-8"
    else:
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    body = cache.get(key)
    if body is None:
        body = sheets.export_csv(view) if fmt == "csv" else sheets.export_xlsx(view)
        cache.set(key, body, CACHE_SECONDS)
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{sheets.filename(view, fmt)}"'
    return response


@login_required
def country_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export(request, get_scope_for_user(request.user, COUNTRY), fmt)


@login_required
def province_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    return _export(request, get_scope_for_user(request.user, PROVINCE, code), fmt)


@login_required
def district_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    return _export(request, get_scope_for_user(request.user, DISTRICT, code), fmt)


@login_required
@require_http_methods(["GET", "POST"])
def bulk(request: HttpRequest) -> HttpResponse:
    staff_required(request.user)
    form = BulkImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = bulk_import_queue(upload.read(), upload.name or "", user=request.user)
        except BulkImportFailed as e:
            errors = e.errors
        else:
            return redirect("oversight:bulk_job", pk=job.pk)
    return render(
        request,
        "oversight/bulk.html",
        {
            "form": form,
            "errors": errors,
            "columns": sheets.BULK_COLUMNS,
            "recent": BulkImport.objects.all()[:10],
        },
    )


@login_required
def bulk_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A bulk import's progress: the page, or its status as JSON for the page's script."""
    staff_required(request.user)
    job = get_object_or_404(BulkImport.objects, pk=pk)
    if request.headers.get("Accept") == "application/json":
        return job_status(job)
    return render(request, "oversight/bulk_job.html", {"job": job})


@login_required
@require_POST
def bulk_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """The retry button of a stalled import (its worker died, or none runs)."""
    staff_required(request.user)
    job = get_object_or_404(BulkImport.objects, pk=pk)
    if job_retry(job):
        messages.success(request, gettext("ส่งงานกลับเข้าคิวแล้ว จะบันทึกต่อจากแถวที่บันทึกไว้"))
    else:
        messages.info(request, gettext("งานนี้ไม่ได้ค้างแล้ว ไม่ต้องลองใหม่"))
    return redirect("oversight:bulk_job", pk=pk)


@login_required
def bulk_template(request: HttpRequest, fmt: str) -> HttpResponse:
    staff_required(request.user)
    if fmt == "csv":
        body, ctype = sheets.bulk_template_csv(), "text/csv; charset=utf-8"
    else:
        body = sheets.bulk_template_xlsx()
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="ita-bulk-template.{fmt}"'
    return response
