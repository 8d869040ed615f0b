"""Batches of documents rendered in the background: start, watch the progress, download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.documents import document_kinds, document_label
from prongsai.core.files import attachment
from prongsai.core.queued import job_status
from prongsai.core.thai import fiscal_year, local_digits, to_arabic_digits
from prongsai.jobs import services
from prongsai.jobs.models import DocumentJob
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user, get_or_404


def get_job_for_user(
    user: Any, slug: str, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, DocumentJob]:
    access = get_agency_for_user(user, slug, need)
    return access, get_or_404(DocumentJob.objects, "ไม่พบงานนี้", agency=access.agency, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def job_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(
        request.user, slug, Need.WRITE if request.method == "POST" else Need.READ
    )
    error = None
    if request.method == "POST":
        raw_year = to_arabic_digits(request.POST.get("fiscal_year", "")).strip()
        try:
            job = services.job_start(
                agency=access.agency,
                user=request.user,
                fiscal_year=int(raw_year) if raw_year.isdecimal() and raw_year.isascii() else 0,
                kinds=request.POST.getlist("kind"),
                formats=request.POST.getlist("format"),
            )
        except ValidationError as e:  # the service says what is wrong, a bad year included
            error = " ".join(e.messages)
        else:
            return redirect("jobs:detail", slug=slug, pk=job.pk)
    return render(
        request,
        "jobs/list.html",
        {
            "access": access,
            "agency": access.agency,
            "error": error,
            "kinds": [(k, local_digits(document_label(k))) for k in document_kinds()],
            "year": fiscal_year(timezone.localdate()),
            "jobs": DocumentJob.objects.filter(agency=access.agency)[:20],
        },
    )


@login_required
def job_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, job = get_job_for_user(request.user, slug, pk)
    if request.headers.get("Accept") == "application/json":
        return job_status(job)
    return render(
        request, "jobs/detail.html", {"access": access, "agency": access.agency, "job": job}
    )


@login_required
@require_POST
def job_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The agency admin stops a queued or running batch (the worker stops between documents)."""
    _access, job = get_job_for_user(request.user, slug, pk, Need.MANAGE)
    if services.job_cancel(job):
        messages.success(request, gettext("ยกเลิกงานสร้างเอกสารแล้ว"))
    else:
        messages.error(request, gettext("งานนี้เสร็จไปแล้ว ยกเลิกไม่ได้"))
    return redirect("jobs:detail", slug=slug, pk=job.pk)


@login_required
def job_download(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    """The batch's zip, from the store every machine shares (a name that would leave it: 404)."""
    _access, job = get_job_for_user(request.user, slug, pk)
    if job.status != DocumentJob.Status.DONE or not job.result_path:
        raise Http404("เอกสารยังไม่พร้อม")
    return attachment(
        job.result_path,
        filename=f"{job.agency.slug}-cycle-{job.fiscal_year}-{job.pk}.zip",
        content_type="application/zip",
    )


@login_required
@require_POST
def job_retry(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The retry button of a stalled batch (its worker died, or none runs)."""
    _access, job = get_job_for_user(request.user, slug, pk, Need.WRITE)
    if services.job_retry(job):
        messages.success(request, gettext("ส่งงานกลับเข้าคิวแล้ว ตัวทำงานเบื้องหลังจะทำต่อจากเอกสารที่สร้างไว้"))
    else:
        messages.info(request, gettext("งานนี้ไม่ได้ค้างแล้ว ไม่ต้องลองใหม่"))
    return redirect("jobs:detail", slug=slug, pk=pk)
