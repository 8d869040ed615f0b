"""The documents Prongsai produces, by kind, for `prongsai render` and the web downloads.

Each domain app registers a builder and a label for the kinds it owns (in AppConfig.ready). A
builder takes the agency, the fiscal year and the options, and returns a document model from
`prongsai.documents.model`; rendering to PDF or DOCX is the document engine's job."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.utils import translation
from django.utils.module_loading import import_string

from prongsai.orgs.models import Agency


class DocumentUnavailable(Exception):
    """The data a document needs is not there (no plan for that year, say); message in Thai."""


@dataclass(frozen=True)
class DocumentOptions:
    layout: str = "A"
    digits: str | None = None  # None: the agency's choice
    cover: bool = False  # a cover page first (the plan)


Builder = Callable[[Agency, int, DocumentOptions], Any]
CycleYear = Callable[[Agency, int], int]
F = TypeVar("F", bound=Callable[..., Any])
_builders: dict[str, Builder] = {}
_pending_lock = threading.Lock()
_pending: list[str] = []  # dotted paths of functions that register documents, called on first use
_cycle_years: dict[str, CycleYear] = {}
_labels: dict[str, Any] = {}


def register_document(
    kind: str, builder: Builder | str, label: Any, *, cycle_year: CycleYear | None = None
) -> None:
    """`builder`, or its dotted path: imported when a document of this kind is first built, so
    commands that render nothing never load matplotlib or typst. `label`: what the officer reads
    for this kind (a lazy Thai msgid), never the kind itself. `cycle_year(agency, fy)`: which
    year's document of this kind belongs to the cycle of fiscal year `fy` (the analysis of
    FY2567's cycle is that of the result the FY2567 plan was built on, FY2566's); without it, the
    document of year `fy` itself."""
    _builders[kind] = lazy_builder(builder) if isinstance(builder, str) else builder
    _labels[kind] = label
    if cycle_year is not None:
        _cycle_years[kind] = cycle_year


def register_cycle_year(kind: str, cycle_year: CycleYear) -> None:
    """Let another app say which year of `kind` belongs to a cycle (it knows better)."""
    _cycle_years[kind] = cycle_year


def cycle_year(kind: str, agency: Agency, fiscal_year: int) -> int:
    """The year of the `kind` document in one consistent set for the cycle of `fiscal_year`."""
    resolver = _cycle_years.get(kind)
    return resolver(agency, fiscal_year) if resolver is not None else fiscal_year


def register_later(path: str) -> None:
    """Call the registering function at `path` only when documents are first asked for."""
    _pending.append(path)


def _registry() -> dict[str, Builder]:
    if _pending:
        with _pending_lock:
            while _pending:
                import_string(_pending.pop(0))()
    return _builders


def lazy_builder(path: str) -> Builder:
    def build(*args: Any, **kwargs: Any) -> Any:
        return import_string(path)(*args, **kwargs)

    return build


def document_kinds() -> list[str]:
    return sorted(_registry())


def document_label(kind: str) -> str:
    """The kind's name in the page's language."""
    return str(_labels[kind])


def in_thai(builder: F) -> F:
    """Official documents are Thai whatever language the person asking reads the site in: labels
    that are translated for the UI (statuses, agency types…) are resolved in Thai while building."""

    @functools.wraps(builder)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with translation.override("th"):
            return builder(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@in_thai
def build_document(kind: str, agency: Agency, year: int, options: DocumentOptions) -> Any:
    if kind not in _registry():
        raise DocumentUnavailable(f"ไม่รู้จักเอกสารชนิด “{kind}” (มี: {', '.join(document_kinds())})")
    return _builders[kind](agency, year, options)
