"""Reading the audit trail: entries filtered by record, person and date, each told as a sentence
in the page's language ("แก้ไขมาตรการ “…”: สถานะ ยังไม่ดำเนินการ → ดำเนินการแล้ว").

Entries keep plain values (decision 13); the sentence is built here, when shown, from those values
and the model's metadata: field verbose names, choice labels, B.E. dates in the page's digits, and
the names of linked records instead of their ids. A model or field that no longer exists is shown
by its stored name rather than failing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from prongsai.audit.models import AuditEntry
from prongsai.core import thai

# what a create shows at most (the rest is there, but a sentence is not a table)
_MAX_CREATED_FIELDS = 6
_MAX_VALUE_CHARS = 80
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass
class Described:
    entry: AuditEntry
    sentence: str
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class AuditFilters:
    model: str = ""
    object_pk: str = ""
    username: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    q: str = ""


def entries_for(agency_id: int, filters: AuditFilters) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(agency_id_value=agency_id)
    if filters.model:
        entries = entries.filter(model=filters.model)
    if filters.object_pk:
        entries = entries.filter(object_pk=filters.object_pk)
    if filters.username:
        entries = entries.filter(username=filters.username)
    if filters.q:
        entries = entries.filter(object_repr__icontains=filters.q)
    zone = timezone.get_current_timezone()
    if filters.since:
        start = dt.datetime.combine(filters.since, dt.time.min, tzinfo=zone)
        entries = entries.filter(at__gte=start)
    if filters.until:
        end = dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        entries = entries.filter(at__lt=end)
    return entries


def record_kinds(agency_id: int) -> list[tuple[str, str]]:
    """(model label, its name in the page's language) of every kind of record in the trail."""
    labels = (
        AuditEntry.objects.filter(agency_id_value=agency_id)
        .order_by()
        .values_list("model", flat=True)
        .distinct()
    )
    return sorted(((label, _model_name(label)) for label in labels), key=lambda kind: kind[1])


def people(agency_id: int) -> list[str]:
    """The usernames that appear in the trail."""
    names = (
        AuditEntry.objects.filter(agency_id_value=agency_id)
        .exclude(username="")
        .order_by()
        .values_list("username", flat=True)
        .distinct()
    )
    return sorted(names)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _model_name(label: str) -> str:
    model = _model(label)
    return str(model._meta.verbose_name) if model is not None else _("ข้อมูล")


def _fields(model: type[models.Model] | None) -> dict[str, models.Field[Any, Any]]:
    if model is None:
        return {}
    return {f.attname: f for f in model._meta.concrete_fields}


def _shown(f: models.Field[Any, Any] | None) -> bool:
    """Fields an officer can read about: those with a verbose name of their own. A field without
    one (the id, stamps, stored paths, checksums, the order of rows) is internal and not told."""
    return (
        f is not None
        and not f.primary_key
        and f.editable
        and str(f.verbose_name) != f.name.replace("_", " ")
    )


class _Names:
    """The names of linked records, fetched once per page for every entry on it."""

    def __init__(self, described: Iterable[tuple[type[models.Model] | None, dict[str, Any]]]):
        wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        for model, changes in described:
            for attname, pair in changes.items():
                f = _fields(model).get(attname)
                if isinstance(f, models.ForeignKey) and isinstance(pair, list | tuple):
                    wanted[f.related_model].update(  # type: ignore[index]
                        v
                        for v in pair
                        if isinstance(v, int) and not isinstance(v, bool) and 0 < v < 2**63
                    )
        self._names: dict[tuple[type[models.Model], str], str] = {}
        for related, pks in wanted.items():
            for obj in related._default_manager.filter(pk__in=list(pks)[:500]):
                self._names[(related, str(obj.pk))] = str(obj)

    def name(self, related: type[models.Model], pk: Any) -> str:
        return self._names.get((related, str(pk)), _("รายการที่ลบแล้ว"))


def _value(f: models.Field[Any, Any], value: Any, names: _Names) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if f.choices and isinstance(value, str | int):
        label = dict(f.flatchoices).get(value)
        if label is not None:
            return str(label)
    if isinstance(f, models.ForeignKey):
        # a record's name may hold numbers (an asset "416-60-0003 เครื่องเสียง"): as record names are
        return record_name(names.name(f.related_model, value))  # type: ignore[arg-type]
    if f.name.endswith("_path"):
        return _("เก็บไฟล์แล้ว")  # where a file is stored is not the officer's business
    if isinstance(f, models.BooleanField):
        return _("ใช่") if value else _("ไม่ใช่")
    if isinstance(f, models.DateTimeField):
        try:
            when = timezone.localtime(dt.datetime.fromisoformat(str(value)))
        except (ValueError, OverflowError):
            return str(value)
        return f"{thai.local_date(when.date())} {thai.local_digits(when.strftime('%H:%M'))}"
    if isinstance(f, models.DateField):
        try:
            return thai.local_date(dt.date.fromisoformat(str(value)[:10]))
        except ValueError:
            return str(value)
    if isinstance(value, list):
        value = " · ".join(_item_text(item) for item in value)
    elif isinstance(value, dict):
        value = " · ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(f, models.IntegerField | models.DecimalField | models.FloatField):
        return thai.local_digits(value)
    return thai.local_digits_in_text(Truncator(str(value)).chars(_MAX_VALUE_CHARS))


def record_name(stored: str) -> str:
    """A record's stored name for the page: ISO dates in it ("2024-01-15 จัดทำคำสั่ง", as older
    names were written) become B.E. dates, digits follow the page."""

    def be(match: re.Match[str]) -> str:
        try:
            return thai.local_date(dt.date(*(int(g) for g in match.groups())))
        except ValueError:
            return match.group()

    return thai.local_digits_in_text(_ISO_DATE.sub(be, stored))


def _item_text(item: Any) -> str:
    """One item of a list field: a step's text, a monitoring step with its B.E. deadline."""
    if isinstance(item, dict):
        text = str(item.get("text", ""))
        deadline = item.get("deadline")
        if deadline:
            try:
                text += f" ({thai.local_date(dt.date.fromisoformat(str(deadline)[:10]))})"
            except ValueError:
                text += f" ({deadline})"
        return text
    return str(item)


def _sentence(action: str, thing: str, name: str) -> str:
    """ "แก้ไขมาตรการ “…”" (Thai puts no space between the verb and the noun; English does)."""
    values = {"thing": thing, "name": name}
    if action == AuditEntry.Action.CREATE:
        return _("สร้าง%(thing)s “%(name)s”") % values
    if action == AuditEntry.Action.DELETE:
        return _("ลบ%(thing)s “%(name)s”") % values
    return _("แก้ไข%(thing)s “%(name)s”") % values


def describe(entries: Iterable[AuditEntry]) -> list[Described]:
    """Each entry as a sentence with its changes (old → new) in the page's language."""
    rows = [(e, _model(e.model)) for e in entries]
    names = _Names((model, e.changes if isinstance(e.changes, dict) else {}) for e, model in rows)
    out: list[Described] = []
    for entry, model in rows:
        thing = _model_name(entry.model)
        name = record_name(entry.object_repr)
        sentence = _sentence(entry.action, thing, name)
        fields = _fields(model)
        changes: list[Change] = []
        stored = entry.changes if isinstance(entry.changes, dict) else {}
        if entry.action != AuditEntry.Action.DELETE:
            for attname, pair in stored.items():
                f = fields.get(attname)
                if not _shown(f) or not isinstance(pair, list | tuple) or len(pair) != 2:
                    continue
                assert f is not None
                label = str(f.verbose_name)
                changes.append(Change(label, _value(f, pair[0], names), _value(f, pair[1], names)))
            if entry.action == AuditEntry.Action.CREATE:
                changes = changes[:_MAX_CREATED_FIELDS]
        out.append(Described(entry, sentence, changes))
    return out
