from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.audit import selectors
from prongsai.audit.forms import AuditFilterForm
from prongsai.orgs.access import AgencyAccess, get_agency_for_user, memberships_of
from prongsai.orgs.models import OVERSIGHT_ROLES


def may_read_audit(access: AgencyAccess, user: Any) -> bool:
    """The audit trail is for the agency's admins and the overseers above it."""
    if not access.can_read:
        return False
    is_overseer = any(m.role in OVERSIGHT_ROLES for m in memberships_of(user)) and not any(
        m.agency_id == access.agency.pk for m in memberships_of(user)
    )
    return access.can_manage or is_overseer


def get_audit_access(user: Any, slug: str) -> AgencyAccess:
    access = get_agency_for_user(user, slug)
    if not may_read_audit(access, user):
        raise PermissionDenied("บันทึกการเปลี่ยนแปลงดูได้เฉพาะผู้ดูแลหน่วยงานและผู้กำกับดูแล")
    return access


@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_audit_access(request.user, slug)
    agency_id = access.agency.pk
    params = request.GET.copy()
    params.pop("page", None)
    form = AuditFilterForm(
        params or None,
        kinds=selectors.record_kinds(agency_id),
        people=selectors.people(agency_id),
    )
    entries = selectors.entries_for(agency_id, form.filters())
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {
            "access": access,
            "agency": access.agency,
            "page": page,
            "rows": selectors.describe(page.object_list),
            "form": form,
            "query": params.urlencode(),
        },
    )
