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
- A long transaction over many agencies (a bulk import) runs inside `touches_after_commit()`.

A token, not a counter: a rolled-back change or a restored backup can never give the same stamp
to different data.

Why provinces (and bulk imports) after commit: on PostgreSQL an update holds its row until the
transaction ends, so a province touched inside every save would queue all saves of the province
behind each other, and a two-minute bulk import would hold every agency it names. A stamp
replaced after the commit is still safe: figures read between the commit and the new stamp are
cached under the old one, which nobody asks for again.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from prongsai.core.transactions import on_commit_once
from prongsai.orgs.ownership import agency_id_of

# Records that are not shown on any agency page, or whose writes would only add work.
_SKIP = {"audit.auditentry", "oversight.dataversion", "accounts.loginfailure"}
_REFERENCE_APPS = {"frameworks"}
_DEFERRED: ContextVar[set[int] | None] = ContextVar("prongsai_deferred_stamps", default=None)


# The agency's fields the oversight figures show or group by: a change to any other (address,
# phone, digits…) renews only the agency's own stamp, not its province's figures.
OVERSIGHT_FIELDS = ("name", "code", "type", "district_id", "slug")


def _agency_before(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Remember the saved row's values, to tell after the save what really changed."""
    if raw or instance.pk is None:
        instance._prongsai_before = None
        return
    names = [f.attname for f in sender._meta.concrete_fields if f.attname != "stamp"]
    instance._prongsai_before = sender.objects.filter(pk=instance.pk).values(*names).first()


def agency_changes(instance: Any) -> set[str] | None:
    """The fields an agency's last save changed (None: a new agency, or not known)."""
    before = getattr(instance, "_prongsai_before", None)
    if before is None:
        return None
    return {name for name, value in before.items() if getattr(instance, name) != value}


def agency_moves_figures(instance: Any) -> bool:
    """Whether an agency's last save changed what oversight figures are made from."""
    changed = agency_changes(instance)
    return changed is None or bool(changed & set(OVERSIGHT_FIELDS))


def new_stamp() -> str:
    return secrets.token_hex(8)


def agency_touch(agency_id: int | None) -> None:
    """A new stamp for one agency in the current transaction (after it, inside
    `touches_after_commit`), and for its province once the transaction commits."""
    from prongsai.orgs.models import Agency

    if agency_id is None:
        return
    deferred = _DEFERRED.get()
    if deferred is not None:
        deferred.add(agency_id)
        return
    Agency.objects.filter(pk=agency_id).update(stamp=new_stamp())
    on_commit_once(lambda: _touch_ids({agency_id}), key=("province-of", agency_id))


def _touch_ids(ids: set[int], *, agencies: bool = False) -> None:
    """The provinces of these agencies (and the agencies themselves when asked)."""
    from prongsai.orgs.models import Agency, Province

    stamp = new_stamp()
    if agencies:
        Agency.objects.filter(pk__in=ids).update(stamp=stamp)
    Province.objects.filter(districts__agencies__pk__in=ids).update(stamp=stamp)


@contextmanager
def touches_after_commit() -> Iterator[None]:
    """Inside a transaction that changes many agencies' records at once: replace their stamps
    (and their provinces') once, after it commits, instead of holding every agency's row until
    then. Nothing is touched when the block fails (the transaction rolls back)."""
    ids: set[int] = set()
    token = _DEFERRED.set(ids)
    try:
        yield
    finally:
        _DEFERRED.reset(token)
    if ids:
        transaction.on_commit(lambda: _touch_ids(ids, agencies=True))


def agencies_touch(**filters: Any) -> None:
    """A new stamp for the agencies matching `filters` (all of them without filters) now, and
    for their provinces after commit."""
    from prongsai.orgs.models import Agency, Province

    Agency.objects.filter(**filters).update(stamp=new_stamp())
    if filters:
        provinces = Province.objects.filter(
            pk__in=Agency.objects.filter(**filters).values("district__province_id")
        )

        def touch_provinces() -> None:
            provinces.update(stamp=new_stamp())

        on_commit_once(touch_provinces, key=("provinces", tuple(sorted(filters.items()))))
    else:
        on_commit_once(_touch_every_province, key="every-province")


def _touch_every_province() -> None:
    from prongsai.orgs.models import Province

    Province.objects.update(stamp=new_stamp())


def _province_later(model: Any, pk: int) -> None:
    def touch() -> None:
        model.objects.filter(pk=pk).update(stamp=new_stamp())

    on_commit_once(touch, key=("province", pk))


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
        _agency_changed(sender, instance, deleted="created" not in kwargs)
    elif label == "orgs.province":
        agencies_touch(district__province_id=instance.pk)
        _province_later(sender, instance.pk)
    elif label == "orgs.district":
        agencies_touch(district_id=instance.pk)
        _province_later(sender._meta.get_field("province").related_model, instance.province_id)
    else:
        agency_touch(agency_id_of(instance))


def _agency_changed(sender: Any, instance: Any, *, deleted: bool) -> None:
    """An agency saved or deleted: its own stamp when anything changed, and only the provinces
    whose figures it is part of — its own, and the one it left when it moved (saving the
    settings unchanged used to renew every province's figures in the country)."""
    changed = None if deleted else agency_changes(instance)
    if changed is not None and not changed:
        return  # saved unchanged: no page shows anything new
    deferred = _DEFERRED.get()
    if deferred is not None:
        deferred.add(instance.pk)
    else:
        stamp = new_stamp()
        sender.objects.filter(pk=instance.pk).update(stamp=stamp)
        instance.stamp = stamp
    if changed is not None and not changed & set(OVERSIGHT_FIELDS):
        return
    districts = {instance.district_id}
    before = getattr(instance, "_prongsai_before", None)
    if before is not None:
        districts.add(before["district_id"])
    _provinces_later(districts)


def _provinces_later(district_ids: set[int]) -> None:
    from prongsai.orgs.models import Province

    def touch() -> None:
        Province.objects.filter(districts__pk__in=district_ids).update(stamp=new_stamp())

    on_commit_once(touch, key=("provinces-of-districts", tuple(sorted(district_ids))))


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
    pre_save.connect(
        _agency_before, sender=apps.get_model("orgs", "Agency"), dispatch_uid="agency-before"
    )
