"""The plan page, also the answer to an edit of an approved plan (issue #17): the plan, a Thai
message saying who approved it and when, and the text the officer typed, never a bare 403."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from prongsai.core import versions
from prongsai.core.fragments import cached_fragment
from prongsai.orgs.selectors import agency_admin_names
from prongsai.plans import selectors, services
from prongsai.plans.access import PlanIsApproved, get_plan_for_user
from prongsai.plans.forms import ApproveForm, IssueForm
from prongsai.plans.models import Plan


def plan_page(
    request: HttpRequest,
    access: Any,
    plan: Plan,
    *,
    unsaved: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    editable = access.can_write and not plan.is_locked
    body = cached_fragment(
        request,
        access,
        "plan-detail",
        (plan.pk,),
        "plans/_detail_body.html",
        lambda: {
            "access": access,
            "agency": access.agency,
            "plan": plan,
            "issues": selectors.plan_issues(plan),
            "editable": editable,
            "approve_form": ApproveForm(agency=access.agency),
            "issue_form": IssueForm(),
            "findings": _findings(plan),
        },
    )
    return render(
        request,
        "plans/detail.html",
        {
            "access": access,
            "agency": access.agency,
            "plan": plan,
            "editable": editable,
            "body": body,
            "unsaved": unsaved,
            # an editor is told who approves (and reopens) and how to ask
            "admins": agency_admin_names(access.agency)
            if access.can_write and not access.can_manage
            else [],
        },
        status=status,
    )


def _approved_message(plan: Plan) -> str:
    return _(
        "มาตรการนี้อนุมัติแล้วโดย %(who)s เมื่อ %(when)s จึงแก้ไขไม่ได้ ผู้ดูแลของหน่วยงานต้องเปิดแก้ไขมาตรการก่อน"
    ) % {
        "who": versions.who_label(plan.approved_by),
        "when": versions.when_label(plan.approved_at) if plan.approved_at else "-",
    }


def shows_plan_when_approved(*form_classes: Any) -> Callable[[Any], Any]:
    """An edit of an approved plan (approved before the page was opened, or while the officer
    typed) answers with the plan page and a Thai message, not a 403; a refused post shows the
    text the officer typed, to copy before leaving (issue #17)."""

    def wrap(view: Any) -> Any:
        @functools.wraps(view)
        def inner(request: HttpRequest, slug: str, year: int, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, slug, year, **kwargs)
            except (PlanIsApproved, services.PlanLocked):
                access, plan = get_plan_for_user(request.user, slug, year)
                messages.warning(request, _approved_message(plan))
                if request.method != "POST":
                    return redirect("plans:detail", slug=slug, year=year)
                typed = versions.typed_text(request.POST, *form_classes)
                return plan_page(request, access, plan, unsaved=typed, status=409)

        return inner

    return wrap


def _findings(plan: Plan) -> list[dict[str, str]]:
    """The checker's findings, kept on the plan by every change (services._record); computed
    here only for a plan written by other means (bulk-generated data)."""
    if plan.findings or not plan.open_findings:
        return list(plan.findings)
    from prongsai.plans.checks import plan_findings

    return [f.as_dict() for f in plan_findings(plan)]
