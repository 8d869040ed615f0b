"""Officers' pages: the Q&A queue and answers, the services and survey results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from prongsai.core import thai, versions
from prongsai.core.thai import Digits
from prongsai.documents import charts
from prongsai.feedback import selectors, services
from prongsai.feedback.access import get_question_for_user, get_service_for_user
from prongsai.feedback.forms import AnswerForm, ServiceForm
from prongsai.feedback.models import QuestionStatus, Service
from prongsai.orgs.access import Need, get_agency_for_user


def _form_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errs in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errs)
    else:
        form.add_error(None, error.messages)


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if not raw:
        return thai.fiscal_year(thai_today())
    if not raw.isdecimal() or not thai.is_fiscal_year(int(raw)):
        raise Http404("ไม่มีปีงบประมาณนี้")
    return int(raw)


def thai_today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


@login_required
@require_safe
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    year = thai.fiscal_year(thai_today())
    return render(
        request,
        "feedback/index.html",
        {
            "access": access,
            "agency": access.agency,
            "counts": selectors.status_counts(access.agency),
            "table": selectors.survey_table(access.agency, year),
            "year": year,
        },
    )


@login_required
@require_safe
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    status = request.GET.get("status", "")
    status = status if status in QuestionStatus.values else ""
    return render(
        request,
        "feedback/questions.html",
        {
            "access": access,
            "agency": access.agency,
            "questions": selectors.question_queue(access.agency, status)[:200],
            "counts": selectors.status_counts(access.agency),
            "status": status,
            "statuses": QuestionStatus.choices,
        },
    )


def _question_guard(request: HttpRequest, pk: int) -> versions.Guard:
    from prongsai.feedback.models import Question

    record = Question.objects.filter(pk=pk)
    return versions.Guard(
        request,
        current=lambda: versions.model_values(record.first(), ["answer"]),
        lock=record,
        who=lambda: versions.audit_last_change(record.first()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access, q = get_question_for_user(request.user, slug, pk, need)
    form = AnswerForm(request.POST or None, initial={"answer": q.answer})
    guard = _question_guard(request, q.pk)
    if request.method == "POST" and form.is_valid():
        try:
            with guard.unchanged(form.cleaned_data, labels=versions.labels(form)):
                services.question_answer(q, user=request.user, answer=form.cleaned_data["answer"])
        except versions.Conflict:
            pass
        except ValidationError as e:
            _form_errors(form, e)
        else:
            messages.success(request, _("บันทึกคำตอบและเผยแพร่แล้ว"))
            return redirect("feedback:questions", slug=slug)
    return render(
        request,
        "feedback/question.html",
        {"access": access, "agency": access.agency, "q": q, "form": form, "version": guard},
        status=409 if guard.conflict else 200,
    )


@login_required
@require_POST
def question_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, q = get_question_for_user(request.user, slug, pk, Need.WRITE)
    status = request.POST.get("status", "")
    try:
        services.question_set_status(q, status)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("ไม่เผยแพร่คำถามนี้แล้ว")
            if status == QuestionStatus.REJECTED
            else _("ย้ายคำถามกลับไปรอตอบแล้ว"),
        )
    return redirect("feedback:questions", slug=slug)


@login_required
@require_POST
def question_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, q = get_question_for_user(request.user, slug, pk, Need.WRITE)
    services.question_delete(q)
    messages.success(request, _("ลบคำถามแล้ว"))
    return redirect("feedback:questions", slug=slug)


def _services(agency: Any) -> QuerySet[Service]:
    return Service.objects.filter(agency=agency)


@login_required
@require_http_methods(["GET", "POST"])
def service_list(request: HttpRequest, slug: str) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access = get_agency_for_user(request.user, slug, need)
    form = ServiceForm(request.POST or None, instance=Service(agency=access.agency))
    if request.method == "POST" and form.is_valid():
        try:
            services.service_save(form.instance)
        except ValidationError as e:
            _form_errors(form, e)
        else:
            messages.success(request, _("เพิ่มงานบริการแล้ว"))
            return redirect("feedback:services", slug=slug)
    return render(
        request,
        "feedback/services.html",
        {
            "access": access,
            "agency": access.agency,
            "services": _services(access.agency),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, service = get_service_for_user(request.user, slug, pk, Need.WRITE)
    form = ServiceForm(request.POST or None, instance=service)
    record = Service.objects.filter(pk=service.pk)
    guard = versions.Guard(
        request,
        current=lambda: versions.model_values(record.first(), ServiceForm.Meta.fields),
        lock=record,
        who=lambda: versions.audit_last_change(record.first()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if guard.saved(form, lambda: services.service_save(form.instance)):
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("feedback:services", slug=slug)
        except ValidationError as e:
            _form_errors(form, e)
    return render(
        request,
        "feedback/form.html",
        {
            "access": access,
            "agency": access.agency,
            "form": form,
            "title": _("แก้ไขงานบริการ"),
            "version": guard,
        },
        status=409 if guard.conflict else 200,
    )


@login_required
@require_POST
def service_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, service = get_service_for_user(request.user, slug, pk, Need.WRITE)
    services.service_delete(service)
    messages.success(request, _("ลบงานบริการและผลการประเมินของงานนี้แล้ว"))
    return redirect("feedback:services", slug=slug)


@login_required
@require_safe
def survey(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    year = _year(request)
    current = thai.fiscal_year(thai_today())
    return render(
        request,
        "feedback/survey.html",
        {
            "access": access,
            "agency": access.agency,
            "table": selectors.survey_table(access.agency, year),
            "comments": selectors.recent_comments(access.agency, year),
            "year": year,
            "years": list(range(current, current - 4, -1)),
        },
    )


@login_required
@require_safe
def survey_chart(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    table = selectors.survey_table(access.agency, _year(request))
    rows = [(s.name, total.percent) for s, _cells, total in table.rows if total.count]
    style: Digits = "thai" if access.agency.digit_style == "thai" else "arabic"
    png = charts.bar_chart(
        [name for name, _p in rows] or [_("ยังไม่มีผลการประเมิน")],
        [p or 0.0 for _n, p in rows] or [0.0],
        title=_("ความพึงพอใจเฉลี่ยรายงานบริการ (ร้อยละ)"),
        value_label=_("ร้อยละ"),
        digits_style=style,
        decimals=1,
        fmt="png",
    )
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=60"
    return response
