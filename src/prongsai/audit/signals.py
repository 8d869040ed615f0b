"""Record every create, update and delete of a Prongsai record that belongs to an agency."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from prongsai.audit.context import current_user
from prongsai.orgs.ownership import agency_of

_SKIP_MODELS = {"audit.auditentry", "plans.planrevision"}
_SKIP_FIELDS = {"updated_at", "created_at", "password", "last_login"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _values(obj: Any) -> dict[str, Any]:
    out = {}
    for field in obj._meta.concrete_fields:
        if field.name in _SKIP_FIELDS:
            continue
        out[field.attname] = _plain(field.value_from_object(obj))
    return out


def _tracked(sender: Any) -> bool:
    # a model with `audit_skip = True` keeps its own access log (the reporters' channels:
    # content and identity must never reach the trail its admin and overseers read)
    return (
        sender._meta.app_label in _apps
        and sender._meta.label_lower not in _SKIP_MODELS
        and not getattr(sender, "audit_skip", False)
    )


def _record(obj: Any, action: str, changes: dict[str, Any]) -> None:
    from prongsai.audit.models import AuditEntry
    from prongsai.audit.services import audit_is_quiet

    if audit_is_quiet():
        return  # a bulk change writes one summary entry instead
    agency = agency_of(obj)
    if agency is None:
        return
    user = current_user()
    AuditEntry.objects.create(
        user=user,
        username=getattr(user, "username", "") if user is not None else "",
        agency_id_value=agency.pk,
        agency_name=str(agency)[:200],
        model=obj._meta.label_lower,
        object_pk=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        changes=changes,
    )


def _pre_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not _tracked(sender) or instance.pk is None:
        instance._audit_before = None
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = _values(old) if old is not None else None


def _post_save(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not _tracked(sender):
        return
    after = _values(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        _record(
            instance,
            "create",
            {k: [None, v] for k, v in after.items() if v not in (None, "", [], {})},
        )
        return
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        _record(instance, "update", changes)


def _post_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _tracked(sender):
        _record(instance, "delete", {k: [v, None] for k, v in _values(instance).items()})


_apps: set[str] = set()


def connect() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("prongsai."):
            _apps.add(config.label)
    pre_save.connect(_pre_save, dispatch_uid="prongsai-audit-pre")
    post_save.connect(_post_save, dispatch_uid="prongsai-audit-post")
    post_delete.connect(_post_delete, dispatch_uid="prongsai-audit-delete")
