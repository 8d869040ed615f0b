from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from prongsai.orgs import services
from prongsai.orgs.access import Need, agency_access, visible_agencies
from prongsai.orgs.models import Membership, Role, Unit


@pytest.mark.django_db
def test_a_new_agency_gets_the_standard_units(world: Any) -> None:
    names = list(Unit.objects.filter(agency=world.agency).values_list("name", flat=True))
    assert names[:2] == ["สำนักปลัด", "กองคลัง"]


@pytest.mark.django_db
def test_adding_a_member_creates_the_account_without_a_usable_password(world: Any) -> None:
    m = services.member_add(
        agency=world.agency, username="newbie", email="n@example.com", role=Role.EDITOR
    )
    assert m.user.has_usable_password() is False
    assert agency_access(m.user, world.agency).level == Need.WRITE


@pytest.mark.django_db
def test_it_refuses_to_add_the_same_user_twice(world: Any) -> None:
    with pytest.raises(ValidationError):
        services.member_add(agency=world.agency, username="editor", email="", role=Role.VIEWER)


@pytest.mark.django_db
def test_the_last_admin_cannot_be_removed_or_demoted(world: Any) -> None:
    admin = Membership.objects.get(user=world.users["admin"])
    with pytest.raises(ValidationError):
        services.member_remove(admin)
    with pytest.raises(ValidationError):
        services.member_set_role(admin, Role.VIEWER)
    assert Membership.objects.get(pk=admin.pk).role == Role.ADMIN


@pytest.mark.django_db
def test_an_overseer_role_needs_a_matching_scope(world: Any) -> None:
    with pytest.raises((ValidationError, IntegrityError)):
        services.oversight_grant(world.users["viewer"], Role.PROVINCE_OVERSEER)


@pytest.mark.django_db
def test_a_person_cannot_belong_to_another_agencys_unit(world: Any) -> None:
    person = world.objects["person"]
    person.unit = Unit.objects.filter(agency=world.other_agency).first()
    with pytest.raises(ValidationError):
        services.person_save(person)


@pytest.mark.django_db
def test_overseers_read_every_agency_below_them_and_nothing_else(world: Any) -> None:
    above = world.users["overseer_above"]
    assert agency_access(above, world.agency).level == Need.READ
    assert agency_access(above, world.other_agency).level == 0
    services.oversight_grant(above, Role.PROVINCE_OVERSEER, province=world.agency.district.province)
    above._prongsai_memberships = None
    assert set(visible_agencies(above)) == {world.agency, world.other_agency}
