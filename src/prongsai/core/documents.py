"""The documents Prongsai produces, by kind, for `prongsai render` and the web downloads.

Each domain app registers a builder and a label for the kinds it owns (in AppConfig.ready). A
builder takes the agency, the fiscal year and the options, and returns a document model from
`prongsai.documents.model`; rendering to PDF or DOCX is the document engine's job."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.utils import translation

from prongsai.orgs.models import Agency


class DocumentUnavailable(Exception):
    """The data a document needs is not there (no plan for that year, say); message in Thai."""


@dataclass(frozen=True)
class DocumentOptions:
    layout: str = "A"
    digits: str | None = None  # None: the agency's choice


Builder = Callable[[Agency, int, DocumentOptions], Any]
F = TypeVar("F", bound=Callable[..., Any])
_builders: dict[str, Builder] = {}
_labels: dict[str, Any] = {}


def register_document(kind: str, builder: Builder, label: Any) -> None:
    """`label`: what the officer reads for this kind (a lazy Thai msgid), never the kind itself."""
    _builders[kind] = builder
    _labels[kind] = label


def document_kinds() -> list[str]:
    return sorted(_builders)


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
    if kind not in _builders:
        raise DocumentUnavailable(f"ไม่รู้จักเอกสารชนิด “{kind}” (มี: {', '.join(document_kinds())})")
    return _builders[kind](agency, year, options)
