"""Survey and Q&A figures as dated evidence of a measure, in one action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.core import thai
from prongsai.feedback import selectors
from prongsai.feedback.forms import EvidenceForm
from prongsai.oit.documents import lasting_url
from prongsai.orgs.access import Need, get_agency_for_user
from prongsai.orgs.models import Agency
from prongsai.plans.models import Measure
from prongsai.progress.services import action_add

# The survey questions each source serves (EIT e8 comment channel, e9 answers, e11/e14 services).
SERVES = {"survey": ("e8", "e11", "e14"), "qa": ("e8", "e9")}


def _measures(agency: Agency) -> Any:
    return (
        Measure.objects.filter(issue__plan__agency=agency)
        .select_related("issue__plan")
        .order_by("-issue__plan__fiscal_year", "issue__order", "order", "pk")
    )


def _suggested(agency: Agency) -> list[Measure]:
    codes = {c for cs in SERVES.values() for c in cs}
    return [
        m
        for m in _measures(agency)[:300]
        if {str(c).lower() for c in (m.question_codes or [])} & codes
    ]


def figures_text(agency: Agency, source: str, period: thai.Period) -> str:
    span = f"{thai.local_date(period.start)} ถึง {thai.local_date(period.end)}"
    if source == "qa":
        f = selectors.qa_figures(agency, period)
        text = (
            f"สรุปกระดานถาม-ตอบ ช่วง {span}: ได้รับคำถาม {f.asked} เรื่อง "
            f"ตอบและเผยแพร่แล้ว {f.answered} เรื่อง รอตอบ {f.waiting} เรื่อง"
        )
        if f.median_days is not None:
            text += f" ระยะเวลาตอบ (มัธยฐาน) {f.median_days:.1f} วัน"
        return thai.local_digits_in_text(text)
    table = selectors.survey_table(agency, thai.fiscal_year(period.start), period)
    parts = [
        f"{s.name} {total.count} ราย เฉลี่ย {total.mean:.2f} (ร้อยละ {total.percent:.1f})"
        for s, _cells, total in table.rows
        if total.count and total.mean is not None and total.percent is not None
    ]
    overall = table.overall
    head = f"สรุปผลการประเมินความพึงพอใจการให้บริการ ช่วง {span}: ผู้ประเมิน {overall.count} ราย"
    if overall.count and overall.mean is not None and overall.percent is not None:
        head += f" คะแนนเฉลี่ย {overall.mean:.2f} จาก 5 (ร้อยละ {overall.percent:.1f})"
    return thai.local_digits_in_text("; ".join([head, *parts]))


@login_required
@require_http_methods(["GET", "POST"])
def evidence(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug, Need.WRITE)
    agency = access.agency
    today = timezone.localdate()
    fy = thai.fiscal_year_period(thai.fiscal_year(today))
    form = EvidenceForm(
        request.POST or None,
        measures=_measures(agency),
        initial={"start": thai.input_date(fy.start), "end": thai.input_date(today)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = thai.Period(data["start"], data["end"])
        text = figures_text(agency, data["source"], period)
        page = (
            "feedback_public:services"
            if data["source"] == "survey"
            else "feedback_public:questions"
        )
        url = lasting_url(reverse(page, kwargs={"slug": agency.slug}), request)
        measure = data["measure"]
        try:
            action_add(
                measure,
                user=request.user,
                data={"date": min(period.end, today), "text": text},
                url=url,
                evidence_title=_("หน้าสาธารณะ ถาม-ตอบ")
                if data["source"] == "qa"
                else _("หน้าสาธารณะ ประเมินความพึงพอใจ"),
            )
        except ValidationError as e:
            for message in e.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("เพิ่มผลการดำเนินงานพร้อมหลักฐานแล้ว"))
            return redirect(
                "progress:measure", slug=slug, year=measure.issue.plan.fiscal_year, pk=measure.pk
            )
    return render(
        request,
        "feedback/evidence.html",
        {
            "access": access,
            "agency": agency,
            "form": form,
            "suggested": _suggested(agency),
        },
    )
