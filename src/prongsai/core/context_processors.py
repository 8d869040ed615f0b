from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from prongsai import __version__


def prongsai(request: HttpRequest) -> dict[str, Any]:
    from prongsai.orgs.access import memberships_of
    from prongsai.orgs.models import OVERSIGHT_ROLES

    user = getattr(request, "user", None)
    is_overseer = any(m.role in OVERSIGHT_ROLES for m in memberships_of(user)) if user else False
    return {"prongsai_version": __version__, "is_overseer": is_overseer}
