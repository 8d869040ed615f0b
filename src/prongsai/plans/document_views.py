"""The plan's documents: download as PDF or DOCX, and a page-by-page preview."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.core.thai import Digits
from prongsai.documents import CONTENT_TYPES
from prongsai.documents import render as render_document
from prongsai.documents.preview import page_count, render_page_png
from prongsai.plans.access import get_plan_for_user
from prongsai.plans.documents import Layout, plan_document
from prongsai.plans.models import Plan


def _options(request: HttpRequest, plan: Plan) -> tuple[Layout, Digits]:
    layout = request.GET.get("layout", "A").upper()
    digits = request.GET.get("digits", plan.agency.digit_style)
    if layout not in ("A", "B") or digits not in ("thai", "arabic"):
        raise Http404("ไม่มีรูปแบบเอกสารนี้")
    return cast(Layout, layout), cast(Digits, digits)


def _cover(request: HttpRequest) -> bool:
    """The cover page option (off unless asked for: ?cover=1)."""
    return request.GET.get("cover") == "1"


def plan_filename(plan: Plan, fmt: str, *, layout: str = "A", digits: str = "thai") -> str:
    """Named for its layout and digits, so both layouts can be downloaded side by side:
    plan-A-demo-2567.pdf, plan-B-demo-2567-arabic.docx."""
    style = "" if digits == plan.agency.digit_style else f"-{digits}"
    return f"plan-{layout}-{plan.agency.slug}-{plan.fiscal_year}{style}.{fmt}"


@login_required
def plan_download(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    _access, plan = get_plan_for_user(request.user, slug, year)
    if fmt not in CONTENT_TYPES:
        raise Http404("ไม่มีรูปแบบไฟล์นี้")
    layout, digits = _options(request, plan)
    document = plan_document(plan, layout=layout, digits=digits, cover=_cover(request))
    data = render_document(document, fmt)  # type: ignore[arg-type]
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{plan_filename(plan, fmt, layout=layout, digits=digits)}"'
    )
    return response


@login_required
def plan_preview(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, plan = get_plan_for_user(request.user, slug, year)
    layout, digits = _options(request, plan)
    cover = _cover(request)
    document = plan_document(plan, layout=layout, digits=digits, cover=cover)
    return render(
        request,
        "plans/preview.html",
        {
            "access": access,
            "agency": access.agency,
            "plan": plan,
            "layout": layout,
            "digits": digits,
            "cover": cover,
            "pages": range(1, page_count(document) + 1),
        },
    )


@login_required
def plan_preview_page(request: HttpRequest, slug: str, year: int, page: int) -> HttpResponse:
    _access, plan = get_plan_for_user(request.user, slug, year)
    layout, digits = _options(request, plan)
    document = plan_document(plan, layout=layout, digits=digits, cover=_cover(request))
    png = render_page_png(document, page)
    if png is None:
        raise Http404("ไม่มีหน้านี้")
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=60"
    return response
