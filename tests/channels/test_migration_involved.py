"""Migration 0003 encrypts the people involved that earlier versions kept in clear, and going
back decrypts them (decision 42)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from prongsai.channels import crypto
from tests.migrating import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("channels", "0002_statscopy")]
AFTER = [("channels", "0003_report_involved_encrypted")]


def test_names_kept_in_clear_are_encrypted_and_decrypted_back(migrations_restored: None) -> None:
    from prongsai.orgs import services as org_services
    from prongsai.orgs.models import AgencyType

    province = org_services.province_get_or_create(code="92", name="ทดสอบย้าย")
    district = org_services.district_get_or_create(province=province, code="9201", name="ย้าย")
    agency = org_services.agency_create(
        slug="mig", type=AgencyType.SAO, name="ย้าย", district=district
    )
    try:
        old = migrate_to(BEFORE)
        Report = old.get_model("channels", "Report")
        common = {
            "agency_id": agency.pk,
            "kind": "corruption",
            "fiscal_year": 2569,
            "subject": "ส",
            "body": "ร",
            "created_at": timezone.now(),
            "due_on": timezone.localdate(),
        }
        named = Report.objects.create(
            number=1, code_hash="a" * 64, named_people="นายเก่า ชื่อชัด", **common
        )
        Report.objects.create(number=2, code_hash="b" * 64, named_people="", **common)

        new = migrate_to(AFTER)
        rows = dict(
            new.get_model("channels", "Report").objects.values_list("number", "involved_ciphertext")
        )
        assert "นายเก่า".encode() not in bytes(rows[1])
        assert crypto.decrypt(bytes(rows[1])).decode() == "นายเก่า ชื่อชัด"
        assert bytes(rows[2]) == b""
        with connection.cursor() as cursor:
            columns = [
                c.name
                for c in connection.introspection.get_table_description(cursor, "channels_report")
            ]
        assert "named_people" not in columns

        back = migrate_to(BEFORE)
        assert back.get_model("channels", "Report").objects.get(pk=named.pk).named_people == (
            "นายเก่า ชื่อชัด"
        )
    finally:
        migrate_to_latest()
