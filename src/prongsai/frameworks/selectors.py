"""Reads: which framework years are loaded, and a year's scheme and structure."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.models import Count, QuerySet

from prongsai.frameworks.files import FrameworkFileError, framework_codes, load_framework_file
from prongsai.frameworks.models import CALENDAR_LABELS, Framework, Indicator, OitItem, Question
from prongsai.frameworks.scoring import Scheme, ScoreError


def framework_list() -> QuerySet[Framework]:
    """Every loaded year with its counts (tools, indicators, questions, OIT items)."""
    return Framework.objects.annotate(
        n_tools=Count("tools", distinct=True),
        n_indicators=Count("indicators", distinct=True),
        n_questions=Count("questions", distinct=True),
        n_oit_items=Count("oit_items", distinct=True),
    ).order_by("year")


def framework_summaries() -> list[dict[str, Any]]:
    """The loaded years with their counts, as plain data (for `prongsai frameworks --json`)."""
    return [
        {
            "year": f.year,
            "title_th": f.title_th,
            "level_scheme": f.level_scheme,
            "tools": f.n_tools,  # type: ignore[attr-defined]
            "indicators": f.n_indicators,  # type: ignore[attr-defined]
            "questions": f.n_questions,  # type: ignore[attr-defined]
            "oit_items": f.n_oit_items,  # type: ignore[attr-defined]
            "origin": f.origin,
            "loaded_at": f.loaded_at.isoformat(),
        }
        for f in framework_list()
    ]


def framework_years() -> list[int]:
    return list(Framework.objects.order_by("year").values_list("year", flat=True))


def framework_for_year(year: int) -> Framework | None:
    return Framework.objects.filter(year=year).first()


def framework_data(year: int) -> dict[str, Any]:
    """A year's framework as data: the loaded one (with an administrator's corrections), else
    the file shipped with Prongsai. Raises ScoreError (Thai) when there is neither."""
    row = Framework.objects.filter(year=year).values_list("data", flat=True).first()
    if row is not None:
        return row
    try:
        return load_framework_file(year)
    except FrameworkFileError:
        raise ScoreError(f"ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ {year}") from None


def known_codes(year: int) -> set[str] | None:
    """A year's question and OIT item codes (lower case), or None when the year is not known."""
    try:
        return framework_codes(framework_data(year))
    except ScoreError:
        return None


def scheme_for_year(year: int) -> Scheme:
    fw = Framework.objects.filter(year=year).values_list("content_hash", flat=True).first()
    if fw is None:
        return Scheme.from_framework(framework_data(year))
    return _scheme_cached(year, fw)


@lru_cache(maxsize=32)
def _scheme_cached(year: int, _digest: str) -> Scheme:
    return Scheme.from_framework(framework_data(year))


def framework_indicators(framework: Framework) -> QuerySet[Indicator]:
    return framework.indicators.select_related("tool").order_by("number")


def framework_questions(framework: Framework) -> QuerySet[Question]:
    return framework.questions.select_related("indicator__tool").order_by("order")


def framework_oit_items(framework: Framework) -> QuerySet[OitItem]:
    return framework.oit_items.select_related("indicator").order_by("order")


def calendar_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The ITAS calendar of a framework file for display: every window the schema knows, with
    its dates when the file gives them (None: not known)."""
    from prongsai.frameworks.extras import CALENDAR_KEYS, calendar_windows

    windows = calendar_windows(data)
    return [
        {"key": key, "label": CALENDAR_LABELS[key], "window": windows.get(key)}
        for key in CALENDAR_KEYS
    ]


def itas_calendar(year: int) -> dict[str, Any]:
    """The known windows of a fiscal year's ITAS calendar, by key ({} when the year is unknown)."""
    from prongsai.frameworks.extras import calendar_windows

    try:
        return dict(calendar_windows(framework_data(year)))
    except (ScoreError, FrameworkFileError):
        return {}
