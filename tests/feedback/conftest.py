from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

PASSWORD = "feedback-test-password-1"


@pytest.fixture
def small(db: Any) -> Any:
    """One agency with an editor and a viewer (the full authz world is slow to build)."""
    from django.contrib.auth import get_user_model

    from prongsai.orgs import services
    from prongsai.orgs.models import AgencyType, Membership, Role

    province = services.province_get_or_create(code="91", name="ทดสอบ")
    district = services.district_get_or_create(province=province, code="9101", name="หนึ่ง")
    agency = services.agency_create(slug="fb", type=AgencyType.SAO, name="ทดสอบ", district=district)
    User = get_user_model()
    users = {
        name: User.objects.create_user(username=name, password=PASSWORD)
        for name in ("editor", "viewer")
    }
    Membership.objects.create(user=users["editor"], agency=agency, role=Role.EDITOR)
    Membership.objects.create(user=users["viewer"], agency=agency, role=Role.VIEWER)
    return SimpleNamespace(agency=agency, users=users)
