"""The demo agency's FY2569 register: partly ready, linked to its public documents."""

from __future__ import annotations

from typing import Any


def build_demo_oit(ctx: Any) -> None:
    return None
