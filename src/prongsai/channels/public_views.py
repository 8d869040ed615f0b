"""The public channel pages (no login): report corruption, complain, follow a case with its code.

They write nothing but the report itself (and information the reporter adds). No address,
browser data or cookie-bound identity is kept with a report; the case code appears once, in
the answer to the submission, and is never put in a URL (URLs end up in logs and histories).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from prongsai.channels import conf, services
from prongsai.channels.forms import AddInfoForm, CodeForm, ComplaintForm, CorruptionForm
from prongsai.channels.models import Kind, Report
from prongsai.core import thai
from prongsai.core.abuse import public_write
from prongsai.orgs.access import get_or_404
from prongsai.orgs.models import Agency

NACC_URL = "https://wbs.nacc.go.th/"
PACC_URL = "https://www.pacc.go.th/e-service/"
_SENSITIVE = ("name", "phone", "email", "address", "code", "body", "subject", "named_people")


def _agency(slug: str) -> Agency:
    agency = get_or_404(
        Agency.objects.select_related("district__province"), "ไม่พบหน่วยงานนี้", slug=slug
    )
    thai.set_page_digits(agency.digit_style)
    return agency


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    response = render(
        request,
        template,
        {"nacc_url": NACC_URL, "pacc_url": PACC_URL, **context},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    # (the site's Referrer-Policy same-origin stays: no-referrer would make the browser send
    # "Origin: null" with the form, which the CSRF check refuses)
    return response


def _file(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    agency = _agency(slug)
    form_class = CorruptionForm if kind == Kind.CORRUPTION else ComplaintForm
    template = "channels/public_report.html"
    if request.method != "POST":
        return _page(
            request, template, {"public_agency": agency, "form": form_class(), "kind": kind}
        )
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            filed = services.report_create(
                agency,
                kind=kind,
                subject=data["subject"],
                body=data["body"],
                named_people=data.get("named_people", ""),
                place=data.get("place", ""),
                category=data.get("category", ""),
                identity=form.identity(),
                uploads=data.get("attachments") or [],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("attachments" if "ไฟล์" in message else None, message)
        else:
            return _page(
                request,
                "channels/public_receipt.html",
                {"public_agency": agency, "report": filed.report, "code": filed.code},
            )
    return _page(request, template, {"public_agency": agency, "form": form, "kind": kind})


def _max_bytes() -> int:
    """A report's text and its attachments (each within PRONGSAI_CHANNELS_MAX_FILE_BYTES)."""
    return conf.max_files() * conf.max_file_bytes() + 256 * 1024


@never_cache
@sensitive_post_parameters(*_SENSITIVE)
@require_http_methods(["GET", "POST"])
@public_write("channels-report", max_bytes=_max_bytes())
def report(request: HttpRequest, slug: str) -> HttpResponse:
    return _file(request, slug, Kind.CORRUPTION)


@never_cache
@sensitive_post_parameters(*_SENSITIVE)
@require_http_methods(["GET", "POST"])
@public_write("channels-complaint", max_bytes=_max_bytes())
def complaint(request: HttpRequest, slug: str) -> HttpResponse:
    return _file(request, slug, Kind.COMPLAINT)


@never_cache
@sensitive_post_parameters(*_SENSITIVE)
@require_http_methods(["GET", "POST"])
@public_write("channels-code")
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    """Type the code (POST only), read the status and replies, add information. Every code
    tried counts against the address's guessing limit (core.abuse scope "channels-code")."""
    agency = _agency(slug)
    context: dict[str, Any] = {"public_agency": agency}
    template = "channels/public_follow.html"
    if request.method != "POST":
        return _page(request, template, {**context, "form": CodeForm()})
    code_form = CodeForm(request.POST)
    if not code_form.is_valid():
        return _page(request, template, {**context, "form": code_form})
    code = code_form.cleaned_data["code"]
    found = services.report_by_code(agency, code)
    if found is None:
        code_form.add_error("code", _("ไม่พบเรื่องที่ใช้รหัสนี้ ตรวจรหัสอีกครั้ง"))
        return _page(request, template, {**context, "form": code_form})
    if "body" not in request.POST:
        return _show(request, context, found, code)
    add_form = AddInfoForm(request.POST)
    if not add_form.is_valid():
        return _show(request, context, found, code, add_form)
    try:
        services.reporter_add(found, add_form.cleaned_data["body"])
    except ValidationError as error:
        add_form.add_error("body", error.messages[0])
        return _show(request, context, found, code, add_form)
    return _show(request, context, found, code, added=True)


def _show(
    request: HttpRequest,
    context: dict[str, Any],
    report: Report,
    code: str,
    add_form: Any = None,
    added: bool = False,
) -> HttpResponse:
    if add_form is None:
        add_form = AddInfoForm(initial={"code": code})
    return _page(
        request,
        "channels/public_case.html",
        {
            **context,
            "report": report,
            "messages_": report.messages.all(),
            "add_form": add_form,
            "code": code,
            "added": added,
        },
    )
