"""Public pages (no login): the agency's official documents at stable URLs, one document, its
PDF, a JSON feed and an embeddable fragment of the register and documents. They read only."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from prongsai.core import thai
from prongsai.core.files import attachment
from prongsai.core.security import CSP
from prongsai.core.thai import is_fiscal_year
from prongsai.oit import public
from prongsai.oit.documents import document_path, public_document, public_documents
from prongsai.oit.views import base_url
from prongsai.orgs.access import get_or_404
from prongsai.orgs.models import Agency


def _agency(slug: str) -> Agency:
    agency = get_or_404(
        Agency.objects.select_related("district__province"), "ไม่พบหน่วยงานนี้", slug=slug
    )
    thai.set_page_digits(agency.digit_style)  # the agency's public pages follow its digit choice
    return agency


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    if not raw:
        return None
    if not raw.isdecimal() or not is_fiscal_year(int(raw)):
        raise Http404("ไม่มีปีงบประมาณนี้")
    return int(raw)


@require_safe
def documents(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    year = _year(request)
    years = public.documents_by_year(agency)
    if year is not None:
        years = [(y, docs) for y, docs in years if y == year]
    return render(
        request,
        "oit/public_documents.html",
        {"public_agency": agency, "years": years, "year": year},
    )


@require_safe
def document(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    agency = _agency(slug)
    doc = public_document(agency, key)
    if doc is None:
        raise Http404("ไม่พบเอกสารนี้")
    newer = public_document(agency, doc.superseded_by) if doc.superseded_by else None
    return render(
        request,
        "oit/public_document.html",
        {"public_agency": agency, "doc": doc, "newer": newer, "path": document_path(agency, doc)},
    )


@require_safe
def document_pdf(request: HttpRequest, slug: str, key: str) -> HttpResponseBase:
    agency = _agency(slug)
    doc = public_document(agency, key)
    if doc is None:
        raise Http404("ไม่พบเอกสารนี้")
    name = f"{doc.kind}-{agency.slug}-{doc.fiscal_year}-{doc.key}.pdf"
    return attachment(doc.copy_path, filename=name, content_type="application/pdf")


@require_safe
def document_file(request: HttpRequest, slug: str, key: str, ext: str) -> HttpResponseBase:
    """The same official document in another format (the XLSX of a table)."""
    agency = _agency(slug)
    doc = public_document(agency, key)
    other = doc.alternate(ext) if doc else None
    if doc is None or other is None:
        raise Http404("ไม่พบเอกสารนี้")
    name = f"{doc.kind}-{agency.slug}-{doc.fiscal_year}-{doc.key}.{other.ext}"
    return attachment(other.copy_path, filename=name, content_type=other.content_type)


@require_safe
def feed(request: HttpRequest, slug: str) -> JsonResponse:
    agency = _agency(slug)
    data = public.feed(agency, _year(request), base_url(request))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # read-only public data for the vendor's site
    return response


@xframe_options_exempt
@require_safe
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    response = render(
        request,
        "oit/public_embed.html",
        {
            "public_agency": agency,
            "register": public.public_register(agency, _year(request), base_url(request)),
            "documents": [d for d in public_documents(agency) if d.current],
        },
    )
    # the fragment is made to be framed by the agency's own website
    response["Content-Security-Policy"] = CSP.replace("frame-ancestors 'none'", "frame-ancestors *")
    return response
