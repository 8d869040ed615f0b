"""The agency data stamp: a random token kept on each agency and replaced in the same
transaction as every change to one of the agency's records, so a page fragment cached under
(agency, stamp) can never outlive the data it shows (see prongsai.core.fragments).

- A record that belongs to an agency (found through its parent links, `ownership.agency_of`):
  its agency's stamp, on save, delete and many-to-many change.
- An agency itself, its district or province: the stamps of the agencies named by it.
- The ITA frameworks (question texts shown on the analysis page): every agency's stamp, once per
  transaction after it commits.
- Writes that bypass signals (`update()`, `bulk_create`) call `agency_touch` themselves.

A token, not a counter: a rolled-back change or a restored backup can never give the same stamp
to different data.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from prongsai.core.transactions import on_commit_once
from prongsai.orgs.ownership import agency_id_of

# Records that are not shown on any agency page, or whose writes would only add work.
_SKIP = {"audit.auditentry", "oversight.dataversion", "accounts.loginfailure"}
_REFERENCE_APPS = {"frameworks"}


def new_stamp() -> str:
    return secrets.token_hex(8)


def agency_touch(agency_id: int | None) -> None:
    """A new stamp for one agency, in the current transaction."""
    from prongsai.orgs.models import Agency

    if agency_id is not None:
        Agency.objects.filter(pk=agency_id).update(stamp=new_stamp())


def agencies_touch(**filters: Any) -> None:
    """A new stamp for the agencies matching `filters` (all of them without filters)."""
    from prongsai.orgs.models import Agency

    Agency.objects.filter(**filters).update(stamp=new_stamp())


def _touch_all() -> None:
    agencies_touch()


def _changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return  # loading fixtures or a backup: the stamps come with the data
    label = sender._meta.label_lower
    if label in _SKIP or not sender.__module__.startswith("prongsai."):
        return
    if sender._meta.app_label in _REFERENCE_APPS:
        on_commit_once(_touch_all)
    elif label == "orgs.agency":
        stamp = new_stamp()
        sender.objects.filter(pk=instance.pk).update(stamp=stamp)
        instance.stamp = stamp
    elif label == "orgs.district":
        agencies_touch(district_id=instance.pk)
    elif label == "orgs.province":
        agencies_touch(district__province_id=instance.pk)
    else:
        agency_touch(agency_id_of(instance))


def _m2m_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        _changed(type(instance), instance)


def connect() -> None:
    for model in apps.get_models():
        if model.__module__.startswith("prongsai."):
            uid = f"agency-stamp-{model._meta.label_lower}"
            post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="agency-stamp-m2m")
