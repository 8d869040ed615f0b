"""The agency data stamp: a random token kept on each agency and replaced in the same
transaction as every change to one of the agency's records, so a page fragment cached under
(agency, stamp) can never outlive the data it shows (see prongsai.core.fragments).

- A record that belongs to an agency (found through its parent links, `ownership.agency_of`):
  its agency's stamp, on save, delete and many-to-many change.
- An agency itself, its district or province: the stamps of the agencies named by it.
- Each province has a stamp too, replaced after each committed change to its agencies' records:
  it keys the province's and its districts' oversight figures.
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
    """A new stamp for one agency in the current transaction, and for its province once the
    transaction commits (see below)."""
    from prongsai.orgs.models import Agency

    if agency_id is not None:
        Agency.objects.filter(pk=agency_id).update(stamp=new_stamp())
        on_commit_once(lambda: _province_touch(agency_id), key=("province-of", agency_id))


def _province_touch(agency_id: int) -> None:
    """After commit, not inside the transaction: on PostgreSQL an update holds the row until
    commit, so every save in a province would wait for the others, and a bulk import (many
    agencies, many provinces) could deadlock with an officer's save. A province's figures read
    between the commit and this update are cached under the old stamp, which is never read again
    once this runs."""
    from prongsai.orgs.models import Province

    Province.objects.filter(districts__agencies__pk=agency_id).update(stamp=new_stamp())


def agencies_touch(**filters: Any) -> None:
    """A new stamp for the agencies matching `filters` (all of them without filters) and their
    provinces."""
    from prongsai.orgs.models import Agency, Province

    stamp = new_stamp()
    agencies = Agency.objects.filter(**filters)
    if filters:
        Province.objects.filter(pk__in=agencies.values("district__province_id")).update(stamp=stamp)
    else:
        Province.objects.update(stamp=stamp)
    agencies.update(stamp=stamp)


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
    elif label in ("orgs.agency", "orgs.province"):
        # an agency may have moved between provinces: every province's figures (rare writes)
        from prongsai.orgs.models import Province

        stamp = new_stamp()
        sender.objects.filter(pk=instance.pk).update(stamp=stamp)
        instance.stamp = stamp
        Province.objects.update(stamp=stamp)
        if label == "orgs.province":
            agencies_touch(district__province_id=instance.pk)
    elif label == "orgs.district":
        agencies_touch(district_id=instance.pk)
        province = sender._meta.get_field("province").related_model
        province.objects.filter(pk=instance.province_id).update(stamp=new_stamp())
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
