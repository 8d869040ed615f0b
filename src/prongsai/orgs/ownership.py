"""Which agency a record belongs to, found by following its parent links (a measure → its issue
→ its plan → the agency). Used by the audit trail and by the agency data stamp."""

from __future__ import annotations

from typing import Any

from django.db import models

# Parent links followed to find the agency a record belongs to, in order.
PARENTS = ("agency", "plan", "issue", "measure", "report", "result", "action", "analysis")


def agency_of(obj: Any, depth: int = 0) -> Any:
    """The Agency a record belongs to, or None (a framework, a user, a place)."""
    from prongsai.orgs.models import Agency

    if isinstance(obj, Agency):
        return obj
    if depth > 5:
        return None
    for name in PARENTS:
        try:
            field = obj._meta.get_field(name)
        except Exception:  # noqa: S112 - not every model has every parent
            continue
        if isinstance(field, models.ForeignKey | models.OneToOneField):
            parent = getattr(obj, name, None)
            if parent is not None:
                return agency_of(parent, depth + 1)
    return None


def agency_id_of(obj: Any) -> int | None:
    """The agency's id without loading the agency when the record points at it directly."""
    agency_id = getattr(obj, "agency_id", None)
    if agency_id is not None:
        return int(agency_id)
    agency = agency_of(obj)
    return None if agency is None else int(agency.pk)
