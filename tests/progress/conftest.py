from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from prongsai.plans.models import Measure, Plan
from prongsai.progress import services
from prongsai.progress.models import Action
from tests.progress.factories import make_plan, signers


@pytest.fixture
def plan(world: Any) -> Plan:
    signers(world.agency)
    return make_plan(world.agency)


def act(
    measure: Measure, day: dt.date, text: str, *, completes: bool = False, url: str = ""
) -> Action:
    return services.action_add(
        measure, user=None, data={"date": day, "text": text, "completes": completes}, url=url
    )


def document_text(value: Any) -> str:
    """Every user string of a document model, joined by newlines."""
    out: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, list | tuple):
            for item in v:
                walk(item)
        elif dataclasses.is_dataclass(v) and not isinstance(v, type):
            for f in dataclasses.fields(v):
                if not f.metadata.get("raw"):
                    walk(getattr(v, f.name))

    walk(value)
    return "\n".join(out)
