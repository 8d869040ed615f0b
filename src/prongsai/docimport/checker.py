"""Checking a document for the mistakes real ones contain.

Works on the parsed dict (see docs/import-schema.md), so it checks imported documents and
Prongsai's own rendered ones alike; give `text` too and it also reads the running text (agency
names in the analysis, indicator names, the level, digit styles) with line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any

from prongsai.core.ita_codes import canonical_code, scan_question_codes

from .checks_agency import check_agency
from .checks_dates import check_dates
from .checks_text import check_digits, check_impossible_dates, check_year_agreement
from .findings import SEVERITY_ORDER, Finding, Segment, segments_from_lines, segments_from_parsed
from .indicators import (
    INDICATOR_NAMES,
    TOOL_OF_INDICATOR,
    indicator_at_start,
    level_agrees,
    overall_score,
    tool_scores,
)
from .scores import LEVEL
from .text import arabic, clean_lines, squash

__all__ = ["Finding", "check_document"]

SCORE_TOLERANCE = 0.01


def check_document(
    parsed: dict[str, Any],
    *,
    known_codes: Collection[str] | None,
    agency_name: str | None = None,
    other_agency_names: Iterable[str] = (),
    text: str | None = None,
) -> list[Finding]:
    """Every mistake found, errors first. `known_codes` are the framework year's question
    codes (None: not known, codes are not checked); `agency_name` the agency the document
    should belong to ("อบต.หนองคันทรอง" or "หนองคันทรอง"); `other_agency_names` names of other
    agencies (neighbours, template sources) to look for even without a type prefix."""
    if text is not None:
        segments = segments_from_lines(clean_lines(text))
    else:
        segments = segments_from_parsed(parsed)
    findings: list[Finding] = []
    findings.extend(check_agency(parsed, segments, agency_name, other_agency_names))
    findings.extend(_check_codes(parsed, known_codes))
    if text is not None:
        findings.extend(_check_damaged_codes(parsed, segments, known_codes))
    findings.extend(check_dates(parsed))
    findings.extend(_check_measures(parsed))
    findings.extend(_check_scores(parsed, segments))
    findings.extend(_check_indicator_names(segments))
    findings.extend(check_digits(segments))
    findings.extend(check_year_agreement(segments, parsed.get("fiscal_year")))
    if text is not None:
        findings.extend(check_impossible_dates(segments))
    findings.extend(_check_duplicates(parsed))
    findings.extend(
        Finding("unreadable", "info", str(warning), "document")
        for warning in parsed.get("warnings") or []
    )
    return sorted(findings, key=lambda finding: SEVERITY_ORDER[finding.severity])


def _measures(parsed: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"measure {number}", measure)
        for number, measure in enumerate(parsed.get("measures") or [], start=1)
        if isinstance(measure, dict)
    ]


def _check_codes(parsed: dict[str, Any], known_codes: Collection[str] | None) -> list[Finding]:
    if known_codes is None:
        return []
    findings: list[Finding] = []
    year = parsed.get("fiscal_year")
    for where, measure in _measures(parsed):
        for written in measure.get("question_codes") or []:
            code = canonical_code(written) or str(written)
            if code not in known_codes:
                findings.append(
                    Finding(
                        "unknown_question_code",
                        "error",
                        f"ไม่มีข้อคำถาม '{code}' ในกรอบการประเมินปี {year or '(ไม่ทราบปี)'}",
                        where,
                    )
                )
    return findings


def _check_damaged_codes(
    parsed: dict[str, Any], segments: list[Segment], known_codes: Collection[str] | None
) -> list[Finding]:
    """Codes written damaged in the table ("119" for i19, "E๑๑" is fine, "1๑๐" is not), reported
    where the repaired code is one the measures really use."""
    used = {
        code
        for _where, measure in _measures(parsed)
        for code in measure.get("question_codes") or []
    }
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for segment in segments:
        if not segment.in_table:
            continue
        for cell in segment.text.split("\t"):
            for raw, code in scan_question_codes([cell], known_codes).repaired:
                if code in used and (raw, code) not in seen:
                    seen.add((raw, code))
                    findings.append(
                        Finding(
                            "question_code_damaged",
                            "warning",
                            f"รหัสข้อคำถาม '{raw}' พิมพ์ผิด ควรเป็น {code}",
                            segment.where,
                        )
                    )
    return findings


def _check_measures(parsed: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    reporting = parsed.get("kind") in ("progress_report", "annual_report")
    for where, measure in _measures(parsed):
        if not measure.get("responsible"):
            findings.append(
                Finding("measure_no_responsible", "warning", "มาตรการไม่ระบุผู้รับผิดชอบ", where)
            )
        if not measure.get("timeline") and not measure.get("quarters_planned"):
            findings.append(
                Finding("measure_no_timeline", "warning", "มาตรการไม่ระบุระยะเวลาดำเนินการ", where)
            )
        if not measure.get("steps"):
            findings.append(
                Finding("measure_no_steps", "warning", "มาตรการไม่ระบุขั้นตอนหรือวิธีการ", where)
            )
        if reporting and not measure.get("status") and not measure.get("result"):
            findings.append(
                Finding(
                    "measure_no_progress",
                    "warning",
                    "รายงานไม่ระบุสถานะหรือผลการดำเนินการของมาตรการ",
                    where,
                )
            )
        if measure.get("status") == "done" and measure.get("result") is None and reporting:
            findings.append(
                Finding("done_without_result", "info", "ระบุว่าดำเนินการแล้วแต่ไม่มีผลการดำเนินการ", where)
            )
    return findings


def _check_scores(parsed: dict[str, Any], segments: list[Segment]) -> list[Finding]:
    findings: list[Finding] = []
    scores = parsed.get("scores") or {}
    indicators: dict[int, float] = {}
    for key, value in (scores.get("indicators") or {}).items():
        try:
            number, score = int(key), float(value)
        except (TypeError, ValueError):
            continue
        if not 0 <= score <= 100:
            findings.append(
                Finding(
                    "score_out_of_range",
                    "error",
                    f"คะแนนตัวชี้วัดที่ {number} ({score}) ไม่อยู่ระหว่าง 0–100",
                    "scores",
                )
            )
        if number in TOOL_OF_INDICATOR:
            indicators[number] = score
    written = scores.get("overall")
    computed = overall_score(indicators)
    if computed is not None and isinstance(written, int | float):
        if abs(computed - float(written)) > SCORE_TOLERANCE + 1e-9:
            findings.append(
                Finding(
                    "overall_score_mismatch",
                    "error",
                    f"คะแนนรวม {float(written):.2f} ไม่ตรงกับคะแนนที่คำนวณจากตัวชี้วัด ({computed:.2f} = "
                    "0.3×IIT + 0.3×EIT + 0.4×OIT)",
                    "scores",
                )
            )
    elif indicators and isinstance(written, int | float):
        missing = ", ".join(str(n) for n in TOOL_OF_INDICATOR if n not in indicators)
        findings.append(
            Finding(
                "scores_incomplete",
                "info",
                f"ตรวจคะแนนรวมไม่ได้: ไม่พบคะแนนตัวชี้วัดที่ {missing}",
                "scores",
            )
        )
    overall = float(written) if isinstance(written, int | float) else computed
    if overall is None:
        return findings
    for segment in segments:
        if segment.in_table:
            continue
        match = LEVEL.search(segment.text)
        if not match:
            continue
        agrees = level_agrees(match.group(1), overall, tool_scores(indicators))
        if agrees is False:
            findings.append(
                Finding(
                    "level_mismatch",
                    "error",
                    f"ระดับ '{match.group(1)}' ไม่สอดคล้องกับคะแนน {overall:.2f}",
                    segment.where,
                )
            )
        break
    return findings


_INDICATOR_NUMBER = re.compile(r"ตัวชี้วัดที่\s*([0-9๐-๙]{1,2})\s*")
_NUMBERED_NAME = re.compile(r"^\s*([0-9๐-๙]{1,2})\s*[.)]\s*")
_SCORE_LIKE = re.compile(r"[0-9๐-๙]{1,3}[.][0-9๐-๙]{1,2}|คะแนน")


def _check_indicator_names(segments: list[Segment]) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for segment in segments:
        places = [(m.group(1), m.end()) for m in _INDICATOR_NUMBER.finditer(segment.text)]
        numbered = _NUMBERED_NAME.match(segment.text)
        if numbered and _SCORE_LIKE.search(segment.text):
            places.append((numbered.group(1), numbered.end()))
        for written, end in places:
            number = int(arabic(written))
            named = indicator_at_start(segment.text[end : end + 60], threshold=0.9)
            if named is None:
                if number not in TOOL_OF_INDICATOR and "ตัวชี้วัด" in segment.text[:end]:
                    findings.append(
                        Finding(
                            "indicator_unknown",
                            "warning",
                            f"ไม่มีตัวชี้วัดที่ {number} (มี 1–10)",
                            segment.where,
                        )
                    )
                continue
            if named != number and (number, named) not in seen:
                seen.add((number, named))
                findings.append(
                    Finding(
                        "indicator_wrong_number",
                        "error",
                        f"ตัวชี้วัดที่ {number} ชื่อ '{INDICATOR_NAMES[named][0]}' "
                        f"เป็นชื่อของตัวชี้วัดที่ {named}"
                        + (
                            f" (ตัวชี้วัดที่ {number} คือ {INDICATOR_NAMES[number][0]})"
                            if number in INDICATOR_NAMES
                            else ""
                        ),
                        segment.where,
                    )
                )
    return findings


def _check_duplicates(parsed: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    seen: dict[tuple[object, ...], str] = {}
    for where, measure in _measures(parsed):
        steps = tuple(squash(str(step)) for step in measure.get("steps") or [])
        codes = tuple(measure.get("question_codes") or [])
        keys: list[tuple[object, ...]] = []
        if steps:
            keys.append(("steps", steps, squash(str(measure.get("finding") or ""))))
        if codes and measure.get("issue"):
            keys.append(("issue", squash(str(measure.get("issue"))), codes))
        for key in keys:
            if key in seen:
                findings.append(
                    Finding("duplicate_measure", "warning", f"มาตรการซ้ำกับ {seen[key]}", where)
                )
                break
            seen[key] = where
    return findings
