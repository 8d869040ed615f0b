from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from prongsai.core import health
from prongsai.orgs.access import memberships_of, visible_agencies
from prongsai.orgs.models import OVERSIGHT_ROLES
from prongsai.orgs.selectors import user_pending_invitations


def home(request: HttpRequest) -> HttpResponse:
    """Anonymous: what Prongsai is and a way in. Signed in: the user's agency or a chooser."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    ms = memberships_of(request.user)
    agencies = visible_agencies(request.user).select_related("district__province")
    invitations = list(user_pending_invitations(request.user))
    if len(ms) == 1 and ms[0].agency_id and not invitations:
        return redirect("orgs:home", slug=agencies.get().slug)
    if ms and all(m.role in OVERSIGHT_ROLES for m in ms) and not invitations:
        return redirect("oversight:home")
    return render(
        request,
        "core/choose.html",
        {
            "agencies": agencies.order_by("district__province__name", "district__name", "name")[
                :500
            ],
            "is_overseer": any(m.role in OVERSIGHT_ROLES for m in ms),
            "invitations": invitations,
        },
    )


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process and its database answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: database, file store, cache and workers (prongsai.core.health); 503 naming
    the checks that fail."""
    ready, checks = health.readiness()
    response = JsonResponse(
        {"status": "ok" if ready else "fail", "checks": checks}, status=200 if ready else 503
    )
    response["Cache-Control"] = "no-store"
    return response
