"""The module-wide world (`shared_world`): built once, and each test's writes are undone."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.orgs.models import Agency, Person

pytestmark = pytest.mark.django_db

SEEN: list[int] = []


def test_a_test_may_write_to_the_shared_world(shared_world: Any) -> None:
    SEEN.append(id(shared_world))
    Person.objects.create(agency=shared_world.agency, name="นายชั่วคราว ทดสอบ", position="ทดลอง")
    Agency.objects.filter(pk=shared_world.agency.pk).update(name="ชื่อชั่วคราว")
    assert Person.objects.filter(name="นายชั่วคราว ทดสอบ").exists()


def test_the_next_test_sees_the_world_as_it_was_built(shared_world: Any) -> None:
    SEEN.append(id(shared_world))
    assert not Person.objects.filter(name="นายชั่วคราว ทดสอบ").exists()
    assert Agency.objects.get(pk=shared_world.agency.pk).name == "ของเรา"
    assert Person.objects.filter(pk=shared_world.objects["person"].pk).exists()


def test_the_world_is_built_once_per_module(shared_world: Any) -> None:
    SEEN.append(id(shared_world))
    assert len(SEEN) == 3 and len(set(SEEN)) == 1
