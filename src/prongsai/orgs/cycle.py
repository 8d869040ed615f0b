"""Where an agency stands in its yearly cycle: results → analysis → plan → progress → reports.

Each domain app registers the step it owns (in its AppConfig.ready); steps nobody has registered
yet are shown as not available, so the home page always shows the whole cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai import fiscal_year
from prongsai.orgs.access import AgencyAccess, Need
from prongsai.orgs.models import Agency


@dataclass(frozen=True)
class CycleStep:
    key: str
    title: str
    status: str  # "todo", "doing", "done" or "unavailable"
    summary: str = ""
    url: str | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


STATUS_LABELS = {
    "todo": _("ยังไม่เริ่ม"),
    "doing": _("กำลังดำเนินการ"),
    "done": _("เสร็จแล้ว"),
    "unavailable": _("ยังไม่เปิดใช้"),
}

STEPS: list[tuple[str, Any]] = [
    ("results", _("ผลการประเมิน ITA")),
    ("analysis", _("วิเคราะห์ผลการประเมิน")),
    ("plan", _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส")),
    ("progress", _("ผลการดำเนินการตามมาตรการ")),
    ("reports", _("รายงานรอบ ๖ เดือนและรายงานประจำปี")),
    ("oit", _("ทะเบียนการเปิดเผยข้อมูลสาธารณะ (OIT)")),
    ("registers", _("ทะเบียนหลักฐาน (No Gift, การยืมทรัพย์สิน, ความเสี่ยง, จริยธรรม, การมีส่วนร่วม)")),
]

StepProvider = Callable[[AgencyAccess, int], CycleStep]
_providers: dict[str, StepProvider] = {}


def register_step(key: str, provider: StepProvider) -> None:
    if key not in dict(STEPS):
        raise ValueError(f"unknown cycle step {key!r}")
    _providers[key] = provider


def agency_cycle(access: AgencyAccess, fiscal_year: int) -> list[CycleStep]:
    steps = []
    for key, title in STEPS:
        provider = _providers.get(key)
        if provider is None:
            steps.append(CycleStep(key=key, title=str(title), status="unavailable"))
        else:
            steps.append(provider(access, fiscal_year))
    return steps


# Links in the agency menu, added by each domain app. A user is offered only the links whose page
# they may open: `need` is the access level the page asks for, or `allowed` decides when the page
# has its own rule. Group 0 is the year's work, group 1 the agency's own records (shown after).
MayOpen = Callable[[AgencyAccess, Any], bool]


@dataclass(frozen=True)
class NavEntry:
    title: str
    url_name: str
    need: int = Need.READ
    group: int = 0
    allowed: MayOpen | None = None

    def may_open(self, access: AgencyAccess, user: Any) -> bool:
        if self.allowed is not None:
            return self.allowed(access, user)
        return access.level >= self.need


_nav: list[NavEntry] = []


def register_nav(
    title: str,
    url_name: str,
    need: int = Need.READ,
    *,
    group: int = 0,
    allowed: MayOpen | None = None,
) -> None:
    entry = NavEntry(title, url_name, int(need), group, allowed)
    if entry not in _nav:
        _nav.append(entry)


def agency_nav(access: AgencyAccess | None = None, user: Any = None) -> list[tuple[str, str]]:
    """The menu's (title, url name) in order; with `access`, only those its user may open."""
    ordered = sorted(_nav, key=lambda entry: entry.group)
    return [(e.title, e.url_name) for e in ordered if access is None or e.may_open(access, user)]


# Which fiscal year an agency is working on, as the domain apps know it (e.g. its latest plan).
YearHint = Callable[[Agency], int | None]
_year_hints: list[YearHint] = []


def register_year_hint(hint: YearHint) -> None:
    if hint not in _year_hints:
        _year_hints.append(hint)


def current_cycle_year() -> int:
    """The fiscal year running today (1 October – 30 September, named by its B.E. year)."""
    return fiscal_year(timezone.localdate())


def latest_known_year(agency: Agency) -> int | None:
    """The latest year any domain app knows of for the agency (e.g. its latest plan)."""
    years = [y for hint in _year_hints if (y := hint(agency)) is not None]
    return max(years) if years else None


def next_step(steps: list[CycleStep]) -> CycleStep | None:
    """What to do next: the first step of the year not done yet that can be opened."""
    return next((s for s in steps if s.status in ("todo", "doing") and s.url), None)


def nothing_started(steps: list[CycleStep]) -> bool:
    return all(s.status in ("todo", "unavailable") for s in steps)
