"""Text of an ITA document → one result dict (the schema is in docs/import-schema.md).

Nothing is guessed silently: whatever could not be read, or was read by repairing damage,
is said in `warnings` (Thai).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from prongsai.core.thai import fiscal_year, fiscal_year_period

from .dates import fiscal_years_in, month_spans
from .kinds import KindEvidence, detect_kind, title_text
from .measures import MeasureContext, build_measure
from .memo import MemoResult, parse_memo
from .orgs import (
    Mention,
    district_in,
    find_agency_mentions,
    province_from_code,
    province_in,
)
from .results import find_results, looks_like_announcement
from .scores import find_scores
from .tables import find_tables, group_measures
from .text import MAX_TEXT_CHARS, arabic, clean_lines, is_row, squash

KnownCodesForYear = Callable[[int], "set[str] | None"]
_HEADER_LINES = 40
_ANALYSIS_WORDS = re.compile(r"วิเคราะห์|ข้อบกพร่อง|ประเด็นที่ควรพัฒนา|มาตรการ")


def known_codes_around(
    known_codes_for_year: KnownCodesForYear | None, year: int | None
) -> set[str] | None:
    """The codes of the document's year and the year before (a plan for FY N usually answers
    the ITA result of FY N−1, sometimes of N itself); None when neither year is known."""
    if known_codes_for_year is None or year is None:
        return None
    found = [known_codes_for_year(y) for y in (year, year - 1)]
    known = [codes for codes in found if codes is not None]
    return set().union(*known) if known else None


def parse_text(
    text: str,
    *,
    known_codes_for_year: KnownCodesForYear | None = None,
    structured: bool = False,
    ocr: bool = False,
) -> dict[str, Any]:
    """The parsed dict of extracted text. `structured`: the table rows are the document's own
    rows (DOCX, or PDF tables rebuilt from the page's geometry), so the cells of two rows are
    never one wrapped item. `ocr`: the text was read by OCR (every page), so a question code
    OCR damaged at the start of an issue ("18" for i8) is written as the code it was read as."""
    warnings: list[str] = []
    if len(text) > MAX_TEXT_CHARS:
        warnings.append("เอกสารยาวเกินกำหนด อ่านเฉพาะส่วนต้นของเอกสาร")
    lines = clean_lines(text)
    memo = parse_memo(lines)
    warnings.extend(memo.warnings)
    body = [line for line in lines if line.strip() and not is_row(line)]
    title = title_text(lines)
    if memo.memo and memo.memo.get("subject"):
        title = f"{memo.memo['subject']} {title}"

    year = _fiscal_year(title, body, warnings)
    period = _period(body[: _HEADER_LINES * 2], year)
    tables = find_tables(lines)
    scores = find_scores(lines)
    kind = detect_kind(
        KindEvidence(title, tables, len(scores.indicators), period, " ".join(body)[:200_000])
    )
    results = None
    if kind in (None, "analysis") and not any(table.rows for table in tables):
        results = find_results(lines, scores, year)
        joined = title + " " + " ".join(body[:_HEADER_LINES])
        if (
            results is not None
            and (kind is None or not _ANALYSIS_WORDS.search(squash(joined)))
            and (looks_like_announcement(joined) or kind is None)
        ):
            kind = "results"
        if kind != "results":
            results = None
    if kind is None:
        warnings.append("ไม่รู้จักประเภทเอกสาร (ไม่พบการวิเคราะห์ผล ตารางมาตรการ หรือรายงานผล)")
    if kind not in ("progress_report", "annual_report"):
        period = None
    elif period is None and kind == "annual_report" and year is not None:
        whole = fiscal_year_period(year)
        period = (whole.start, whole.end)
        warnings.append("ไม่พบช่วงเวลาของรายงาน ใช้ทั้งปีงบประมาณ")
    elif period is None:
        warnings.append("ไม่พบช่วงเวลาของรายงาน (เช่น ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)")
    if year is None and period is not None:
        year = fiscal_year(period[1])
        warnings.append(f"ไม่พบปีงบประมาณในหัวเอกสาร ใช้ปีของช่วงรายงาน ({year})")
    if year is None:
        warnings.append("ไม่พบปีงบประมาณ (เช่น ประจำปีงบประมาณ พ.ศ. ๒๕๖๗)")

    context = MeasureContext(known_codes_around(known_codes_for_year, year), structured, ocr=ocr)
    measures: list[dict[str, Any]] = []
    for table in tables:
        for group in group_measures(table):
            measures.append(build_measure(group, len(measures) + 1, context))
    warnings.extend(context.warnings)
    if context.codes.repaired:
        fixes = ", ".join(f"{raw} → {code}" for raw, code in context.codes.repaired)
        warnings.append(f"รหัสข้อคำถามที่พิมพ์ผิดหรือเสียหาย อ่านเป็น: {fixes}")
    if kind in ("plan", "progress_report", "annual_report") and not measures:
        warnings.append("ไม่พบตารางมาตรการ (ไม่พบหัวตาราง เช่น ประเด็น | ขั้นตอน | ระยะเวลา | ผู้รับผิดชอบ)")
    if kind == "analysis" and len(scores.indicators) < 10:
        warnings.append(f"พบคะแนนตัวชี้วัด {len(scores.indicators)} จาก 10 ตัว")

    return {
        "kind": kind,
        "memo": memo.memo,
        "organization": _organization(lines, memo, warnings),
        "fiscal_year": year,
        "period": {"start": period[0].isoformat(), "end": period[1].isoformat()}
        if period
        else None,
        "scores": scores.as_dict(),
        "results": results,
        "measures": measures,
        "warnings": warnings,
    }


def _fiscal_year(title: str, body: list[str], warnings: list[str]) -> int | None:
    for source in (title, " ".join(body[: _HEADER_LINES * 2])):
        years = fiscal_years_in(source)
        if years:
            year, raw = years[0]
            if not 2500 <= year <= 2700:
                warnings.append(f"ปีงบประมาณ '{raw}' ไม่น่าถูกต้อง")
                return None
            return year
    return None


def _period(body: list[str], year: int | None) -> tuple[dt.date, dt.date] | None:
    """The reporting period: the first range of at least two months outside the tables. A
    range may run on to the next line (a PDF's paragraph wrapped after "- มีนาคม"): each line is
    read with the next one after it, and only ranges that start on the line itself count."""
    for index, line in enumerate(body):
        line = arabic(line)
        after = arabic(body[index + 1]) if index + 1 < len(body) else ""
        for span in month_spans(f"{line} {after}"):
            if span.start_at >= len(line) or (span.end - span.start).days < 45:
                continue
            if year is not None:
                whole = fiscal_year_period(year)
                if span.end < whole.start or span.start > whole.end:
                    continue
            return span.start, span.end
    return None


def _organization(lines: list[str], memo: MemoResult, warnings: list[str]) -> dict[str, Any]:
    mentions = find_agency_mentions(lines)
    header_end = next((i for i, line in enumerate(lines) if is_row(line)), len(lines))
    header_end = min(header_end, _HEADER_LINES)
    own: Mention | None = None
    if memo.section:
        own = next(iter(find_agency_mentions([memo.section])), None)
    if own is None:
        own = next((m for m in mentions if m.line <= header_end), None)
    if own is None and mentions:
        (kind, name), _count = Counter((m.type, m.name) for m in mentions).most_common(1)[0]
        own = next(m for m in mentions if (m.type, m.name) == (kind, name))
        warnings.append(f"ไม่พบชื่อหน่วยงานในหัวเอกสาร ใช้ชื่อที่พบบ่อยที่สุด ({own.raw})")
    if own is None:
        warnings.append("ไม่พบชื่อหน่วยงาน (เช่น องค์การบริหารส่วนตำบล… หรือ เทศบาลตำบล…)")
        return {"name": None, "type": None, "district": None, "province": None}

    start = max(own.line - 1, 0)
    header = " ".join(line for line in lines[start : start + 8] if not is_row(line))
    district = district_in(header)
    province, written = province_in(header)
    if province is None and written:
        province = written
        warnings.append(f"ไม่รู้จักชื่อจังหวัด '{written}'")
    if province is None and memo.number:
        code = memo.number.split()[0] if memo.number.split() else ""
        province = province_from_code(code)
        if province:
            warnings.append(f"ไม่พบชื่อจังหวัด อนุมานจากรหัสหนังสือ '{code}' ว่าเป็นจังหวัด{province}")
    if district is None:
        warnings.append("ไม่พบชื่ออำเภอ")
    if province is None:
        warnings.append("ไม่พบชื่อจังหวัด")
    return {"name": own.name, "type": own.type, "district": district, "province": province}
