"""The year's fixed dates (plan publication, reports due) from `data/calendar.yaml`."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from prongsai.plans.models import fiscal_month_date
from prongsai.progress.periods import period_end

CALENDAR = Path(__file__).parent / "data" / "calendar.yaml"


@cache
def _calendar() -> dict[str, Any]:
    data = yaml.safe_load(CALENDAR.read_text(encoding="utf-8"))
    month = int(data["plan_publication"]["fiscal_month"])
    if not 1 <= month <= 12:
        raise ValueError(f"{CALENDAR}: plan_publication.fiscal_month must be 1–12, not {month}")
    for period, rule in data["reports"].items():
        if int(rule["days_after_period_end"]) < 0:
            raise ValueError(f"{CALENDAR}: reports.{period}.days_after_period_end is negative")
    return dict(data)


def plan_publication_due(fiscal_year: int) -> dt.date:
    """The last day to approve and publish the year's plan."""
    return fiscal_month_date(
        fiscal_year, int(_calendar()["plan_publication"]["fiscal_month"]), end=True
    )


def report_due(fiscal_year: int, period: str) -> dt.date:
    """The last day to send the round's report."""
    days = int(_calendar()["reports"][period]["days_after_period_end"])
    return period_end(fiscal_year, period) + dt.timedelta(days=days)
