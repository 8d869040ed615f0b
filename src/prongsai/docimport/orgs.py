"""Agency names in documents: "อบต.หนองคันทรอง", "องค์การบริหารส่วนตำบลบ้านปรก",
"เทศบาลตำบลคงสมบูรณ์ อำเภอท่าคันโท จังหวัดกาฬสินธุ์".

Types use the values of `prongsai.orgs.models.AgencyType`: sao, tambon, mueang, nakhon, pao.
Names are stored without their type prefix, districts without "อำเภอ", provinces without
"จังหวัด", as the orgs models do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pythainlp.corpus import provinces

from .text import readable, squash

AGENCY_PREFIXES: dict[str, str] = {
    "องค์การบริหารส่วนตำบล": "sao",
    "องค์การบริหารส่วนจังหวัด": "pao",
    "เทศบาลตำบล": "tambon",
    "เทศบาลเมือง": "mueang",
    "เทศบาลนคร": "nakhon",
    "อบต.": "sao",
    "อบจ.": "pao",
    "ทต.": "tambon",
    "ทม.": "mueang",
    "ทน.": "nakhon",
}
TYPE_LABELS: dict[str, str] = {
    "sao": "องค์การบริหารส่วนตำบล",
    "tambon": "เทศบาลตำบล",
    "mueang": "เทศบาลเมือง",
    "nakhon": "เทศบาลนคร",
    "pao": "องค์การบริหารส่วนจังหวัด",
}
TYPE_SHORT: dict[str, str] = {
    "sao": "อบต.",
    "tambon": "ทต.",
    "mueang": "ทม.",
    "nakhon": "ทน.",
    "pao": "อบจ.",
}

_THAI_NAME = "[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]+"
_LONG = "|".join(re.escape(p) for p in sorted(AGENCY_PREFIXES, key=len, reverse=True) if len(p) > 4)
# Short forms must not be the tail of a longer word ("ตัวแทน." is not "ทน.").
# A space may follow a short form ("อบต. บ้านปรก") but not a long one, where it is usually
# running text ("พนักงานครู องค์การบริหารส่วนตำบล ลูกจ้างประจำ").
# A hyphen inside a name joins its parts ("บ้านกลาง-หนองแวง"); a spaced dash does not.
_HYPHENATED_NAME = rf"{_THAI_NAME}(?:-{_THAI_NAME})*"
_AGENCY = re.compile(
    rf"(?:({_LONG})|(อบต\.|อบจ\.|(?<![\u0e01-\u0e4e])(?:ทต\.|ทม\.|ทน\.))\s?)({_HYPHENATED_NAME})"
)

# Words that follow an agency name in running text with no space between them
# ("เทศบาลตำบลชารากมีผลการประเมิน…"): the name ends where one of these begins. Short words are
# only used on long runs, so that a real name containing one survives.
_STOP_WORDS = (
    "มีผล",
    "มีคะแนน",
    "มีการ",
    "มีความ",
    "ปีงบประมาณ",
    "ประจำปี",
    "ประจำ",
    "อำเภอ",
    "จังหวัด",
    "ได้คะแนน",
    "ได้รับ",
    "ได้ดำเนิน",
    "พบว่า",
    "ตามที่",
    "ในการ",
    "ในปี",
    "ในภาพรวม",
    "ที่ได้",
    "ที่มี",
    "ที่ตั้ง",
    "ลงวันที่",
    "เรื่อง",
    "สำนักปลัด",
    "สำนัก",
    "กองคลัง",
    "กองช่าง",
    "กองการ",
    "กองสาธารณสุข",
    "ทั้งนี้",
    "ดังนี้",
    "ได้แก่",
    "คะแนน",
    "ผลการ",
    "เพื่อ",
)
_SHORT_STOP_WORDS = ("ได้", "ซึ่ง", "โดย", "จึง", "ตาม", "และ", "ให้", "ของ", "อยู่", "เป็น", "จะ", "นั้น")
MAX_NAME_CHARS = 30
_SHORT_RUN = 12


def _cut_at(run: str, words: tuple[str, ...]) -> str:
    cut = len(run)
    for word in words:
        position = run.find(word, 2)
        if 0 < position < cut:
            cut = position
    return run[:cut]


def cut_name(run: str) -> str:
    """The agency name at the start of a run of Thai letters, cut where running text begins."""
    name = _cut_at(run, _STOP_WORDS)
    if len(name) > _SHORT_RUN:
        name = _cut_at(name, _SHORT_STOP_WORDS)
    return name[:MAX_NAME_CHARS]


@dataclass(frozen=True)
class Mention:
    type: str
    name: str
    raw: str  # as written, prefix included
    line: int  # 1-based line number
    column: int


def find_agency_mentions(lines: list[str]) -> list[Mention]:
    """Every agency-like name in the lines, in order."""
    mentions: list[Mention] = []
    for number, line in enumerate(lines, start=1):
        if "บ" not in line and "ท" not in line:
            continue
        line = readable(line)
        for match in _AGENCY.finditer(line):
            name = cut_name(match.group(3))
            if len(name) < 2:
                continue
            prefix = match.group(1) or match.group(2)
            raw = f"{prefix}{name}"
            mentions.append(Mention(AGENCY_PREFIXES[prefix], name, raw, number, match.start()))
    return mentions


def split_agency_name(value: str) -> tuple[str | None, str]:
    """("sao", "หนองคันทรอง") for "อบต.หนองคันทรอง"; (None, name) for a bare name."""
    text = squash(value)
    for prefix in sorted(AGENCY_PREFIXES, key=len, reverse=True):
        if text.startswith(prefix):
            return AGENCY_PREFIXES[prefix], text[len(prefix) :]
    return None, text


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, or `limit` when it is at least that (bounded work)."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) >= limit:
            return limit
        previous = current
    return min(previous[-1], limit)


def name_distance(own: str, written: str) -> int:
    """How far a written name is from the agency's own name, allowing trailing running text
    that was not cut off ("หนองคันทรังได้" still reads as one letter off)."""
    if written.startswith(own):
        return 0
    best = 3
    for extra in range(-2, 3):
        length = len(own) + extra
        if 0 < length <= len(written):
            best = min(best, edit_distance(own, written[:length]))
    return best


@cache
def _province_table() -> tuple[tuple[str, ...], dict[str, str]]:
    rows: list[Any] = list(provinces(details=True))
    names = tuple(sorted((str(row["name_th"]) for row in rows), key=len, reverse=True))
    codes = {str(row["abbr_th"]): str(row["name_th"]) for row in rows}
    return names, codes


def province_at_start(text: str) -> str | None:
    """The province whose name `text` starts with ("ตราดพบว่า" → ตราด)."""
    names, _codes = _province_table()
    compact = squash(text)
    if compact.startswith("กรุงเทพ"):
        return "กรุงเทพมหานคร"
    return next((name for name in names if compact.startswith(name)), None)


def province_from_code(code: str) -> str | None:
    """The province of a document-number prefix ("สส" in "ที่ สส ๗๑๘๐๑/-")."""
    return _province_table()[1].get(code)


_DISTRICT = re.compile(rf"(?:อำเภอ|(?<![\u0e01-\u0e4e])อ\.)\s?({_THAI_NAME})")
_PROVINCE = re.compile(rf"(?:จังหวัด|(?<![\u0e01-\u0e4e])จ\.)\s?({_THAI_NAME})")
_DISTRICT_STOPS = ("จังหวัด", "จ.", "ตำบล", "ประจำ", "ปีงบ", "พบว่า", "โดย", "ได้")


def district_in(text: str) -> str | None:
    match = _DISTRICT.search(text)
    if not match:
        return None
    name = match.group(1)
    for stop in _DISTRICT_STOPS:
        position = name.find(stop, 2)
        if position > 0:
            name = name[:position]
    return name[:MAX_NAME_CHARS] or None


def province_in(text: str) -> tuple[str | None, str | None]:
    """(known province, the name as written) for the first "จังหวัดX" in `text`."""
    match = _PROVINCE.search(text)
    if not match:
        return None, None
    return province_at_start(match.group(1)), cut_name(match.group(1))
