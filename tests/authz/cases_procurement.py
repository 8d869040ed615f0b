from decimal import Decimal
from typing import Any

from tests.authz.matrix import MANAGE, READ, WRITE, Case


def build(world: Any) -> None:
    from prongsai.procurement import services
    from prongsai.procurement.services import BidderInput, EntryInput

    october = services.month_get_or_create(world.agency, 2569, 10)
    entry = services.entry_add(
        october,
        EntryInput(
            title="จัดซื้อวัสดุสำนักงาน", budget=Decimal("18500"), method="เฉพาะเจาะจง",
            bidders=[BidderInput("ร้านศรีสุขพาณิชย์", Decimal("18350"))],
            winner="ร้านศรีสุขพาณิชย์", winner_price=Decimal("18350"), contract_no="1/2569",
        ),
        user=None,
    )  # fmt: skip
    december = services.month_get_or_create(world.agency, 2569, 12)
    services.month_set_nil(december, True, user=None)
    # a closed month in the year of the matrix's plan: its evidence page offers the measures
    closed = services.month_set_nil(
        services.month_get_or_create(world.agency, 2567, 10), True, user=None
    )
    services.month_close(closed, user=None)
    world.objects.update({"procurement_entry": entry})


def month(year: int = 2569, m: int = 10) -> Any:
    return lambda w: {"slug": w.agency.slug, "year": year, "month": m}


def entry(w: Any) -> dict[str, Any]:
    return {**month()(w), "pk": w.objects["procurement_entry"].pk}


def entry_data(w: Any) -> dict[str, Any]:
    return {
        "title": "จัดซื้อวัสดุสำนักงาน (แก้ไข)", "budget": "18500", "method": "เฉพาะเจาะจง",
        "bid-TOTAL_FORMS": "1", "bid-INITIAL_FORMS": "0", "bid-0-name": "ร้านเอ",
        "bid-0-price": "100",
    }  # fmt: skip


CASES = [
    Case("procurement:index", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("procurement:template", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("procurement:year", READ, kwargs=lambda w: {"slug": w.agency.slug, "year": 2569}),
    Case(
        "procurement:year_download",
        READ,
        kwargs=lambda w: {"slug": w.agency.slug, "year": 2569, "fmt": "xlsx"},
    ),
    Case(
        "procurement:quarter_download",
        READ,
        kwargs=lambda w: {"slug": w.agency.slug, "year": 2569, "quarter": 1, "fmt": "xlsx"},
    ),
    Case("procurement:month", READ, kwargs=month()),
    Case("procurement:month", READ, kwargs=month(2569, 12)),
    Case("procurement:month", READ, kwargs=month(2567, 10)),
    Case("procurement:month_download", READ, kwargs=lambda w: {**month()(w), "fmt": "xlsx"}),
    Case("procurement:month_download", READ, kwargs=lambda w: {**month()(w), "fmt": "pdf"}),
    Case("procurement:entry_new", WRITE, kwargs=month()),
    Case("procurement:entry_new", WRITE, kwargs=month(), method="post", data=entry_data),
    Case("procurement:entry_edit", WRITE, kwargs=entry),
    Case("procurement:entry_edit", WRITE, kwargs=entry, method="post", data=entry_data),
    Case("procurement:entry_delete", WRITE, kwargs=entry, method="post"),
    Case("procurement:import", WRITE, kwargs=month()),
    Case("procurement:import", WRITE, kwargs=month(), method="post"),
    Case(
        "procurement:nil", WRITE, kwargs=month(2569, 12), method="post", data=lambda w: {"nil": "0"}
    ),
    Case("procurement:close", MANAGE, kwargs=month(), method="post"),
    Case("procurement:reopen", MANAGE, kwargs=month(2567, 10)),
    Case(
        "procurement:reopen",
        MANAGE,
        kwargs=month(2567, 10),
        method="post",
        data=lambda w: {"reason": "แก้ไขเลขที่สัญญา"},
    ),
    Case("procurement:evidence", WRITE, kwargs=month(2567, 10)),
    Case("procurement:evidence", WRITE, kwargs=month(2567, 10), method="post"),
]
