"""OIT readiness for overseers: the area's agencies, their registers and the items most often
not ready, with a CSV export."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from prongsai.core.spreadsheets import csv_row
from prongsai.core.thai import fiscal_year, is_fiscal_year
from prongsai.oit.readiness import area_readiness
from prongsai.oversight.scope import COUNTRY, DISTRICT, PROVINCE, Scope, get_scope_for_user


def _page(request: HttpRequest, scope: Scope) -> HttpResponse:
    raw = request.GET.get("year", "")
    if raw and not (raw.isdecimal() and is_fiscal_year(int(raw))):
        raise Http404("ไม่มีปีงบประมาณนี้")
    year = int(raw) if raw else fiscal_year(timezone.localdate())
    only = request.GET.get("only", "")
    area = area_readiness(None, year, scope.lookups())
    rows = area.rows
    if only == "not_ready":
        rows = [r for r in rows if r.ready < r.items]
    elif only == "broken":
        rows = [r for r in rows if r.broken_links]
    if request.GET.get("format") == "csv":
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["หน่วยงาน", "ปีงบประมาณ", "พร้อม", "ทั้งหมด", "ลิงก์เสีย", "รายงานประจำปีปีก่อน"])
        for r in rows:
            w.writerow(
                csv_row(
                    [
                        r.agency.full_name,
                        year,
                        r.ready,
                        r.items,
                        r.broken_links,
                        "มี" if r.previous_report else "ไม่มี",
                    ]
                )
            )
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="oit-readiness-{year}.csv"'
        return response
    return render(
        request,
        "oit/oversight.html",
        {"scope": scope, "area": area, "rows": rows, "year": year, "only": only},
    )


@login_required
def country(request: HttpRequest) -> HttpResponse:
    return _page(request, get_scope_for_user(request.user, COUNTRY))


@login_required
def province(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, get_scope_for_user(request.user, PROVINCE, code))


@login_required
def district(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, get_scope_for_user(request.user, DISTRICT, code))
