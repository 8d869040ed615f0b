"""The officers' pages: the cases a receiver (or a complaint handler) may open, one case with its
replies, the reporter's identity on request (logged), attachments, the receivers (admin), the
O18 statistics and their official copy."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from prongsai.channels import attachments, documents, involved, selectors, services
from prongsai.channels.access import (
    get_attachment_for_user,
    get_channels_for_user,
    get_receiver_for_user,
    get_report_for_user,
    is_receiver,
)
from prongsai.channels.forms import ReceiverForm, ReplyForm, SettingsForm, StatsForm
from prongsai.channels.models import Kind, Receiver, StatsCopy
from prongsai.core import versions
from prongsai.core.files import NO_COPY
from prongsai.core.thai import fiscal_year
from prongsai.orgs.access import Need, get_agency_for_user
from prongsai.orgs.models import Membership


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access, receiver, complaints = get_channels_for_user(request.user, slug)
    reports = list(
        selectors.reports_for(
            access.agency, request.user, corruption=receiver, complaints=complaints
        )[:300]
    )
    today = timezone.localdate()
    return _private(
        render(
            request,
            "channels/index.html",
            {
                "access": access,
                "agency": access.agency,
                "reports": reports,
                "today": today,
                "receiver": receiver,
            },
        )
    )


def _involved(report: Any) -> str:
    """The people the report names, for the receiver's case page ("" when none); a value no
    configured key opens is said so rather than failing the page."""
    try:
        return involved.read(report)
    except ValueError:
        return _("(อ่านไม่ได้: กุญแจเข้ารหัสของระบบไม่ตรงกัน โปรดแจ้งผู้ดูแลระบบ)")


def _detail(
    request: HttpRequest,
    report: Any,
    form: Any = None,
    identity: Any = None,
    status: int = 200,
    guard: versions.Guard | None = None,
) -> HttpResponse:
    guard = guard or services.reply_guard(request, report)
    return _private(
        render(
            request,
            "channels/report.html",
            {
                "agency": report.agency,
                "report": report,
                "messages_": report.messages.select_related("user"),
                "attachments": report.attachments.all(),
                "form": form
                or ReplyForm(initial={"status": report.status, "reason": report.status_reason}),
                "version": guard,
                "has_identity": hasattr(report, "identity") and report.identity_erased_at is None,
                "identity": identity,
                "involved": _involved(report),
                "views": report.identity_views.select_related("user").order_by("-at")[:20],
            },
            status=409 if guard.conflict else status,
        )
    )


@never_cache
@login_required
@require_safe
def report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _detail(request, get_report_for_user(request.user, slug, pk))


@login_required
@require_POST
def reply(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A reply and status change, refused (409, nothing written) when another handler replied
    or changed the case since this form was opened (decision 42)."""
    found = get_report_for_user(request.user, slug, pk)
    form = ReplyForm(request.POST)
    guard = services.reply_guard(request, found)
    if not form.is_valid():
        return _detail(request, found, form, guard=guard)
    data = form.cleaned_data
    try:
        services.reply(
            found,
            request.user,
            body=data["body"],
            status=data["status"],
            reason=data["reason"],
            guard=guard,
        )
    except versions.Conflict:
        found.refresh_from_db()
        return _detail(request, found, form, guard=guard)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _detail(request, found, form, guard=guard)
    messages.success(request, _("บันทึกแล้ว ผู้แจ้งอ่านได้ด้วยรหัสติดตามเรื่อง"))
    return redirect("channels:report", slug=slug, pk=pk)


@never_cache
@login_required
@require_POST
def identity(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The reporter's identity, on a receiver's explicit request; the view is logged first."""
    found = get_report_for_user(request.user, slug, pk)
    shown = services.identity_read(found, request.user)
    if shown is None:
        messages.info(request, _("เรื่องนี้ไม่มีข้อมูลผู้แจ้ง (แจ้งโดยไม่ระบุชื่อ หรือถูกลบตามกำหนดแล้ว)"))
        return redirect("channels:report", slug=slug, pk=pk)
    return _detail(request, found, identity=shown)


@login_required
@require_POST
def stand_aside(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_report_for_user(request.user, slug, pk)
    if found.kind != Kind.CORRUPTION:
        raise PermissionDenied(_("ใช้ได้กับเรื่องแจ้งเบาะแสการทุจริตเท่านั้น"))
    services.stand_aside(found, request.user)
    messages.success(request, _("คุณจะไม่เห็นเรื่องนี้อีก ผู้ดูแลหน่วยงานจะได้รับแจ้งให้มอบหมายผู้รับเรื่องคนอื่น"))
    return redirect("channels:index", slug=slug)


@login_required
@require_safe
def attachment(request: HttpRequest, slug: str, pk: int, file_pk: int) -> HttpResponseBase:
    found = get_attachment_for_user(request.user, slug, pk, file_pk)
    try:
        data = attachments.read(found.path)
    except (FileNotFoundError, ValueError):
        raise Http404("ไม่พบไฟล์") from None
    response = HttpResponse(
        data, content_type=attachments.CONTENT_TYPES.get(found.kind, "application/octet-stream")
    )
    name = (
        f"attachment-{found.report_id}-{found.pk}.{attachments.EXTENSIONS.get(found.kind, 'bin')}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _members(agency: Any) -> list[tuple[int, str]]:
    rows = (
        Membership.objects.filter(agency=agency).select_related("user").order_by("user__username")
    )
    return [
        (m.pk, f"{m.user.get_full_name() or m.user.username} ({m.get_role_display()})")
        for m in rows
    ]


@login_required
def receivers(request: HttpRequest, slug: str) -> HttpResponse:
    """The admin names the receivers (members of the agency) and the channels' settings."""
    access = get_agency_for_user(request.user, slug, Need.MANAGE)
    agency = access.agency
    choices = _members(agency)
    form = ReceiverForm(choices=choices)
    current = services.settings_of(agency)
    settings_form = SettingsForm(
        initial={
            "reply_days": current.reply_days,
            "identity_retention_days": current.identity_retention_days,
        }
    )
    if request.method == "POST" and "reply_days" in request.POST:
        settings_form = SettingsForm(request.POST)
        if settings_form.is_valid():
            services.settings_save(agency, **settings_form.cleaned_data)
            messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
            return redirect("channels:receivers", slug=slug)
    elif request.method == "POST":
        form = ReceiverForm(request.POST, choices=choices)
        if form.is_valid():
            member = Membership.objects.get(agency=agency, pk=form.cleaned_data["membership"])
            try:
                services.receiver_add(agency, member.user, form.cleaned_data["name"])
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, _("กำหนดผู้รับเรื่องแล้ว"))
                return redirect("channels:receivers", slug=slug)
    elif request.method != "GET":
        return HttpResponse(status=405)
    return render(
        request,
        "channels/receivers.html",
        {
            "access": access,
            "agency": agency,
            "receivers": Receiver.objects.filter(agency=agency).select_related("user"),
            "form": form,
            "settings_form": settings_form,
            "unrouted": selectors.without_receiver(agency),
        },
    )


@login_required
@require_POST
def receiver_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    services.receiver_remove(get_receiver_for_user(request.user, slug, pk))
    messages.success(request, _("ยกเลิกผู้รับเรื่องแล้ว"))
    return redirect("channels:receivers", slug=slug)


def _stats_args(request: HttpRequest) -> tuple[int, str]:
    form = StatsForm(request.GET or None)
    if request.GET and not form.is_valid():
        raise Http404("ไม่มีปีงบประมาณนี้")
    if form.is_bound:
        return form.cleaned_data["year"], form.cleaned_data["by"]
    return fiscal_year(timezone.localdate()) - 1, "month"


@login_required
@require_safe
def stats(request: HttpRequest, slug: str) -> HttpResponse:
    """The O18 table: counts only, so every reader of the agency (overseers too) may see it."""
    access = get_agency_for_user(request.user, slug, Need.READ)
    year, by = _stats_args(request)
    table = selectors.stats(access.agency, year, by)
    return render(
        request,
        "channels/stats.html",
        {
            "access": access,
            "agency": access.agency,
            "stats": table,
            "form": StatsForm(initial={"year": year, "by": by}),
            "may_publish": access.can_write or is_receiver(request.user, access.agency),
            "copies": StatsCopy.objects.filter(agency=access.agency, fiscal_year=year)[:10],
        },
    )


@login_required
@require_safe
def stats_file(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug, Need.READ)
    year, by = _stats_args(request)
    table = selectors.stats(access.agency, year, by)
    if fmt == "xlsx":
        data = documents.stats_xlsx(table)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        from prongsai.documents import render as render_document

        data = render_document(documents.stats_document(table), "pdf")
        content_type = "application/pdf"
    else:
        raise Http404("ไม่มีรูปแบบไฟล์นี้")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(table, fmt)}"'
    return response


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish the year's O18 table as the agency's official copy (writers and receivers)."""
    access = get_agency_for_user(request.user, slug, Need.READ)
    if not (access.can_write or is_receiver(request.user, access.agency)):
        raise PermissionDenied(_("เผยแพร่ได้เฉพาะผู้แก้ไขข้อมูลของหน่วยงานและผู้รับเรื่อง"))
    form = StatsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ปีงบประมาณไม่ถูกต้อง"))
        return redirect("channels:stats", slug=slug)
    year, by = form.cleaned_data["year"], form.cleaned_data["by"]
    copy = services.stats_publish(access.agency, year, by, request.user)
    if copy.copy_path:
        messages.success(request, _("เผยแพร่สถิติฉบับทางการแล้ว แสดงในหน้าเอกสารเผยแพร่และทะเบียน OIT"))
    else:
        messages.error(request, str(NO_COPY))
    return redirect(f"{reverse('channels:stats', kwargs={'slug': slug})}?year={year}&by={by}")
