"""The complaint-handling guideline (OIT O16): settings, preview, publication; the QR poster."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from prongsai import documents as engine
from prongsai.core import thai, versions
from prongsai.feedback import channels, services
from prongsai.feedback.documents import guideline_document, poster_document, qr_svg
from prongsai.feedback.forms import GuidelineForm, GuidelineYearForm
from prongsai.feedback.models import Guideline, GuidelineCopy
from prongsai.oit.documents import absolute
from prongsai.oit.views import base_url
from prongsai.orgs.access import Need, get_agency_for_user
from prongsai.orgs.models import Agency


def _online(request: HttpRequest, agency: Agency) -> list[tuple[str, str]]:
    base = base_url(request)
    return [
        (str(c.title), absolute(c.url, base))
        for c in channels.agency_channels(agency)
        if c.key != "survey"
    ]


def _fields() -> list[str]:
    return list(GuidelineForm.Meta.fields)


@login_required
@require_http_methods(["GET", "POST"])
def guideline_edit(request: HttpRequest, slug: str) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.READ
    access = get_agency_for_user(request.user, slug, need)
    guideline = services.guideline_of(access.agency)
    form = GuidelineForm(request.POST or None, instance=guideline)
    record = Guideline.objects.filter(agency=access.agency)
    guard = versions.Guard(
        request,
        current=lambda: versions.model_values(
            record.first() or services.guideline_of(access.agency), _fields()
        ),
        lock=record,
        who=lambda: versions.audit_last_change(record.first()),
    )
    year = _year(request.GET)
    if year is None:  # a typo in the year box: the current year, said so
        messages.error(request, _("ปีงบประมาณไม่ถูกต้อง แสดงปีงบประมาณปัจจุบันแทน"))
        year = thai.fiscal_year(timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            if guard.saved(form, lambda: services.guideline_save(form.instance)):
                messages.success(request, _("บันทึกแล้ว"))
                return redirect(
                    f"{reverse('feedback:guideline', kwargs={'slug': slug})}?year={year}"
                )
        except ValidationError as e:
            form.add_error(None, e.messages)
    return render(
        request,
        "feedback/guideline.html",
        {
            "access": access,
            "agency": access.agency,
            "form": form,
            "version": guard,
            "year": year,
            "copies": GuidelineCopy.objects.filter(agency=access.agency).order_by(
                "-fiscal_year", "-at", "-pk"
            )[:20],
            "saved": guideline.pk is not None,
        },
        status=409 if guard.conflict else 200,
    )


def _year(data: Any, *, default: bool = True) -> int | None:
    """The fiscal year asked for (`year`), the current one when none is given; None when the
    one given is not a fiscal year."""
    typed = thai.to_arabic_digits(data.get("year", "")).strip()  # ๒๕๖๗ or 2567
    if not typed and default:
        return thai.fiscal_year(timezone.localdate())
    form = GuidelineYearForm({"year": typed})
    return form.cleaned_data["year"] if form.is_valid() else None


@login_required
@require_safe
def guideline_preview(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "docx"):
        raise Http404("ไม่มีรูปแบบเอกสารนี้")
    access = get_agency_for_user(request.user, slug)
    year = _year(request.GET)
    if year is None:
        raise Http404("ไม่มีปีงบประมาณนี้")
    document = guideline_document(
        services.guideline_of(access.agency), year, _online(request, access.agency)
    )
    data = engine.render(document, fmt)  # type: ignore[arg-type]
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="guideline-{slug}-{year}.{fmt}"'
    return response


@login_required
@require_POST
def guideline_publish(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug, Need.WRITE)
    back = reverse("feedback:guideline", kwargs={"slug": slug})
    guideline = Guideline.objects.filter(agency=access.agency).first()
    if guideline is None:
        messages.error(request, _("โปรดบันทึกการตั้งค่าแนวปฏิบัติก่อนเผยแพร่"))
        return redirect(back)
    year = _year(request.POST)
    if year is None:
        messages.error(request, _("ปีงบประมาณไม่ถูกต้อง ยังไม่ได้เผยแพร่"))
        return redirect(back)
    services.guideline_publish(guideline, year, _online(request, access.agency), request.user)
    messages.success(
        request,
        thai.local_digits(
            _("เผยแพร่แนวปฏิบัติปีงบประมาณ %(year)s แล้ว ฉบับนี้แสดงในหน้าเอกสารเผยแพร่และทะเบียน OIT")
            % {"year": year}
        ),
    )
    return redirect(f"{back}?year={year}")


def _poster_channels(request: HttpRequest, agency: Agency) -> list[channels.Channel]:
    base = base_url(request)
    return [
        channels.Channel(c.key, c.title, absolute(c.url, base), c.description)
        for c in channels.agency_channels(agency)
    ]


@login_required
@require_safe
def poster(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    items = _poster_channels(request, access.agency)
    if request.GET.get("format") == "pdf":
        data = engine.render(poster_document(access.agency, items), "pdf")
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="channels-{slug}.pdf"'
        return response
    return render(
        request,
        "feedback/poster.html",
        {
            "access": access,
            "agency": access.agency,
            "sheets": [(c, qr_svg(c.url)) for c in items],
            "national": channels.NATIONAL,
        },
    )
