"""Oversight of the channels: per agency of the area, the cases of a fiscal year, how many are
still open and how many are past their reply deadline. Counts only: never a subject, a body or
an identity (decision 38)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from prongsai.channels.models import Kind
from prongsai.channels.selectors import Counts, counts
from prongsai.core.thai import fiscal_year, is_fiscal_year
from prongsai.orgs.models import Agency
from prongsai.oversight.scope import COUNTRY, DISTRICT, PROVINCE, Scope, get_scope_for_user

EMPTY = Counts(0, 0, 0)


def _page(request: HttpRequest, scope: Scope) -> HttpResponse:
    raw = request.GET.get("year", "")
    if raw and not (raw.isascii() and raw.isdigit() and is_fiscal_year(int(raw))):
        raise Http404("ไม่มีปีงบประมาณนี้")
    year = int(raw) if raw else fiscal_year(timezone.localdate())
    agencies = list(
        Agency.objects.filter(**scope.lookups())
        .select_related("district__province")
        .order_by("district__province__name", "district__name", "name")[:2000]
    )
    ids = [a.pk for a in agencies]
    corruption = counts(ids, year=year, kind=Kind.CORRUPTION)
    complaints = counts(ids, year=year, kind=Kind.COMPLAINT)
    rows = [(a, corruption.get(a.pk, EMPTY), complaints.get(a.pk, EMPTY)) for a in agencies]
    totals = [
        sum(getattr(c, field) for _a, c, _k in rows) for field in ("total", "open", "overdue")
    ] + [sum(getattr(k, field) for _a, _c, k in rows) for field in ("total", "open", "overdue")]
    return render(
        request,
        "channels/oversight.html",
        {"scope": scope, "year": year, "rows": rows, "totals": totals},
    )


@login_required
@require_safe
def country(request: HttpRequest) -> HttpResponse:
    return _page(request, get_scope_for_user(request.user, COUNTRY))


@login_required
@require_safe
def province(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, get_scope_for_user(request.user, PROVINCE, code))


@login_required
@require_safe
def district(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, get_scope_for_user(request.user, DISTRICT, code))
