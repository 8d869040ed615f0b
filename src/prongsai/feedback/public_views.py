"""Public pages (no login): the channels hub, the Q&A board and the satisfaction survey. They
write only the submission itself and show only what is published."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from prongsai.core.abuse import public_write
from prongsai.feedback import channels, selectors, services
from prongsai.feedback.access import public_agency, public_service
from prongsai.feedback.forms import AskForm, RateForm


@require_safe
def hub(request: HttpRequest, slug: str) -> HttpResponse:
    agency = public_agency(slug)
    return render(
        request,
        "feedback/public_hub.html",
        {
            "public_agency": agency,
            "channels": channels.agency_channels(agency),
            "national": channels.NATIONAL,
        },
    )


@require_http_methods(["GET", "POST"])
@public_write("qa")
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    agency = public_agency(slug)
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.public_cleaned_data()
        try:
            services.question_ask(agency, subject=data["subject"], text=data["text"])
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(
                request,
                _("ได้รับคำถามแล้ว คำถามจะแสดงในหน้านี้เมื่อเจ้าหน้าที่ตอบแล้ว"),
            )
            return redirect("feedback_public:questions", slug=slug)
    return render(
        request,
        "feedback/public_questions.html",
        {
            "public_agency": agency,
            "form": form,
            "questions": selectors.public_questions(agency)[:100],
            "national": channels.NATIONAL,
        },
    )


@require_safe
def services_page(request: HttpRequest, slug: str) -> HttpResponse:
    agency = public_agency(slug)
    return render(
        request,
        "feedback/public_services.html",
        {
            "public_agency": agency,
            "services": selectors.active_services(agency),
            "national": channels.NATIONAL,
        },
    )


@require_http_methods(["GET", "POST"])
@public_write("survey")
def rate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agency, service = public_service(slug, pk)
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.public_cleaned_data()
        try:
            services.rating_add(service, score=data["score"], comment=data["comment"])
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, _("ขอบคุณที่ประเมินการให้บริการ"))
            return redirect("feedback_public:services", slug=slug)
    return render(
        request,
        "feedback/public_rate.html",
        {"public_agency": agency, "service": service, "form": form, "national": channels.NATIONAL},
    )
