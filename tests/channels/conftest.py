from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from prongsai.channels import services
from prongsai.core import abuse
from prongsai.orgs import services as org_services
from prongsai.orgs.models import AgencyType, Membership, Role

# a distinctive identity: any place it shows up outside the receiver's identity view is a leak
MARK = "มาร์คลับ-ZQX7731"
PHONE = "0812345678"
EMAIL = "secret-reporter-zqx@example.org"


@dataclass
class Cast:
    agency: Any
    other_agency: Any
    users: dict[str, Any]

    def client(self, name: str) -> Client:
        client = Client()
        client.force_login(self.users[name])
        return client


@pytest.fixture
def cast(db: Any) -> Cast:
    province = org_services.province_get_or_create(code="91", name="ทดสอบช่องทาง")
    d1 = org_services.district_get_or_create(province=province, code="9101", name="หนึ่ง")
    d2 = org_services.district_get_or_create(province=province, code="9102", name="สอง")
    agency = org_services.agency_create(slug="ch", type=AgencyType.SAO, name="ช่องทาง", district=d1)
    other = org_services.agency_create(slug="ch2", type=AgencyType.SAO, name="อีกแห่ง", district=d2)
    User = get_user_model()
    names = ["admin", "editor", "receiver", "receiver2", "other_receiver", "overseer"]
    users = {
        n: User.objects.create_user(username=n, email=f"{n}@example.go.th", password="x-pass-123")
        for n in names
    }
    users["receiver"].first_name, users["receiver"].last_name = "สมศรี", "รับเรื่องดี"
    users["receiver"].save()
    Membership.objects.create(user=users["admin"], agency=agency, role=Role.ADMIN)
    Membership.objects.create(user=users["editor"], agency=agency, role=Role.EDITOR)
    Membership.objects.create(user=users["receiver"], agency=agency, role=Role.VIEWER)
    Membership.objects.create(user=users["receiver2"], agency=agency, role=Role.VIEWER)
    Membership.objects.create(user=users["other_receiver"], agency=other, role=Role.ADMIN)
    org_services.oversight_grant(users["overseer"], Role.PROVINCE_OVERSEER, province=province)
    services.receiver_add(agency, users["receiver"], "นางสมศรี รับเรื่องดี")
    services.receiver_add(agency, users["receiver2"], "นายสมชาย สำรองดี")
    services.receiver_add(other, users["other_receiver"], "นายอื่น ต่างหน่วย")
    return Cast(agency, other, users)


def form_data(**extra: Any) -> dict[str, Any]:
    return {
        "subject": "เรียกรับเงินค่าใบอนุญาต",
        "body": "มีการเรียกรับเงินห้าพันบาทเพื่อออกใบอนุญาตก่อสร้าง",
        "started": abuse.start_token(time.time() - 60),
        **extra,
    }


def identity_data() -> dict[str, str]:
    return {
        "give_identity": "on",
        "name": MARK,
        "phone": PHONE,
        "email": EMAIL,
        "address": f"บ้าน {MARK}",
    }
