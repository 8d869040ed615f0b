from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tests.authz.world import PASSWORD

SEED_2566 = ["99.00", "95.63", "96.49", "93.63", "97.50", "95.88", "93.88", "94.55", "100", "100"]


def indicators(values: list[str]) -> dict[int, Decimal]:
    return {n: Decimal(v) for n, v in enumerate(values, start=1)}


@pytest.fixture
def agency(db: Any) -> Any:
    from prongsai.orgs import services
    from prongsai.orgs.models import AgencyType

    province = services.province_get_or_create(code="91", name="ผลทดสอบ")
    district = services.district_get_or_create(province=province, code="9101", name="ผล")
    return services.agency_create(
        slug="res", type=AgencyType.SAO, name="ผลทดสอบ", district=district
    )


@pytest.fixture
def editor_client(world: Any) -> Client:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    return client
