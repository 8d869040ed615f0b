"""Checks over the document's text: dates that do not exist, the document's own fiscal year
stated differently in places, digits mixed where the writer really mixed them."""

from __future__ import annotations

import re
from collections import Counter

from .dates import find_dates
from .findings import Finding, Segment
from .text import ARABIC_DIGITS, THAI_DIGITS, arabic

_HEADING_CHARS = 150
_OWN_YEAR = re.compile(r"ประจำปี\s*งบ\s*ประมาณ\s*(?:พ\.?\s*ศ\.?)?\s*([0-9๐-๙]{4})(?![0-9๐-๙])")


def check_impossible_dates(segments: list[Segment]) -> list[Finding]:
    """Every date that cannot exist ("๓๑ กุมภาพันธ์ ๒๕๖๖"), each occurrence once."""
    findings: list[Finding] = []
    for segment in segments:
        for found in find_dates(segment.text):
            if found.value is None:
                findings.append(
                    Finding(
                        "impossible_date",
                        "error",
                        f"วันที่ '{found.raw}' ไม่มีอยู่จริง",
                        segment.where,
                    )
                )
    return findings


def check_year_agreement(segments: list[Segment], year: int | None) -> list[Finding]:
    """The document's own year stated as another year in a title or heading line ("รายงานผล…
    ประจำปีงบประมาณ พ.ศ. …"). Years in running text ("ตามที่ได้วิเคราะห์ผล… ประจำปีงบประมาณ
    ๒๕๖๕" in a report for ๒๕๖๖) name the assessment it answers and are not reported."""
    if year is None:
        return []
    other: Counter[int] = Counter()
    where: dict[int, str] = {}
    for segment in segments:
        if segment.in_table or len(segment.text) > _HEADING_CHARS:
            continue
        for match in _OWN_YEAR.finditer(segment.text):
            stated = int(arabic(match.group(1)))
            if stated != year and 2500 <= stated <= 2700:
                other[stated] += 1
                where.setdefault(stated, segment.where)
    return [
        Finding(
            "fiscal_years_disagree",
            "warning",
            f"เอกสารระบุ 'ประจำปีงบประมาณ {stated}' ({count} แห่ง) ไม่ตรงกับปีของเอกสาร ({year})",
            where[stated],
        )
        for stated, count in sorted(other.items())
    ]


_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Not the writer's digits: scores copied from the assessment system ("86.50"), list labels
# ("1." at the start of a paragraph, Word's numbering), telephone numbers, question codes.
_NOT_WRITTEN = re.compile(
    r"[0-9๐-๙]+[.,][0-9๐-๙]+"
    r"|(?:^|(?<=[\t\ue000]))\s*\(?[0-9๐-๙]{1,2}\s*[.)]"
    r"|0[0-9]{1,2}[- ]?[0-9]{3}[- ]?[0-9]{3,4}|๐[๐-๙]{1,2}[- ]?[๐-๙]{3}[- ]?[๐-๙]{3,4}"
    r"|(?<![A-Za-z])[ieoIEO]\s?[0-9๐-๙]{1,2}(?![0-9๐-๙])"
)
_DIGIT_RUN = re.compile(r"(?<![A-Za-z0-9๐-๙])[0-9๐-๙]+")


def check_digits(segments: list[Segment]) -> list[Finding]:
    """Thai and Arabic digits both written by the writer, in prose (dates, counts, years)."""
    thai: list[str] = []
    arabic_places: list[str] = []
    for segment in segments:
        text = _NOT_WRITTEN.sub(" ", _URL.sub(" ", segment.text))
        for run in _DIGIT_RUN.findall(text):
            if any(ch in THAI_DIGITS for ch in run):
                thai.append(segment.where)
            if any(ch in ARABIC_DIGITS for ch in run):
                arabic_places.append(segment.where)
    if not thai or not arabic_places:
        return []
    minority, style = (
        (thai, "เลขไทย") if len(thai) <= len(arabic_places) else (arabic_places, "เลขอารบิก")
    )
    examples = ", ".join(dict.fromkeys(minority[:3]))
    return [
        Finding(
            "mixed_digits",
            "warning",
            f"เอกสารใช้ทั้งเลขไทย ({len(thai)} แห่ง) และเลขอารบิก ({len(arabic_places)} แห่ง); "
            f"{style}อยู่ที่ {examples}",
            minority[0],
        )
    ]
