"""Agency names: another agency's name left from a template, the own name misspelled."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .findings import Finding, Segment, Severity
from .orgs import TYPE_LABELS, Mention, find_agency_mentions, name_distance, split_agency_name
from .text import CELL_BREAK

# Misspelled type words: "นายกองการบริหารส่วนตำบล", "องค์กรบริหารส่วนตำบล", "เทสบาล".
_TYPE_TYPO = re.compile(
    r"(?<!องค์)(?:อง์การ|องคการ|องการ|องค์กร|องกร)(?=\s?บริหารส่วน(?:ตำบล|จังหวัด))|เทสบาล|เทศบาบ"
)


def _own(parsed: dict[str, Any], agency_name: str | None) -> tuple[str | None, str | None]:
    """(type, name) of the document's own agency: the one given, else the one parsed."""
    if agency_name:
        kind, name = split_agency_name(agency_name)
        organization = parsed.get("organization") or {}
        if kind is None and organization.get("name") == name:
            kind = organization.get("type")
        return kind, name or None
    organization = parsed.get("organization") or {}
    return organization.get("type"), organization.get("name")


def _cut_by_a_break(text: str, mention: Mention, own_name: str) -> bool:
    """A mention that is the start of the own name and ends where the line or cell ends."""
    if not own_name.startswith(mention.name) or len(mention.name) >= len(own_name):
        return False
    end = text.find(mention.name, mention.column) + len(mention.name)
    rest = text[end:]
    return not rest.strip() or rest[:1] in ("\t", "\n", CELL_BREAK)


def _label(kind: str | None, name: str) -> str:
    return f"{TYPE_LABELS.get(kind or '', '')}{name}"


def check_agency(
    parsed: dict[str, Any],
    segments: list[Segment],
    agency_name: str | None,
    other_agency_names: Iterable[str],
) -> list[Finding]:
    findings: list[Finding] = []
    own_type, own_name = _own(parsed, agency_name)
    organization = parsed.get("organization") or {}
    parsed_name = organization.get("name")
    if agency_name and own_name and parsed_name and name_distance(own_name, parsed_name) > 2:
        findings.append(
            Finding(
                "agency_mismatch",
                "error",
                f"เอกสารนี้ระบุหน่วยงาน {_label(organization.get('type'), parsed_name)} "
                f"ไม่ใช่ {_label(own_type, own_name)}",
                "document",
            )
        )
    if not own_name:
        findings.append(
            Finding(
                "agency_unknown",
                "warning",
                "ไม่ทราบชื่อหน่วยงานเจ้าของเอกสาร จึงตรวจชื่อหน่วยงานอื่นไม่ได้",
                "document",
            )
        )
        return findings

    reported: dict[tuple[str, str], int] = {}
    counts: Counter[int] = Counter()
    severity: Severity
    for segment in segments:
        for mention in find_agency_mentions([segment.text]):
            if _cut_by_a_break(segment.text, mention, own_name):
                continue  # the own name, cut by a line or cell break: not another agency
            distance = name_distance(own_name, mention.name)
            if distance == 0:
                if own_type and mention.type != own_type:
                    code, severity = "agency_type_mismatch", "warning"
                    message = (
                        f"ชื่อ '{mention.raw}' ใช้ประเภทหน่วยงานไม่ตรงกับ {_label(own_type, own_name)}"
                    )
                else:
                    continue
            elif distance <= 2 and len(own_name) >= 4:
                code, severity = "agency_name_misspelled", "warning"
                message = f"ชื่อหน่วยงานสะกดผิด: '{mention.raw}' (ที่ถูกคือ {own_name})"
            else:
                code, severity = "other_agency_name", "error"
                message = (
                    f"พบชื่อหน่วยงานอื่น '{mention.raw}' ในเอกสารของ {_label(own_type, own_name)} "
                    "(อาจคัดลอกมาจากเอกสารของหน่วยงานอื่น)"
                )
            key = (code, mention.raw)
            if key not in reported:
                reported[key] = len(findings)
                findings.append(Finding(code, severity, message, segment.where))
            counts[reported[key]] += 1
        for match in _TYPE_TYPO.finditer(segment.text):
            key = ("agency_type_misspelled", match.group(0))
            if key not in reported:
                reported[key] = len(findings)
                findings.append(
                    Finding(
                        "agency_type_misspelled",
                        "warning",
                        f"คำเรียกประเภทหน่วยงานสะกดผิด: '{match.group(0)}'",
                        segment.where,
                    )
                )
            counts[reported[key]] += 1
    findings = [
        replace(finding, message=f"{finding.message} (พบ {counts[index]} แห่ง)")
        if counts[index] > 1
        else finding
        for index, finding in enumerate(findings)
    ]

    for other in other_agency_names:
        other_type, other_name = split_agency_name(other)
        if len(other_name) < 3 or name_distance(own_name, other_name) <= 2:
            continue
        if any(code == "other_agency_name" and other_name in raw for code, raw in reported):
            continue
        for segment in segments:
            if other_name in segment.text:
                findings.append(
                    Finding(
                        "other_agency_name",
                        "error",
                        f"พบชื่อหน่วยงานอื่น '{_label(other_type, other_name)}' ในเอกสารของ "
                        f"{_label(own_type, own_name)}",
                        segment.where,
                    )
                )
                reported[("other_agency_name", other_name)] = len(findings)
                break
    return findings
