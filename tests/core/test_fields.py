from typing import Any

import pytest
from django import forms

from prongsai.core.fields import RecordChoiceField, RecordMultipleChoiceField
from prongsai.orgs.models import Person

pytestmark = pytest.mark.django_db


class _Form(forms.Form):
    one = RecordChoiceField(queryset=Person.objects.all(), required=False)
    many = RecordMultipleChoiceField(queryset=Person.objects.all(), required=False)


def test_record_fields_take_the_ids_of_their_records(world: Any) -> None:
    pk = str(world.objects["person"].pk)
    form = _Form({"one": pk, "many": [pk]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["one"] == world.objects["person"]
    assert list(form.cleaned_data["many"]) == [world.objects["person"]]


@pytest.mark.parametrize("bad", ["99999999999999999999999", "9223372036854775808", "x", "-3", "๑"])
def test_record_fields_refuse_ids_no_record_can_have_without_asking_the_database(
    world: Any, bad: str
) -> None:
    form = _Form({"one": bad, "many": [bad]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}
