"""FY2568 O12, O13 and O22 are answered by what Prongsai publishes (decision 43): the closed
procurement months of the year (O12) and of the year before (O13), and the published No Gift
report of the year (O22)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from prongsai.oit import services
from prongsai.oit.selectors import register_view
from prongsai.procurement import services as procurement
from prongsai.procurement.models import MonthEvent
from prongsai.procurement.services import EntryInput
from prongsai.registers import services as registers
from prongsai.registers.models import Publication

pytestmark = pytest.mark.django_db


def _close_a_month(agency: Any, year: int) -> None:
    month = procurement.month_get_or_create(agency, year, 10)
    procurement.entry_add(
        month, EntryInput(title="จัดซื้อวัสดุสำนักงาน", budget=Decimal("5000"), method="เฉพาะเจาะจง"),
        user=None,
    )  # fmt: skip
    procurement.month_close(month, user=None)


def _rows(agency: Any) -> dict[str, Any]:
    register = services.register_create(agency, 2568)
    return {r.item.code: r for r in register_view(register).rows}


def test_fy2568_o12_o13_o22_are_answered_by_the_months_and_the_no_gift_report(agency: Any) -> None:
    rows = _rows(agency)
    assert all(rows[c].document is None for c in ("o12", "o13", "o22"))
    _close_a_month(agency, 2568)
    _close_a_month(agency, 2567)
    registers.gift_add(agency, 2568, {
        "received_on": dt.date(2024, 11, 1), "recipient": "นายก", "giver": "ผู้รับเหมา",
        "relation": "other", "item": "กระเช้า", "value": Decimal("800"), "action": "kept",
    })  # fmt: skip
    registers.publish(agency, 2568, "nogift-report", user=None)
    registers.publish(agency, 2567, "nogift-report", user=None)  # another year: not O22's
    rows = _rows(agency)
    for code, year in (("o12", 2568), ("o13", 2567)):
        closing = MonthEvent.objects.get(register__fiscal_year=year, action="closed")
        link = rows[code].document
        assert link is not None and (link.key, link.covers_year) == (
            f"procurement-{closing.pk}",
            year,
        )
    report = Publication.objects.get(fiscal_year=2568)
    assert rows["o22"].document is not None and rows["o22"].document.key == f"registers-{report.pk}"
    assert rows["o12"].ready and rows["o13"].ready and rows["o22"].ready
