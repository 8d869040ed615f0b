"""ITA question and OIT item codes in a plan: normalised, and checked against the framework year."""

from __future__ import annotations

from collections.abc import Iterable

from prongsai.core.ita_codes import canonical_code, split_codes


def normalise_codes(raw: Iterable[str] | str) -> list[str]:
    """ "I19, e 8 ,O๒๕, E-11" → ["i19", "e8", "o25", "e11"] (`core.ita_codes.split_codes`)."""
    return split_codes(raw)


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
        if canonical_code(code) != code or (known is not None and code not in known):
            bad.append(code)
    return bad
