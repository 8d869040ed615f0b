"""The documents Prongsai produces, by kind, for `prongsai render` and the web downloads.

Each domain app registers a builder for the kinds it owns (in AppConfig.ready). A builder takes
the agency, the fiscal year and the options, and returns a document model from
`prongsai.documents.model`; rendering to PDF or DOCX is the document engine's job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from prongsai.orgs.models import Agency


class DocumentUnavailable(Exception):
    """The data a document needs is not there (no plan for that year, say); message in Thai."""


@dataclass(frozen=True)
class DocumentOptions:
    layout: str = "A"
    digits: str | None = None  # None: the agency's choice


Builder = Callable[[Agency, int, DocumentOptions], Any]
_builders: dict[str, Builder] = {}


def register_document(kind: str, builder: Builder) -> None:
    _builders[kind] = builder


def document_kinds() -> list[str]:
    return sorted(_builders)


def build_document(kind: str, agency: Agency, year: int, options: DocumentOptions) -> Any:
    if kind not in _builders:
        raise DocumentUnavailable(f"ไม่รู้จักเอกสารชนิด “{kind}” (มี: {', '.join(document_kinds())})")
    return _builders[kind](agency, year, options)
