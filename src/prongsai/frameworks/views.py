"""The ITA framework library: any signed-in user reads it; site staff upload corrections."""

from __future__ import annotations

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.frameworks import selectors, services
from prongsai.frameworks.files import MAX_FILE_BYTES, FrameworkFileError, parse_framework_text
from prongsai.frameworks.forms import FrameworkUploadForm
from prongsai.frameworks.models import Framework
from prongsai.frameworks.selectors import calendar_rows


def _require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied(_("เฉพาะผู้ดูแลระบบ"))


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "frameworks/list.html",
        {"frameworks": selectors.framework_list(), "can_upload": request.user.is_staff},
    )


@login_required
def framework_detail(request: HttpRequest, year: int) -> HttpResponse:
    framework = selectors.framework_for_year(year)
    if framework is None:
        raise Http404(_("ไม่พบเกณฑ์ของปีนี้"))
    return render(
        request,
        "frameworks/detail.html",
        {
            "framework": framework,
            "tools": framework.tools.all(),
            "indicators": selectors.framework_indicators(framework),
            "questions": selectors.framework_questions(framework),
            "oit_items": selectors.framework_oit_items(framework),
            "sources": (framework.data or {}).get("sources") or {},
            "notes": (framework.data or {}).get("notes") or [],
            "calendar": calendar_rows(framework.data or {}),
            "calendar_note": (framework.data or {}).get("calendar_note") or "",
        },
    )


@login_required
def framework_download(request: HttpRequest, year: int, file_year: int) -> HttpResponse:
    framework = selectors.framework_for_year(year)
    if framework is None or file_year != year:
        raise Http404(_("ไม่พบเกณฑ์ของปีนี้"))
    text = yaml.safe_dump(framework.data, allow_unicode=True, sort_keys=False, width=110)
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fy{year}.yaml"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def framework_upload(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form = FrameworkUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_FILE_BYTES:
                raise FrameworkFileError([_("ไฟล์ใหญ่เกินไป (ไม่เกิน 2 MB)")])
            data = parse_framework_text(upload.read())
            report = services.framework_load(
                data, origin=Framework.Origin.UPLOAD, user=request.user
            )
        except FrameworkFileError as e:
            errors = e.errors
        else:
            messages.success(request, report.message)
            return redirect("frameworks:detail", year=report.year)
    return render(request, "frameworks/upload.html", {"form": form, "errors": errors})
