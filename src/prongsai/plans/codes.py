"""ITA question and OIT item codes in a plan: normalised, and checked against the framework year."""

from __future__ import annotations

import re
from collections.abc import Iterable

from prongsai.core.thai import to_arabic_digits

_CODE = re.compile(r"^([ieo])(\d{1,2})$")


def normalise_codes(raw: Iterable[str] | str) -> list[str]:
    """ "I19, e 8 ,O๒๕" → ["i19", "e8", "o25"]; order kept, duplicates dropped, junk kept as typed
    (so validation can name it)."""
    items = re.split(r"[,\s;/]+", raw) if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in items:
        code = to_arabic_digits(str(item)).strip().lower().replace(" ", "")
        if code and code not in out:
            out.append(code)
    return out


def known_codes(year: int) -> set[str] | None:
    """The codes of a fiscal year's framework, or None when that year is not known."""
    from prongsai.frameworks.files import framework_codes
    from prongsai.frameworks.scoring import ScoreError
    from prongsai.frameworks.selectors import framework_data

    try:
        return framework_codes(framework_data(year))
    except ScoreError:
        return None


def invalid_codes(codes: Iterable[str], year: int) -> list[str]:
    known = known_codes(year)
    bad = []
    for code in codes:
        if not _CODE.match(code) or (known is not None and code not in known):
            bad.append(code)
    return bad
