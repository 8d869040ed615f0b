from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from prongsai.core.demo import DEMO_PASSWORD, demo_logins
from prongsai.orgs.models import Agency, Membership, Person


@pytest.mark.django_db
def test_demo_builds_the_seed_agency_with_every_role_and_is_idempotent(capsys: Any) -> None:
    call_command("demo")
    demo = Agency.objects.get(slug="demo")
    assert demo.full_name == "องค์การบริหารส่วนตำบลหนองคันทรอง"
    assert demo.short_name == "อบต.หนองคันทรอง"
    assert str(demo.district) == "อำเภอเมืองตราด" and str(demo.province) == "จังหวัดตราด"
    assert Agency.objects.get(slug="laem-ngop").district != demo.district
    assert Person.objects.filter(agency=demo, signs_documents=True).count() >= 3
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"admin", "editor", "viewer", "district", "province", "country"}
    counts = (Agency.objects.count(), Membership.objects.count(), Person.objects.count())
    call_command("demo")
    assert (Agency.objects.count(), Membership.objects.count(), Person.objects.count()) == counts
    out = capsys.readouterr().out
    for username, _ in demo_logins():
        assert username in out


@pytest.mark.django_db
def test_every_printed_demo_login_works() -> None:
    call_command("demo")
    for username, _ in demo_logins():
        assert Client().login(username=username, password=DEMO_PASSWORD), username
