"""Which agency a record belongs to, found by following its parent links (a measure → its issue
→ its plan → the agency). Used by the audit trail and by the agency data stamp."""

from __future__ import annotations

from typing import Any

from django.db import models

# Parent links followed to find the agency a record belongs to, in order.
PARENTS = (
    "agency", "plan", "issue", "measure", "report", "result", "action", "analysis", "register",
    "entry",
)  # fmt: skip


def _parent(obj: Any) -> Any:
    """The first parent link that is set, or None."""
    for name in PARENTS:
        try:
            field = obj._meta.get_field(name)
        except Exception:  # noqa: S112 - not every model has every parent
            continue
        if isinstance(field, models.ForeignKey | models.OneToOneField):
            parent = getattr(obj, name, None)
            if parent is not None:
                return parent
    return None


def agency_of(obj: Any) -> Any:
    """The Agency a record belongs to, or None (a framework, a user, a place)."""
    from prongsai.orgs.models import Agency

    for _depth in range(7):
        if obj is None or isinstance(obj, Agency):
            return obj
        obj = _parent(obj)
    return None


def agency_id_of(obj: Any) -> int | None:
    """The agency's id, without loading the agency: the walk stops at the first record that
    points at it (a plan, for a measure)."""
    from prongsai.orgs.models import Agency

    for _depth in range(7):
        if obj is None:
            return None
        if isinstance(obj, Agency):
            return int(obj.pk)
        agency_id = getattr(obj, "agency_id", None)
        if agency_id is not None:
            return int(agency_id)
        obj = _parent(obj)
    return None
