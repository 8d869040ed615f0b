"""Edit forms that never silently overwrite someone else's change.

An edit page puts a *version token* in its form (hidden field `_version`): a short digest of each
value the form showed, in the form's own representation. The save re-reads the record inside its
transaction, after taking the row lock that serialises every write to it (`lock`), and compares:
a field that changed since the form was opened *and* whose posted value differs from the current
one is a conflict. Then nothing is written; the page shows the form again, with the officer's
typed text, who changed the record and when, and each such field as "yours" against "now". The
re-shown form carries the current token, so saving again (after reading the differences) applies
the officer's text on purpose.

A post without the token (a script, an old page) is not checked; a token that cannot be read is
treated as "everything changed". Usage in a view, see CONTRIBUTING (Conventions: edit forms)::

    guard = versions.Guard(request, current=lambda: values_of(fresh_record()),
                           lock=Plan.objects.filter(pk=plan.pk), who=lambda: (user, at))
    if form.is_valid():
        try:
            with guard.unchanged(form.cleaned_data, labels=versions.labels(form)):
                services.thing_save(...)
        except versions.Conflict:
            pass  # shown by the template through guard
    ... render(..., {"version": guard})   # {% include "core/_version.html" %} inside the <form>
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai

FIELD = "_version"
_DIGEST = 10  # hex characters per field: collisions are beyond reach for a form's few fields

Who = tuple[Any, dt.datetime | None]  # (a user, a name or None; when)


@dataclass(frozen=True)
class Choice:
    """A choice compared by its stored value and shown by its label (so that the label's
    language is no change)."""

    value: str
    label: str


def canonical(value: Any) -> Any:
    """The value as plain, comparable data: records by id, sets of records sorted, decimals
    without trailing zeros, line breaks and surrounding spaces of texts normalised."""
    if value is None:
        return ""
    if isinstance(value, Choice):
        return value.value
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, int | float):
        return canonical(Decimal(str(value)))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").split("\n")).strip()
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, Iterable):
        items = list(value)
        plain = [canonical(v) for v in items]
        if items and all(isinstance(v, models.Model) for v in items):
            return sorted(plain)  # a choice of records: the order is not the officer's
        return plain
    return str(value)


def _digest(value: Any) -> str:
    text = json.dumps(canonical(value), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:_DIGEST]


def token(values: Mapping[str, Any]) -> str:
    digests = {name: _digest(v) for name, v in sorted(values.items())}
    raw = json.dumps(digests, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _read(posted: str) -> dict[str, str] | None:
    try:
        raw = base64.urlsafe_b64decode(posted + "=" * (-len(posted) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    return data


def changed_since(posted: str | None, current: Mapping[str, Any]) -> list[str]:
    """The fields whose current value is not the one the form showed (all, when the token cannot
    be read; none, when there is no token)."""
    if posted is None or not posted.strip():
        return []
    shown = _read(posted.strip())
    if shown is None:
        return list(current)
    names = list(current) + [name for name in shown if name not in current]
    return [name for name in names if shown.get(name) != _digest(current.get(name))]


def display(value: Any) -> str:
    """A value as the officer reads it in the differences table."""
    if isinstance(value, Choice):
        return value.label
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("ใช่") if value else _("ไม่ใช่")
    if isinstance(value, dt.datetime):
        return when_label(value)
    if isinstance(value, dt.date):
        return thai.local_date(value)
    if isinstance(value, Decimal | int | float):
        return thai.local_digits(canonical(value))
    if isinstance(value, Mapping):
        return " ".join(display(v) for v in value.values() if v not in (None, ""))
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip() or "—"
    if isinstance(value, Iterable):
        parts = [display(v) for v in value]
        return "\n".join(p for p in parts if p != "—") or "—"
    return str(value)


def when_label(moment: dt.datetime) -> str:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return thai.local_digits(f"{thai.local_date(local.date())} {local:%H:%M}")


def who_label(who: Any) -> str:
    if who is None or who == "":
        return _("ผู้ใช้อื่น")
    if isinstance(who, str):
        return who
    name = who.get_full_name() if hasattr(who, "get_full_name") else ""
    return name or getattr(who, "username", "") or _("ผู้ใช้อื่น")


@dataclass(frozen=True)
class Change:
    name: str
    label: str
    yours: str
    current: str


class Conflict(ValidationError):
    """The record changed since the form was opened; nothing was written."""

    def __init__(self, changes: list[Change], who: Any, at: dt.datetime | None) -> None:
        self.changes, self.who, self.at = changes, who_label(who), at
        when = when_label(at) if at is not None else _("ไม่นานมานี้")
        super().__init__(
            _(
                "ยังไม่ได้บันทึก: %(who)s แก้ไขข้อมูลนี้เมื่อ %(when)s ระหว่างที่คุณเปิดแบบฟอร์มนี้อยู่ "
                "ระบบจึงไม่บันทึกทับ ข้อความที่คุณพิมพ์ยังอยู่ในแบบฟอร์ม ดูความแตกต่างด้านล่าง "
                "แล้วกดบันทึกอีกครั้งหากต้องการใช้ข้อความของคุณ"
            )
            % {"who": self.who, "when": when},
            code="conflict",
        )


def labels(form: Any, **extra: str) -> dict[str, str]:
    """Field name → label of a Django form (and extra names, e.g. a formset's)."""
    out = {name: str(field.label or name) for name, field in form.fields.items()}
    out.update(extra)
    return out


@dataclass(frozen=True)
class Shown:
    """A token to render where no Guard is at hand (a cached page part)."""

    token: str
    conflict: Conflict | None = None


def shown(values: Mapping[str, Any]) -> Shown:
    return Shown(token(values))


class Guard:
    """One edit page's version check: the token to render, the check at save time, and the
    conflict to show."""

    def __init__(
        self,
        request: Any,
        *,
        current: Callable[[], Mapping[str, Any]],
        lock: models.QuerySet[Any] | None = None,
        who: Callable[[], Who] = lambda: (None, None),
    ) -> None:
        self.posted: str | None = request.POST.get(FIELD) if request.method == "POST" else None
        self._current, self._lock, self._who = current, lock, who
        self.conflict: Conflict | None = None
        self._fresh: str | None = None

    @property
    def token(self) -> str:
        """What the form carries: what was posted (the officer still works from what they
        opened), or the record as it is now when they open it or after a conflict shown."""
        if self.posted is not None and self.conflict is None:
            return self.posted
        if self._fresh is None:
            self._fresh = token(self._current())
        return self._fresh

    @contextmanager
    def unchanged(self, yours: Mapping[str, Any], *, labels: Mapping[str, str]) -> Iterator[None]:
        """A transaction in which the record is locked and checked unchanged (Conflict
        otherwise); the save goes inside it."""
        with transaction.atomic():
            if self._lock is not None:
                list(self._lock.select_for_update().values_list("pk", flat=True))
            current = self._current()
            changes = [
                Change(name, labels.get(name, name), display(yours.get(name)), display(now))
                for name in changed_since(self.posted, current)
                if name in yours
                for now in [current.get(name)]
                if canonical(yours.get(name)) != canonical(now)
            ]
            if changes:
                self._fresh = token(current)
                who, at = self._who()
                self.conflict = Conflict(changes, who, at)
                raise self.conflict
            yield

    def saved(
        self,
        form: Any,
        save: Callable[[], Any],
        *,
        yours: Mapping[str, Any] | None = None,
        field_labels: Mapping[str, str] | None = None,
    ) -> bool:
        """Run `save` inside `unchanged`: True when saved, False when the record changed since
        the form was opened (nothing written; the template shows the conflict)."""
        try:
            with self.unchanged(
                form.cleaned_data if yours is None else yours,
                labels=labels(form) if field_labels is None else field_labels,
            ):
                save()
        except Conflict:
            return False
        return True


def audit_last_change(*records: models.Model | None) -> Who:
    """Who last changed any of these records, and when, from the audit trail."""
    from prongsai.audit.models import AuditEntry

    wanted = [(r._meta.label_lower, str(r.pk)) for r in records if r is not None and r.pk]
    if not wanted:
        return None, None
    query = models.Q()
    for label, pk in wanted:
        query |= models.Q(model=label, object_pk=pk)
    entry = AuditEntry.objects.filter(query).select_related("user").order_by("-at", "-pk").first()
    if entry is None:
        return None, None
    return entry.user or entry.username or None, entry.at


def typed_text(data: Mapping[str, Any], *form_classes: Any) -> list[tuple[str, str]]:
    """(label, text) of what the officer typed into the text fields of these forms (formset
    fields `prefix-0-name` included): shown when an edit cannot be saved at all, so that nothing
    typed is lost without warning."""
    from django import forms

    fields: dict[str, forms.Field] = {}
    for cls in form_classes:
        fields.update(cls.base_fields)
    out = []
    for key in data:
        name = key.rsplit("-", 1)[-1] if "-" in key else key
        field = fields.get(name)
        if not isinstance(field, forms.CharField):
            continue
        for value in data.getlist(key) if hasattr(data, "getlist") else [data[key]]:
            if isinstance(value, str) and value.strip():
                out.append((str(field.label or name), value.strip()))
    return out


def model_values(instance: models.Model | None, fields: Iterable[str]) -> dict[str, Any]:
    """The values a ModelForm shows of `instance` (nothing when it is gone)."""
    if instance is None:
        return {}
    out: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, name)
        out[name] = list(value.all()) if field.many_to_many else value
    return out
