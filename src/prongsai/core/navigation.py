"""Where to go back to after a form: a `next` address, only when it is a path on this site."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest) -> str | None:
    """The request's `next` (form field, else query string) when it is a same-site path."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return None


def redirect_back(request: HttpRequest, *default: Any, **kwargs: Any) -> HttpResponseRedirect:
    """Back to the safe `next`, else to `redirect(*default, **kwargs)`."""
    target = safe_next(request)
    if target is not None:
        return HttpResponseRedirect(target)
    return redirect(*default, **kwargs)
