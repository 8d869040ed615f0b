"""The data migration of decision 43: loans' typed item lines become catalogue assets and rows
(one asset per number and agency; an item typed without a number gets "ไม่มีหมายเลข-n", one
per name), events' participant lines become group rows; and back again."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migrating import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("registers", "0002_asset_catalogue")]
AFTER = [("registers", "0004_drop_item_lines")]


def test_typed_items_and_groups_become_catalogue_assets_and_rows(
    migrations_restored: None,
) -> None:
    from prongsai.orgs import services as org_services
    from prongsai.orgs.models import AgencyType

    province = org_services.province_get_or_create(code="92", name="ย้าย")
    district = org_services.district_get_or_create(province=province, code="9201", name="ย้าย")
    ours = org_services.agency_create(
        slug="mig", type=AgencyType.SAO, name="ย้าย", district=district
    )
    theirs = org_services.agency_create(
        slug="mig2", type=AgencyType.SAO, name="ย้าย2", district=district
    )
    try:
        apps = migrate_to(BEFORE)
        Loan, Event = apps.get_model("registers", "Loan"), apps.get_model("registers", "Event")
        day = dt.date(2025, 11, 1)
        common = {"fiscal_year": 2569, "purpose": "งาน", "starts_on": day, "due_on": day}
        Loan.objects.create(agency_id=ours.pk, borrower="หนึ่ง", **common, items=[
            {"asset_number": "416-60-0003", "name": "เครื่องเสียง", "quantity": 1},
            {"asset_number": "", "name": "เต็นท์", "quantity": 4},
        ])  # fmt: skip
        Loan.objects.create(agency_id=ours.pk, borrower="สอง", **common, items=[
            {"asset_number": "416-60-0003", "name": "เครื่องเสียงชุดใหญ่", "quantity": "2"},
            {"asset_number": "", "name": "เต็นท์", "quantity": 1},
            {"asset_number": "", "name": "จอรับภาพ", "quantity": None},
        ])  # fmt: skip
        Loan.objects.create(agency_id=theirs.pk, borrower="สาม", **common, items=[
            {"asset_number": "416-60-0003", "name": "วิทยุ", "quantity": 1},
        ])  # fmt: skip
        Event.objects.create(
            agency_id=ours.pk, fiscal_year=2569, kind="participation", held_on=day,
            topic="ประชาคม", participants=[{"group": "ประชาชน", "count": 85},
                                           {"group": "ผู้นำชุมชน", "count": "12"}],
        )  # fmt: skip

        apps = migrate_to(AFTER)
        Asset = apps.get_model("registers", "Asset")
        LoanItem = apps.get_model("registers", "LoanItem")
        Group = apps.get_model("registers", "ParticipantGroup")
        assert sorted(Asset.objects.filter(agency_id=ours.pk).values_list("number", "name")) == [
            ("416-60-0003", "เครื่องเสียง"),
            ("ไม่มีหมายเลข-1", "เต็นท์"),
            ("ไม่มีหมายเลข-2", "จอรับภาพ"),
        ]
        assert list(Asset.objects.filter(agency_id=theirs.pk).values_list("name", flat=True)) == [
            "วิทยุ"
        ]
        rows = LoanItem.objects.filter(loan__borrower="สอง").order_by("order")
        assert [(r.asset.number, r.quantity, r.agency_id) for r in rows] == [
            ("416-60-0003", 2, ours.pk), ("ไม่มีหมายเลข-1", 1, ours.pk),
            ("ไม่มีหมายเลข-2", 1, ours.pk),
        ]  # fmt: skip
        assert list(Group.objects.order_by("order").values_list("name", "count")) == [
            ("ประชาชน", 85), ("ผู้นำชุมชน", 12),
        ]  # fmt: skip

        apps = migrate_to(BEFORE)  # and back: the lines as they were typed
        Loan = apps.get_model("registers", "Loan")
        assert Loan.objects.get(borrower="หนึ่ง").items == [
            {"asset_number": "416-60-0003", "name": "เครื่องเสียง", "quantity": 1},
            {"asset_number": "", "name": "เต็นท์", "quantity": 4},
        ]
        assert apps.get_model("registers", "Event").objects.get().participants[1] == {
            "group": "ผู้นำชุมชน", "count": 12,
        }  # fmt: skip
    finally:
        migrate_to_latest()
