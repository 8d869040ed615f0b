"""Upload a plan or report, review what was read field by field, save it as a draft plan."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.docimport import DocumentImportError
from prongsai.docimport.confidence import reasons as confidence_reasons
from prongsai.imports import services
from prongsai.imports.forms import DraftMeasureFormSet, DraftPlanForm, UploadForm
from prongsai.imports.models import ImportDraft
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user, get_or_404


def get_draft_for_user(user: Any, slug: str, pk: int) -> tuple[AgencyAccess, ImportDraft]:
    access = get_agency_for_user(user, slug, Need.WRITE)
    return access, get_or_404(ImportDraft.objects, "ไม่พบเอกสารที่นำเข้านี้", agency=access.agency, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug, Need.WRITE)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        limit = settings.PRONGSAI_MAX_UPLOAD_BYTES
        if f.size > limit:
            form.add_error(
                "file", _("ไฟล์ใหญ่เกินไป (ไม่เกิน %(mb)s MB)") % {"mb": limit // (1024 * 1024)}
            )
        else:
            try:
                draft = services.draft_create(
                    agency=access.agency,
                    user=request.user,
                    data=f.read(),
                    filename=f.name,
                    max_bytes=limit,
                )
            except DocumentImportError as e:
                form.add_error("file", e.message)
            else:
                return redirect("imports:review", slug=slug, pk=draft.pk)
    drafts = ImportDraft.objects.filter(agency=access.agency)[:20]
    return render(
        request,
        "imports/upload.html",
        {"access": access, "agency": access.agency, "form": form, "drafts": drafts},
    )


def _initial(draft: ImportDraft, fiscal_year: int) -> list[dict[str, Any]]:
    out = []
    for number, m in enumerate(draft.data.get("measures", [])):
        start, end = services.planned_months(m, fiscal_year)
        out.append(
            {
                "include": True,
                "source": number,
                "issue": m.get("issue") or "",
                "title": services.measure_title(m, number + 1),
                "question_codes": ", ".join(m.get("question_codes") or []),
                "finding": m.get("finding") or "",
                "steps": "\n".join(m.get("steps") or []),
                "start_month": start,
                "end_month": end,
                "responsible": m.get("responsible") or "",
            }
        )
    return out


_PARTS = (
    ("structure", gettext_lazy("โครงสร้างตาราง")),
    ("agency", gettext_lazy("หน่วยงาน")),
    ("year", gettext_lazy("ปีงบประมาณ")),
    ("measures", gettext_lazy("มาตรการ")),
)
_LEVELS = {
    "high": gettext_lazy("มั่นใจ"),
    "medium": gettext_lazy("ไม่ค่อยแน่ใจ"),
    "low": gettext_lazy("ไม่แน่ใจ ต้องตรวจทาน"),
}


def _confidence_rows(confidence: dict[str, Any]) -> list[tuple[Any, Any]]:
    return [
        (label, _LEVELS.get(str((confidence.get(part) or {}).get("level")), "—"))
        for part, label in _PARTS
        if confidence.get(part)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, draft = get_draft_for_user(request.user, slug, pk)
    confidence = draft.data.get("confidence") or {}
    doubtful = bool(confidence.get("doubtful"))
    year_form = DraftPlanForm(
        request.POST or None, initial={"fiscal_year": draft.fiscal_year}, doubtful=doubtful
    )
    year = draft.fiscal_year or 2567
    if request.method == "POST" and year_form.is_valid():
        year = year_form.cleaned_data["fiscal_year"]
    formset = DraftMeasureFormSet(
        request.POST or None,
        initial=_initial(draft, year),
        form_kwargs={"fiscal_year": year},
        prefix="m",
    )
    if draft.kind == "results":
        return _review_results(request, access, draft, year_form, confidence, doubtful)
    if request.method == "POST" and year_form.is_valid() and formset.is_valid():
        chosen = [
            {**f.cleaned_data, "steps": f.cleaned_data["steps"].splitlines()}
            for f in formset.forms
            if f.cleaned_data.get("include")
        ]
        try:
            plan = services.draft_save_as_plan(
                draft, user=request.user, fiscal_year=year, measures=chosen
            )
        except ValidationError as e:
            for message in e.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("บันทึกเป็นร่างมาตรการแล้ว ตรวจทานและแก้ไขต่อได้"))
            return redirect("plans:detail", slug=slug, year=plan.fiscal_year)
    return render(
        request,
        "imports/review.html",
        {
            "access": access,
            "agency": access.agency,
            "draft": draft,
            "doc": draft.data,
            "year_form": year_form,
            "formset": formset,
            "keeps_progress": draft.kind in services.REPORT_KINDS,
            "confidence": confidence,
            "doubts": confidence_reasons(confidence),
            "confidence_rows": _confidence_rows(confidence),
            "doubtful": doubtful,
        },
    )


def _review_results(
    request: HttpRequest,
    access: Any,
    draft: ImportDraft,
    year_form: DraftPlanForm,
    confidence: dict[str, Any],
    doubtful: bool,
) -> HttpResponse:
    """An announcement of ITA results: saved as the agency's result for the year."""
    if request.method == "POST" and year_form.is_valid():
        year = year_form.cleaned_data["fiscal_year"]
        try:
            services.draft_save_as_results(draft, user=request.user, fiscal_year=year)
        except ValidationError as e:
            for message in e.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("บันทึกผลการประเมินของปีนี้แล้ว"))
            return redirect("results:detail", slug=access.agency.slug, year=year)
    announced = draft.data.get("results") or {}
    indicators = sorted((int(n), v) for n, v in (announced.get("indicators") or {}).items())
    return render(
        request,
        "imports/review_results.html",
        {
            "access": access,
            "agency": access.agency,
            "draft": draft,
            "doc": draft.data,
            "announced": announced,
            "indicators": indicators,
            "tools": sorted((announced.get("tools") or {}).items()),
            "year_form": year_form,
            "confidence": confidence,
            "doubts": confidence_reasons(confidence),
            "confidence_rows": _confidence_rows(confidence),
            "doubtful": doubtful,
        },
    )


@login_required
@require_POST
def discard(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, draft = get_draft_for_user(request.user, slug, pk)
    services.draft_discard(draft)
    messages.success(request, _("ยกเลิกเอกสารที่นำเข้าแล้ว"))
    return redirect("imports:upload", slug=slug)
