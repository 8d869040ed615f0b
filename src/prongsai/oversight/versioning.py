"""The data version of the oversight figures: bumped once per committed transaction that wrote a
result, a plan, a measure, a progress action or report, or an agency or its place; read once per
oversight page. Bulk writes that bypass signals (`bulk_create`, `update`) call `bump()` themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from prongsai.core.transactions import on_commit_once
from prongsai.oversight.models import DataVersion

WATCHED = (
    "results.Result",
    "plans.Plan",
    "plans.PlanIssue",
    "plans.Measure",
    "plans.PlanRevision",
    "progress.Action",
    "progress.ProgressReport",
    "orgs.Agency",
    "orgs.District",
    "orgs.Province",
)


def _bump_now() -> None:
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def bump() -> None:
    """Count one change, after the current transaction commits, once per transaction."""
    on_commit_once(_bump_now)


def data_version() -> int:
    value = DataVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return int(value or 0)


def _changed(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures or a backup
    if sender._meta.label == "orgs.Agency" and "created" in kwargs:
        from prongsai.orgs.stamps import agency_moves_figures

        if not agency_moves_figures(kwargs["instance"]):
            return  # its address or phone: nothing the figures show
    bump()


def connect() -> None:
    from django.apps import apps

    for label in WATCHED:
        try:
            model = apps.get_model(label)
        except LookupError:  # an app that is not installed
            continue
        uid = f"oversight-version-{label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
