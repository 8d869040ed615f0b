from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.audit.context import acting_as
from prongsai.audit.models import AuditEntry
from prongsai.orgs import services
from prongsai.orgs.models import Person, Unit
from tests.authz.world import PASSWORD


@pytest.mark.django_db
def test_it_records_who_created_changed_and_deleted_a_record(world: Any) -> None:
    editor = world.users["editor"]
    with acting_as(editor):
        unit = services.unit_save(Unit(agency=world.agency, name="กองใหม่", order=9))
        unit.name = "กองใหม่ที่แก้"
        services.unit_save(unit)
        pk = unit.pk
        services.unit_delete(unit)
    entries = list(AuditEntry.objects.filter(model="orgs.unit", object_pk=str(pk)).order_by("pk"))
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert all(e.user == editor and e.username == "editor" for e in entries)
    assert entries[1].changes == {"name": ["กองใหม่", "กองใหม่ที่แก้"]}
    assert all(e.agency_id_value == world.agency.pk for e in entries)


@pytest.mark.django_db
def test_entries_outlive_the_agency_they_describe(world: Any) -> None:
    agency_pk = world.other_agency.pk
    Person.objects.create(agency=world.other_agency, name="นายก", position="นายก")
    world.other_agency.memberships.all().delete()
    world.other_agency.delete()
    assert AuditEntry.objects.filter(agency_id_value=agency_pk, action="delete").exists()


@pytest.mark.django_db
def test_a_web_edit_is_attributed_to_the_signed_in_user(world: Any) -> None:
    client = Client()
    client.login(username="admin", password=PASSWORD)
    client.post(reverse("orgs:units", args=["ours"]), {"name": "กองทดสอบ", "order": 3})
    entry = AuditEntry.objects.get(model="orgs.unit", action="create", object_repr="กองทดสอบ")
    assert entry.username == "admin"
    page = client.get(reverse("audit:log", args=["ours"])).content.decode()
    assert "กองทดสอบ" in page


@pytest.mark.django_db
def test_an_edit_of_the_analysis_texts_is_in_the_agencys_trail(world: Any) -> None:
    from prongsai.analysis import services as analysis

    with acting_as(world.users["editor"]):
        analysis.analysis_texts_save(
            world.agency, 2566, notes={("indicator", "1"): ("ข้อบกพร่องใหม่", "ข้อพัฒนาใหม่")}
        )
    entry = AuditEntry.objects.get(model="analysis.analysisnote", action="create")
    assert entry.agency_id_value == world.agency.pk and entry.username == "editor"
    assert entry.changes["deficiency"] == [None, "ข้อบกพร่องใหม่"]
