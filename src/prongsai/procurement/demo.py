"""Demo สขร. ๑ of the demo agency, FY2569: October 2568 closed (its official copies kept),
November 2568 open with entries, December 2568 a month without procurement. Plausible amounts
and small local suppliers of an อบต., our own (no real contract is reproduced)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from prongsai.core.demo import DemoContext
from prongsai.procurement import services
from prongsai.procurement.services import BidderInput, EntryInput

D = Decimal
YEAR = 2569

OCTOBER = [
    EntryInput(
        title="จัดซื้อวัสดุสำนักงาน กองคลัง",
        budget=D("18500.00"), median_price=D("18500.00"), method="เฉพาะเจาะจง",
        bidders=[BidderInput("ร้านศรีสุขพาณิชย์", D("18350.00"))],
        winner="ร้านศรีสุขพาณิชย์", winner_price=D("18350.00"),
        reason="เป็นผู้มีอาชีพขายพัสดุนั้นโดยตรง เสนอราคาไม่เกินวงเงิน",
        contract_no="ใบสั่งซื้อ ๑/๒๕๖๙", contract_date=dt.date(2025, 10, 8),
    ),
    EntryInput(
        title="จ้างซ่อมแซมถนนลูกรังสายบ้านหนองคันทรอง หมู่ที่ ๓",
        budget=D("485000.00"), median_price=D("482600.00"),
        method="ประกาศเชิญชวนทั่วไป (e-bidding)",
        bidders=[
            BidderInput("หจก.ทรัพย์ทวีการโยธา", D("455000.00")),
            BidderInput("หจก.เพชรเกษมก่อสร้าง", D("468500.00")),
            BidderInput("บริษัท ศรีนครวิศวกรรม จำกัด", D("479000.00")),
        ],
        winner="หจก.ทรัพย์ทวีการโยธา", winner_price=D("455000.00"),
        reason="เสนอราคาต่ำสุด คุณสมบัติและเอกสารถูกต้องครบถ้วน",
        contract_no="๓/๒๕๖๙", contract_date=dt.date(2025, 10, 27), project_id="68109123456",
    ),
]  # fmt: skip
NOVEMBER = [
    EntryInput(
        title="จัดซื้อน้ำมันเชื้อเพลิงสำหรับรถบรรทุกน้ำ",
        budget=D("12000.00"), median_price=D("12000.00"), method="เฉพาะเจาะจง",
        bidders=[BidderInput("หจก.ปั๊มทองเจริญ", D("12000.00"))],
        winner="หจก.ปั๊มทองเจริญ", winner_price=D("12000.00"),
        reason="เป็นผู้มีอาชีพขายพัสดุนั้นโดยตรง",
        contract_no="ใบสั่งซื้อ ๔/๒๕๖๙", contract_date=dt.date(2025, 11, 3),
    ),
    EntryInput(
        title="จ้างเหมาจัดทำป้ายประชาสัมพันธ์การป้องกันการทุจริต",
        budget=D("6500.00"), median_price=D("6500.00"), method="เฉพาะเจาะจง",
        bidders=[BidderInput("ร้านดีไซน์ป้ายสวย", D("6300.00"))],
        winner="ร้านดีไซน์ป้ายสวย", winner_price=D("6300.00"),
        reason="ราคาเหมาะสม ผลงานตรงตามที่กำหนด",
        contract_no="ใบสั่งจ้าง ๕/๒๕๖๙", contract_date=dt.date(2025, 11, 18),
    ),
]  # fmt: skip


def build_procurement(ctx: DemoContext) -> None:
    agency = ctx.objects["agency"]
    user = ctx.objects.get("admin_user")
    october = services.month_get_or_create(agency, YEAR, 10)
    for entry in OCTOBER:
        services.entry_add(october, entry, user=user)
    services.month_close(october, user=user)
    november = services.month_get_or_create(agency, YEAR, 11)
    for entry in NOVEMBER:
        services.entry_add(november, entry, user=user)
    december = services.month_get_or_create(agency, YEAR, 12)
    services.month_set_nil(december, True, user=user)
