"""Fields with few, known values in OCR text: years against the document's fiscal year, quarters.

Tesseract's Thai model misreads Thai digits in ways that move a date decades away: ๖ read as
๒ or ๐ ("๒๕๐๖", "๒๕๒๒" for ๒๕๖๖), ๗ as ๕ or ๑, ๘ and ๔ as ๕. A document is about one fiscal
year, and its dates fall in it. So:

- every year written after a month name, "พ.ศ." or "ปีงบประมาณ" is a reading;
- the fiscal year F is the one (ITA began with fiscal year 2557; at most two years ahead of
  today) that the readings fit best: a date in October to December is in F-1, one in January
  to September in F, a year without a month either; a reading costs 0 per digit it shares with
  that year, `CONFUSION_COST` per digit Tesseract is known to misread that way, 1 per other
  digit;
- a reading that is not itself a plausible year and is at most one digit away from its year
  under F (two known confusions count as one digit) is that year. A plausible year is never
  changed: a document may cite another year, and a real date outside the fiscal year is for
  the checker to report.

Quarters are 1 to 4: "ไตรมาส ๕" is ไตรมาส ๔ (๔ read as ๕), "ไตรมาส ®" is ไตรมาส ๑.
"""

from __future__ import annotations

import datetime as dt
import re

from prongsai.core.thai import BE_OFFSET, MONTH_PATTERN, MONTHS, to_arabic_digits

FIRST_ITA_YEAR = 2557  # the first fiscal year of the ITA assessment
YEARS_AHEAD = 2
CONFUSION_COST = 0.5
MAX_DISTANCE = 1.0
MIN_READINGS = 2  # one misread year alone does not tell the fiscal year
# (true digit, as Tesseract reads it)
_CONFUSIONS = frozenset(
    {("6", "2"), ("6", "0"), ("7", "5"), ("7", "1"), ("8", "5"), ("4", "5"), ("9", "5")}
)
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_YEAR = re.compile(
    rf"(?:(?P<month>{MONTH_PATTERN})|พ\.\s?ศ\.|ปีงบประมาณ)\s*(?:พ\.\s?ศ\.\s*)?"
    r"(?P<year>(?:๒๕|25)[0-9๐-๙]{2})(?![0-9๐-๙])"
)
_QUARTER = re.compile(r"(ไตรมาส\s*(?:ที่)?\s*)(?:([๕5])|®)(?![0-9๐-๙])")
_QUARTER_RANGE = re.compile(r"(ไตรมาส\s*(?:ที่)?\s*[๑-๓1-3]\s*[-–]\s*)([๕5])(?![0-9๐-๙])")


def _plausible(year: int, today: dt.date) -> bool:
    return FIRST_ITA_YEAR <= year <= today.year + BE_OFFSET + YEARS_AHEAD


def distance(read: str, year: int) -> float:
    """How far a reading ("๒๕๒๕") is from a year (2567) by Tesseract's digit confusions."""
    written = to_arabic_digits(read)
    cost = 0.0
    for true, seen in zip(str(year), written, strict=True):
        if true != seen:
            cost += CONFUSION_COST if (true, seen) in _CONFUSIONS else 1.0
    return cost


def _expected(fiscal: int, month: str | None) -> list[int]:
    if month is None:
        return [fiscal - 1, fiscal]
    number = MONTHS.get(month)
    if number is None:
        return [fiscal - 1, fiscal]
    return [fiscal - 1] if number >= 10 else [fiscal]


def _readings(texts: list[str]) -> list[tuple[str | None, str]]:
    return [(m.group("month"), m.group("year")) for text in texts for m in _YEAR.finditer(text)]


def fiscal_year_of(texts: list[str], today: dt.date | None = None) -> int | None:
    """The fiscal year the document's year readings fit best, or None when they do not tell."""
    today = today or dt.date.today()
    readings = _readings(texts)
    if len(readings) < MIN_READINGS:
        return None
    scores: list[tuple[float, int]] = []
    for fiscal in range(FIRST_ITA_YEAR, today.year + BE_OFFSET + YEARS_AHEAD + 1):
        total = sum(min(distance(read, y) for y in _expected(fiscal, m)) for m, read in readings)
        scores.append((total, fiscal))
    scores.sort()
    best, fiscal = scores[0]
    if best > MAX_DISTANCE * len(readings) or (len(scores) > 1 and scores[1][0] == best):
        return None
    return fiscal


def correct_years(texts: list[str], today: dt.date | None = None) -> list[str]:
    """`texts` (a document's cells and lines) with misread years put right (see above)."""
    today = today or dt.date.today()
    fiscal = fiscal_year_of(texts, today)
    if fiscal is None:
        return texts

    def fix(match: re.Match[str]) -> str:
        read = match.group("year")
        if _plausible(int(to_arabic_digits(read)), today):
            return match.group(0)
        options = sorted((distance(read, y), y) for y in _expected(fiscal, match.group("month")))
        cost, year = options[0]
        if cost > MAX_DISTANCE or (len(options) > 1 and options[1][0] == cost):
            return match.group(0)
        written = str(year)
        if read[0] in _THAI_DIGITS:
            written = written.translate(str.maketrans("0123456789", _THAI_DIGITS))
        start = match.start("year") - match.start(0)
        whole = match.group(0)
        return whole[:start] + written + whole[start + len(read) :]

    return [_YEAR.sub(fix, text) for text in texts]


def correct_quarters(text: str) -> str:
    """Quarter numbers Tesseract misread: "ไตรมาส ๕" → ไตรมาส ๔, "ไตรมาส ®" → ไตรมาส ๑."""
    if "ไตรมาส" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        digit = match.group(2)
        if digit is None:
            return match.group(1) + "๑"
        return match.group(1) + ("๔" if digit == "๕" else "4")

    text = _QUARTER_RANGE.sub(lambda m: m.group(1) + ("๔" if m.group(2) == "๕" else "4"), text)
    return _QUARTER.sub(one, text)
