"""The analysis page: scores, trend and charts, weak items per tool with editable drafts,
the constraints analysis. Thin: access in analysis.access, reads in selectors, writes in
services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.analysis import services
from prongsai.analysis.access import analysis_or_404, get_analysis_for_user
from prongsai.analysis.charts import CHART_TITLES, CHARTS
from prongsai.analysis.forms import RulesForm, field_name, texts_from_post
from prongsai.analysis.selectors import AnalysisResult, analysis_years
from prongsai.core.fragments import cached_fragment
from prongsai.core.thai import Digits
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user


@login_required
def analysis_index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    years = analysis_years(access.agency)
    if years:
        return redirect("analysis:year", slug=slug, year=years[-1])
    return render(request, "analysis/empty.html", {"access": access, "agency": access.agency})


@login_required
@require_http_methods(["GET", "POST"])
def analysis_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    if request.method == "GET":
        access = get_agency_for_user(request.user, slug)
        body = cached_fragment(
            request,
            access,
            "analysis",
            (year,),
            BODY,
            lambda: _year_context(access, analysis_or_404(access.agency, year)),
        )
        return _year_page(request, access, year, body)
    access, analysis = get_analysis_for_user(request.user, slug, year, Need.WRITE)
    action = request.POST.get("action")
    rules_form = RulesForm(request.POST)
    if action == "rules":
        if rules_form.is_valid():
            services.analysis_rules_save(
                access.agency, year, rules_form.to_rules(), user=request.user
            )
            messages.success(request, _("บันทึกเงื่อนไขแล้ว รายการที่ควรพัฒนาคำนวณใหม่ตามเงื่อนไข"))
            return redirect("analysis:year", slug=slug, year=year)
        # the same page with the form's errors (not cached: it holds what was typed)
        context = _year_context(access, analysis, rules_form)
        return _year_page(request, access, year, render_to_string(BODY, context, request))
    if action == "texts":
        services.analysis_texts_save(
            access.agency,
            year,
            notes=texts_from_post(request.POST, analysis.weak_items),
            constraints=request.POST.get("constraints"),
            user=request.user,
        )
        messages.success(request, _("บันทึกการวิเคราะห์แล้ว"))
    elif action == "reset":
        kind, _sep, code = request.POST.get("item", "").partition(":")
        services.analysis_note_reset(access.agency, year, kind, code)
        messages.success(request, _("กลับไปใช้ร่างจากคลังความรู้แล้ว"))
    else:
        messages.error(request, _("ไม่รู้จักคำสั่ง"))
    return redirect("analysis:year", slug=slug, year=year)


BODY = "analysis/_year_body.html"


def _year_page(
    request: HttpRequest, access: AgencyAccess, year: int, body: SafeString
) -> HttpResponse:
    return render(
        request,
        "analysis/year.html",
        {"access": access, "agency": access.agency, "year": year, "body": body},
    )


def _year_context(
    access: AgencyAccess, analysis: AnalysisResult, rules_form: RulesForm | None = None
) -> dict[str, Any]:
    tools = [
        {
            "tool": tool,
            "items": [
                {
                    "item": item,
                    "def_name": field_name(item, "deficiency"),
                    "dev_name": field_name(item, "development"),
                }
                for item in tool.weak
            ],
        }
        for tool in analysis.tools
    ]
    return {
        "access": access,
        "agency": access.agency,
        "a": analysis,
        "tools": tools,
        "rules_form": rules_form or RulesForm.for_rules(analysis.rules),
        "years": analysis_years(access.agency),
        "charts": [
            (kind, title)
            for kind, title in CHART_TITLES.items()
            if len(analysis.trend.points) > 1 or kind in ("tools", "indicators")
        ],
    }


@login_required
def analysis_chart(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    if kind not in CHARTS:
        raise Http404(_("ไม่มีแผนภูมินี้"))
    access, analysis = get_analysis_for_user(request.user, slug, year)
    style: Digits = "thai" if access.agency.digit_style == "thai" else "arabic"
    png = CHARTS[kind](analysis, style, 16.0)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=60"
    return response
