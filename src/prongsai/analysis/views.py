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
from prongsai.core import versions
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
        guard = _rules_guard(request, access, year)
        if rules_form.is_valid():
            try:
                with guard.unchanged(rules_form.cleaned_data, labels=versions.labels(rules_form)):
                    services.analysis_rules_save(
                        access.agency, year, rules_form.to_rules(), user=request.user
                    )
            except versions.Conflict:
                pass
            else:
                messages.success(request, _("บันทึกเงื่อนไขแล้ว รายการที่ควรพัฒนาคำนวณใหม่ตามเงื่อนไข"))
                return redirect("analysis:year", slug=slug, year=year)
        # the same page with the form's errors (not cached: it holds what was typed)
        context = _year_context(access, analysis, rules_form, rules_version=guard)
        body = render_to_string(BODY, context, request)
        return _year_page(request, access, year, body, status=409 if guard.conflict else 200)
    if action == "texts":
        guard = _texts_guard(request, access, year)
        typed = texts_from_post(request.POST, analysis.weak_items)
        yours = {
            field_name(item, part): typed[(item.kind, item.code)][i]
            for item in analysis.weak_items
            if (item.kind, item.code) in typed
            for i, part in enumerate(("deficiency", "development"))
        }
        if request.POST.get("constraints") is not None:
            yours["constraints"] = request.POST["constraints"]
        try:
            with guard.unchanged(yours, labels=_text_labels(analysis)):
                services.analysis_texts_save(
                    access.agency,
                    year,
                    notes=typed,
                    constraints=request.POST.get("constraints"),
                    user=request.user,
                )
        except versions.Conflict:
            context = _year_context(access, analysis, texts_version=guard, typed=yours)
            body = render_to_string(BODY, context, request)
            return _year_page(request, access, year, body, status=409)
        messages.success(request, _("บันทึกการวิเคราะห์แล้ว"))
    elif action == "reset":
        kind, _sep, code = request.POST.get("item", "").partition(":")
        services.analysis_note_reset(access.agency, year, kind, code)
        messages.success(request, _("กลับไปใช้ร่างจากคลังความรู้แล้ว"))
    else:
        messages.error(request, _("ไม่รู้จักคำสั่ง"))
    return redirect("analysis:year", slug=slug, year=year)


def _text_values(analysis: AnalysisResult) -> dict[str, Any]:
    """What the texts form shows: each weak item's two texts and the constraints."""
    values: dict[str, Any] = {"constraints": analysis.constraints}
    for item in analysis.weak_items:
        values[field_name(item, "deficiency")] = item.deficiency
        values[field_name(item, "development")] = item.development
    return values


def _text_labels(analysis: AnalysisResult) -> dict[str, str]:
    labels = {"constraints": _("วิเคราะห์ข้อจำกัดของหน่วยงาน")}
    for item in analysis.weak_items:
        labels[field_name(item, "deficiency")] = f"{item.label}: {_('ข้อบกพร่อง')}"
        labels[field_name(item, "development")] = f"{item.label}: {_('ประเด็นที่ควรพัฒนาหรือแก้ไข')}"
    return labels


def _who(agency: Any, year: int) -> versions.Who:
    from prongsai.analysis.models import Analysis

    saved = Analysis.objects.filter(agency=agency, year=year).select_related("updated_by").first()
    return (saved.updated_by, saved.updated_at) if saved is not None else (None, None)


def _lock(agency: Any, year: int) -> Any:
    from prongsai.analysis.models import Analysis

    return Analysis.objects.filter(agency=agency, year=year)


def _texts_guard(request: HttpRequest, access: AgencyAccess, year: int) -> versions.Guard:
    return versions.Guard(
        request,
        current=lambda: _text_values(analysis_or_404(access.agency, year)),
        lock=_lock(access.agency, year),
        who=lambda: _who(access.agency, year),
    )


def _rules_guard(request: HttpRequest, access: AgencyAccess, year: int) -> versions.Guard:
    return versions.Guard(
        request,
        current=lambda: RulesForm.for_rules(analysis_or_404(access.agency, year).rules).initial,
        lock=_lock(access.agency, year),
        who=lambda: _who(access.agency, year),
    )


BODY = "analysis/_year_body.html"


def _year_page(
    request: HttpRequest, access: AgencyAccess, year: int, body: SafeString, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "analysis/year.html",
        {"access": access, "agency": access.agency, "year": year, "body": body},
        status=status,
    )


def _year_context(
    access: AgencyAccess,
    analysis: AnalysisResult,
    rules_form: RulesForm | None = None,
    *,
    rules_version: versions.Guard | None = None,
    texts_version: versions.Guard | None = None,
    typed: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The page's body. The version tokens are rendered inside the cached part: they describe
    the analysis as its data stamp does. `typed`: the officer's texts to show again."""
    typed = typed or {}
    current = _text_values(analysis)
    tools = [
        {
            "tool": tool,
            "items": [
                {
                    "item": item,
                    "def_name": field_name(item, "deficiency"),
                    "dev_name": field_name(item, "development"),
                    "deficiency": typed.get(field_name(item, "deficiency"), item.deficiency),
                    "development": typed.get(field_name(item, "development"), item.development),
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
        "rules_version": rules_version
        or versions.shown(RulesForm.for_rules(analysis.rules).initial),
        "texts_version": texts_version or versions.shown(current),
        "constraints": typed.get("constraints", analysis.constraints),
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
