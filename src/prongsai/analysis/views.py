"""The analysis page: scores, trend and charts, weak items per tool with editable drafts,
the constraints analysis. Thin: access in analysis.access, reads in selectors, writes in
services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.analysis import services
from prongsai.analysis.access import get_analysis_for_user
from prongsai.analysis.charts import CHART_TITLES, CHARTS
from prongsai.analysis.forms import RulesForm, field_name, texts_from_post
from prongsai.analysis.selectors import analysis_years
from prongsai.core.thai import Digits
from prongsai.orgs.access import Need, get_agency_for_user


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
    need = Need.WRITE if request.method == "POST" else Need.READ
    access, analysis = get_analysis_for_user(request.user, slug, year, need)
    rules_form = RulesForm.for_rules(analysis.rules)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "rules":
            rules_form = RulesForm(request.POST)
            if rules_form.is_valid():
                services.analysis_rules_save(
                    access.agency, year, rules_form.to_rules(), user=request.user
                )
                messages.success(request, _("บันทึกเงื่อนไขแล้ว รายการที่ควรพัฒนาคำนวณใหม่ตามเงื่อนไข"))
                return redirect("analysis:year", slug=slug, year=year)
        elif action == "texts":
            services.analysis_texts_save(
                access.agency,
                year,
                notes=texts_from_post(request.POST, analysis.weak_items),
                constraints=request.POST.get("constraints"),
                user=request.user,
            )
            messages.success(request, _("บันทึกการวิเคราะห์แล้ว"))
            return redirect("analysis:year", slug=slug, year=year)
        elif action == "reset":
            kind, _sep, code = request.POST.get("item", "").partition(":")
            services.analysis_note_reset(access.agency, year, kind, code)
            messages.success(request, _("กลับไปใช้ร่างจากคลังความรู้แล้ว"))
            return redirect("analysis:year", slug=slug, year=year)
        else:
            messages.error(request, _("ไม่รู้จักคำสั่ง"))
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
    return render(
        request,
        "analysis/year.html",
        {
            "access": access,
            "agency": access.agency,
            "a": analysis,
            "tools": tools,
            "rules_form": rules_form,
            "years": analysis_years(access.agency),
            "charts": [
                (kind, title)
                for kind, title in CHART_TITLES.items()
                if len(analysis.trend.points) > 1 or kind in ("tools", "indicators")
            ],
        },
    )


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
