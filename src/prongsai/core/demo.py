"""Demo data, built by `prongsai demo`. Each domain app adds its part with `register_demo`;
parts run in the order registered, inside one transaction, and only when the demo agency does not
exist yet (so running `prongsai demo` twice changes nothing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

DEMO_PASSWORD = "prongsai-demo"  # noqa: S105 — printed for the demo; never used in production


@dataclass
class DemoContext:
    objects: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)  # (username, what the role is)


DemoBuilder = Callable[[DemoContext], None]
_builders: list[tuple[str, DemoBuilder]] = []


def register_demo(name: str, builder: DemoBuilder) -> None:
    if name not in {n for n, _ in _builders}:
        _builders.append((name, builder))


def demo_build() -> DemoContext | None:
    """Build the demo data; None when it is there already."""
    from prongsai.orgs.models import Agency

    if Agency.objects.filter(slug="demo").exists():
        return None
    ctx = DemoContext()
    with transaction.atomic():
        for _name, builder in _builders:
            builder(ctx)
    return ctx


def demo_logins() -> list[tuple[str, str]]:
    from prongsai.orgs.demo import LOGINS

    return LOGINS
