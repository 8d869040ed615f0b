from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.authz.world import PASSWORD

FIXTURES = Path(__file__).parent / "fixtures"
D = Decimal


def client_for(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def clean_slate(world: Any) -> None:
    """Without the months the authorization matrix's world has (tests/authz/cases_procurement)."""
    from prongsai.procurement.models import ProcurementMonth

    ProcurementMonth.objects.filter(agency=world.agency).delete()


@pytest.fixture
def october(world: Any) -> Any:
    """October 2568 (FY2569) of the matrix's agency with two entries, one with three bidders."""
    from prongsai.procurement import services
    from prongsai.procurement.services import BidderInput, EntryInput

    clean_slate(world)
    register = services.month_get_or_create(world.agency, 2569, 10)
    services.entry_add(
        register,
        EntryInput(
            title="จ้างซ่อมแซมถนนลูกรัง หมู่ที่ ๓",
            budget=D("485000"), median_price=D("482600.50"), method="ประกาศเชิญชวนทั่วไป (e-bidding)",
            bidders=[
                BidderInput("หจก.ทรัพย์ทวีการโยธา", D("455000")),
                BidderInput("หจก.เพชรเกษมก่อสร้าง", D("468500")),
                BidderInput("บริษัท ศรีนครวิศวกรรม จำกัด", D("1479000.25")),
            ],
            winner="หจก.ทรัพย์ทวีการโยธา", winner_price=D("455000"),
            reason="เสนอราคาต่ำสุด คุณสมบัติถูกต้อง", contract_no="3/2569",
            project_id="68109123456",
        ),
        user=None,
    )  # fmt: skip
    services.entry_add(
        register,
        EntryInput(
            title="จัดซื้อวัสดุสำนักงาน", budget=D("18500"), method="เฉพาะเจาะจง",
            bidders=[BidderInput("ร้านศรีสุขพาณิชย์", D("18350"))], winner="ร้านศรีสุขพาณิชย์",
            winner_price=D("18350"), reason="ผู้มีอาชีพขายโดยตรง", contract_no="ใบสั่งซื้อ 1/2569",
        ),
        user=None,
    )  # fmt: skip
    return register
