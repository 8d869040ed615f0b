"""Writes: loading framework files into the database, idempotently and in place."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from prongsai.frameworks.files import (
    FrameworkFileError,
    load_framework_file,
    package_years,
    validate_framework,
)
from prongsai.frameworks.models import Framework, Indicator, OitItem, Question, Tool

log = logging.getLogger(__name__)

ACTION_LABELS = {
    "created": "เพิ่มใหม่",
    "updated": "ปรับปรุงแล้ว",
    "unchanged": "ไม่มีการเปลี่ยนแปลง",
    "skipped": "ข้าม",
}


@dataclass
class LoadReport:
    year: int
    action: str  # created | updated | unchanged | skipped
    counts: dict[str, int] = field(default_factory=dict)
    changes: dict[str, int] = field(default_factory=dict)  # rows created/updated/deleted
    reason: str = ""

    @property
    def message(self) -> str:
        text = f"ปีงบประมาณ {self.year}: {ACTION_LABELS[self.action]}"
        if self.counts:
            text += (
                f" (ตัวชี้วัด {self.counts['indicators']} ข้อคำถาม {self.counts['questions']}"
                f" รายการ OIT {self.counts['oit_items']})"
            )
        if self.reason:
            text += f" — {self.reason}"
        return text


def content_hash(data: dict[str, Any]) -> str:
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def framework_counts(framework: Framework) -> dict[str, int]:
    return {
        "tools": framework.tools.count(),
        "indicators": framework.indicators.count(),
        "questions": framework.questions.count(),
        "oit_items": framework.oit_items.count(),
    }


@transaction.atomic
def framework_load(data: dict[str, Any], *, origin: str, user: Any = None) -> LoadReport:
    """Load one year's framework. The same content twice changes nothing; changed content
    updates the year's rows in place (rows are matched by code). Invalid data raises
    FrameworkFileError with every problem and writes nothing."""
    errors = validate_framework(data)
    if errors:
        raise FrameworkFileError(errors)
    year = int(data["year"])
    digest = content_hash(data)
    framework = Framework.objects.select_for_update().filter(year=year).first()
    if framework is not None and framework.content_hash == digest:
        return LoadReport(year, "unchanged", framework_counts(framework))
    action = "created" if framework is None else "updated"
    framework = framework or Framework(year=year)
    levels = data["levels"]
    framework.title_th = data["title_th"]
    framework.status_th = data.get("status_th") or ""
    framework.level_scheme = levels["scheme"]
    framework.pass_mark = levels["pass_mark"]
    framework.levels = levels["rules"]
    framework.oit_display_prefix = (data.get("oit") or {}).get("display_prefix") or "o"
    framework.data = data
    framework.content_hash = digest
    framework.origin = origin
    framework.loaded_by = user if getattr(user, "pk", None) else None
    framework.set_provenance(levels["provenance"])
    framework.save()

    changes: dict[str, int] = {"created": 0, "updated": 0, "deleted": 0}
    tools = _sync(
        Tool,
        framework,
        "code",
        [
            {
                "code": t["code"],
                "name_th": t["name_th"],
                "weight": t["weight"],
                "order": i,
                "provenance": t["provenance"],
            }
            for i, t in enumerate(data["tools"])
        ],
        changes,
    )
    indicators = _sync(
        Indicator,
        framework,
        "number",
        [
            {
                "number": ind["number"],
                "name_th": ind["name_th"],
                "tool": tools[ind["tool"]],
                "provenance": ind["provenance"],
            }
            for ind in data["indicators"]
        ],
        changes,
    )
    _sync(
        Question,
        framework,
        "code",
        [
            {
                "code": q["code"],
                "indicator": indicators[q["indicator"]],
                "text": q.get("text"),
                "answer_type": q.get("answer_type"),
                "reverse": q.get("reverse"),
                "sub_items": q.get("sub_items") or [],
                "superseded_texts": q.get("superseded_texts") or [],
                "order": i,
                "provenance": q["provenance"],
            }
            for i, q in enumerate(data.get("questions") or [])
        ],
        changes,
    )
    oit = data.get("oit") or {}
    sub_names = {s["code"]: s.get("name_th") or "" for s in oit.get("sub_indicators") or []}
    _sync(
        OitItem,
        framework,
        "code",
        [
            {
                "code": item["code"],
                "indicator": indicators.get(item["indicator"]) if item.get("indicator") else None,
                "sub_indicator": item.get("sub_indicator") or "",
                "sub_indicator_name": sub_names.get(item.get("sub_indicator") or "", ""),
                "group_th": item.get("group_th") or "",
                "title": item.get("title"),
                "requirement": item.get("requirement"),
                "lao_note": item.get("lao_note") or "",
                "period": item.get("period") or "",
                "answered_by": item.get("answered_by") or "",
                "required_elements": item.get("required_elements"),
                "order": i,
                "provenance": item["provenance"],
            }
            for i, item in enumerate(oit.get("items") or [])
        ],
        changes,
    )
    return LoadReport(year, action, framework_counts(framework), changes)


def _sync(
    model: type[models.Model],
    framework: Framework,
    key: str,
    rows: list[dict[str, Any]],
    changes: dict[str, int],
) -> dict[Any, Any]:
    """Make the framework's rows of `model` exactly `rows`, matched on `key`; returns key → row."""
    existing = {
        getattr(obj, key): obj for obj in model._default_manager.filter(framework=framework)
    }
    result: dict[Any, Any] = {}
    for row in rows:
        row = dict(row)
        provenance = row.pop("provenance")
        obj = existing.pop(row[key], None)
        if obj is None:
            obj = model(framework=framework, **row)
            obj.set_provenance(provenance)  # type: ignore[attr-defined]
            obj.save()
            changes["created"] += 1
        else:
            before = _snapshot(obj, row)
            for name, value in row.items():
                setattr(obj, name, value)
            obj.set_provenance(provenance)  # type: ignore[attr-defined]
            if before != _snapshot(obj, row):
                obj.save()
                changes["updated"] += 1
        result[row[key]] = obj
    for obj in existing.values():
        obj.delete()
        changes["deleted"] += 1
    return result


def _snapshot(obj: models.Model, row: dict[str, Any]) -> tuple[Any, ...]:
    values = []
    for name in [*row, "confidence", "sources", "source_note"]:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = value.pk
        elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            value = Decimal(str(value)).normalize()
        elif isinstance(value, dict | list):
            # PostgreSQL's jsonb gives keys back in its own order: compare the data, not the order
            values.append(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
            continue
        values.append(repr(value))
    return tuple(values)


def frameworks_load_package(*, force: bool = False, only_missing: bool = False) -> list[LoadReport]:
    """Load every framework file shipped with Prongsai.

    A year an administrator corrected by upload is kept unless `force`; with `only_missing`
    only years not in the database yet are loaded (what `migrate` does)."""
    reports = []
    loaded = {f.year: f for f in Framework.objects.all()}
    for year in package_years():
        current = loaded.get(year)
        if current is not None and only_missing:
            continue
        data = load_framework_file(year)
        if (
            current is not None
            and current.origin != Framework.Origin.PACKAGE
            and not force
            and current.content_hash != content_hash(data)
        ):
            reports.append(
                LoadReport(
                    year,
                    "skipped",
                    framework_counts(current),
                    reason="ผู้ดูแลระบบแก้ไขเกณฑ์ปีนี้แล้ว (ใช้ --force เพื่อแทนที่ด้วยไฟล์ของระบบ)",
                )
            )
            continue
        reports.append(framework_load(data, origin=Framework.Origin.PACKAGE))
    return reports


def frameworks_ensure_loaded(using: str = "default", **_: Any) -> None:
    """post_migrate: load the shipped years not in the database yet (never overwrites)."""
    from django.db import connections

    tables = set(connections[using].introspection.table_names())
    needed = {m._meta.db_table for m in (Framework, Tool, Indicator, Question, OitItem)}
    if not needed <= tables:
        return
    for report in frameworks_load_package(only_missing=True):
        log.info(report.message)
