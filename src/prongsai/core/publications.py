"""What an agency publishes, from any app: official documents and public channels.

Apps register, in their `AppConfig.ready`:
- **document kinds** (`register_document_kind`): the name framework data uses in an OIT item's
  `answered_by`, the public title and the label the framework page shows;
- **document sources** (`register_document_source`): objects with `documents(agency)` (every
  official copy of the agency, never a draft) and `official(agency_ids, years)` (the
  `(agency_id, kind, fiscal_year)` of every official copy, in bulk, for oversight readiness);
- **public channels** (`register_public_channel`): pages a citizen uses without signing in
  (report corruption, complain, ask, rate a service), listed on the agency's public hub and its
  poster.

`prongsai.oit.documents` reads the documents (public pages, the OIT register's automatic links,
readiness); this module only holds the registry, so the framework loader can check
`answered_by` without importing the apps that publish.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from prongsai.orgs.models import Agency


@dataclass(frozen=True)
class Alternate:
    """The same official document in another format (the XLSX of a table)."""

    ext: str  # "xlsx", "docx": the last part of its URL
    copy_path: str
    size: int
    sha256: str
    content_type: str


@dataclass(frozen=True)
class DocumentKind:
    key: str  # used by framework data: `answered_by: <key>`
    title: str  # the public title; " ปีงบประมาณ พ.ศ. <year>" follows it
    label: Any  # (lazy) label of the framework page: "answered by …"
    order: int = 50  # position on the public page: plans 0, reports 10–20


@dataclass(frozen=True)
class PublicDocument:
    key: str  # "plan-12", "report-34": the stable part of its URL, unique across sources
    kind: str
    fiscal_year: int
    at: dt.datetime  # when it became official
    copy_path: str
    size: int
    sha256: str
    superseded_by: str | None = None  # the key of the newer official version
    part: str = ""  # one document of several per kind and year (a month: "2569-03")
    title_text: str = ""  # a full title instead of the kind's title and the year
    alternates: tuple[Alternate, ...] = ()

    @property
    def title(self) -> str:
        if self.title_text:
            return self.title_text
        kind = _KINDS.get(self.kind)
        name = kind.title if kind else self.kind
        return f"{name} ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def current(self) -> bool:
        return self.superseded_by is None

    def alternate(self, ext: str) -> Alternate | None:
        return next((a for a in self.alternates if a.ext == ext), None)


class DocumentSource(Protocol):
    def documents(self, agency: Agency) -> Iterable[PublicDocument]: ...

    def official(
        self, agency_ids: list[int], years: Iterable[int]
    ) -> Iterable[tuple[int, str, int]]: ...


@dataclass(frozen=True)
class PublicChannel:
    key: str
    title: Any  # (lazy) Thai title
    url_name: str  # reversed with slug=<agency slug>
    description: Any = ""
    order: int = 50
    enabled: Callable[[Agency], bool] | None = None  # None: every agency


_KINDS: dict[str, DocumentKind] = {}
_SOURCES: list[DocumentSource] = []
_CHANNELS: dict[str, PublicChannel] = {}


def register_document_kind(kind: DocumentKind) -> None:
    _KINDS[kind.key] = kind


def register_document_source(source: DocumentSource) -> None:
    if all(s is not source for s in _SOURCES):
        _SOURCES.append(source)


def unregister_document_source(source: DocumentSource) -> None:
    _SOURCES[:] = [s for s in _SOURCES if s is not source]


def register_public_channel(
    key: str,
    title: Any,
    url_name: str,
    description: Any = "",
    order: int = 50,
    enabled: Callable[[Agency], bool] | None = None,
) -> None:
    _CHANNELS[key] = PublicChannel(key, title, url_name, description, order, enabled)


def document_kinds() -> dict[str, DocumentKind]:
    return dict(_KINDS)


def kind_order(key: str) -> int:
    kind = _KINDS.get(key)
    return kind.order if kind else 99


def document_sources() -> list[DocumentSource]:
    return list(_SOURCES)


def public_channels(agency: Agency) -> list[PublicChannel]:
    return sorted(
        (c for c in _CHANNELS.values() if c.enabled is None or c.enabled(agency)),
        key=lambda c: (c.order, c.key),
    )
