"""The agency data stamp is replaced with every change to one of the agency's records, and only
the agency's own: it keys the cached parts of the agency's pages (core.fragments)."""

from typing import Any

import pytest
from django.apps import apps
from django.db import transaction

from prongsai.frameworks.models import Framework
from prongsai.orgs import stamps
from prongsai.orgs.models import Agency, Unit
from prongsai.orgs.ownership import PARENTS, agency_of
from prongsai.plans import services as plans

pytestmark = pytest.mark.django_db


def _stamp(agency: Any) -> str:
    return str(Agency.objects.values_list("stamp", flat=True).get(pk=agency.pk))


def test_a_measure_edit_replaces_its_agencys_stamp_and_no_other(world: Any) -> None:
    ours, theirs = _stamp(world.agency), _stamp(world.other_agency)
    measure = world.objects["measure"]
    plans.measure_save(
        measure.issue,
        user=None,
        measure=measure,
        data={"title": "ชื่อใหม่", "question_codes": "i1", "steps": ["ขั้นที่หนึ่ง"]},
    )
    assert _stamp(world.agency) != ours
    assert _stamp(world.other_agency) == theirs


def test_a_change_to_who_is_responsible_replaces_the_stamp(world: Any) -> None:
    before = _stamp(world.agency)
    world.objects["measure"].responsible_units.add(world.objects["unit"])
    assert _stamp(world.agency) != before


def test_a_rolled_back_change_leaves_the_stamp_as_it_was(world: Any) -> None:
    before = _stamp(world.agency)
    with pytest.raises(RuntimeError), transaction.atomic():
        Unit.objects.create(agency=world.agency, name="กองที่ถูกยกเลิก")
        assert _stamp(world.agency) != before
        raise RuntimeError
    assert _stamp(world.agency) == before
    assert not Unit.objects.filter(name="กองที่ถูกยกเลิก").exists()


def test_renaming_a_district_replaces_the_stamps_of_its_agencies_only(world: Any) -> None:
    ours, theirs = _stamp(world.agency), _stamp(world.other_agency)
    district = world.agency.district
    district.name = "ชื่ออำเภอใหม่"
    district.save()
    assert _stamp(world.agency) != ours
    assert _stamp(world.other_agency) == theirs


def test_an_agency_edit_keeps_the_new_stamp_on_the_saved_object(world: Any) -> None:
    agency = Agency.objects.get(pk=world.agency.pk)
    old = agency.stamp
    agency.phone = "0 4400 0000"
    agency.save()
    assert agency.stamp != old and agency.stamp == _stamp(agency)


def test_a_framework_edit_replaces_every_stamp_once_it_commits(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    before = {a.pk: a.stamp for a in Agency.objects.all()}
    framework = Framework.objects.get(year=2566)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        framework.save()
        framework.save()
    everything = [c for c in callbacks if getattr(c, "prongsai_key", None) is stamps._touch_all]
    assert len(everything) == 1  # once per transaction, however many rows changed
    after = {a.pk: a.stamp for a in Agency.objects.all()}
    assert all(after[pk] != stamp for pk, stamp in before.items())


# Records that do not belong to one agency (places, people's logins, reference data, logs).
NOT_AGENCY_DATA = {
    "orgs.province",
    "orgs.district",
    "orgs.agency",
    "accounts.loginfailure",
    "audit.auditentry",
    "frameworks.framework",
    "frameworks.tool",
    "frameworks.indicator",
    "frameworks.question",
    "frameworks.oititem",
    "oversight.dataversion",
    "oversight.bulkimport",
    "jobs.workerbeat",  # a worker process's heartbeat
}


def test_every_record_of_an_agency_leads_to_its_agency() -> None:
    """A new model that holds an agency's data must reach the agency through a parent link the
    audit trail and the stamp follow, or be listed above as not an agency's."""
    lost = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if not model.__module__.startswith("prongsai.") or label in NOT_AGENCY_DATA:
            continue
        if not any(name in {f.name for f in model._meta.fields} for name in PARENTS):
            lost.append(label)
    assert lost == []


def test_an_analysis_note_leads_to_its_agency(world: Any) -> None:
    from prongsai.analysis import services as analysis

    saved = analysis.analysis_texts_save(
        world.agency, 2566, notes={("indicator", "1"): ("ข้อบกพร่อง", "ข้อพัฒนา")}
    )
    note = saved.notes.get()
    assert agency_of(note) == world.agency


@pytest.mark.django_db(transaction=True)
def test_a_long_transaction_over_many_agencies_replaces_their_stamps_after_commit() -> None:
    """A bulk import does not hold every agency's row (PostgreSQL) until it commits."""
    from prongsai.orgs import services
    from prongsai.orgs.models import AgencyType, Province

    province = services.province_get_or_create(code="91", name="ทดสอบยาว")
    district = services.district_get_or_create(province=province, code="9101", name="ยาว")
    one, two = (
        services.agency_create(
            slug=f"long-{n}", type=AgencyType.SAO, name=f"ยาว{n}", district=district
        )
        for n in (1, 2)
    )
    before = {a: _stamp(a) for a in (one, two)}
    province_before = Province.objects.get(pk=province.pk).stamp
    with transaction.atomic(), stamps.touches_after_commit():
        Unit.objects.create(agency=one, name="กองหนึ่ง")
        Unit.objects.create(agency=two, name="กองสอง")
        assert {a: _stamp(a) for a in (one, two)} == before  # not held while it runs
    assert all(_stamp(a) != before[a] for a in (one, two))
    assert Province.objects.get(pk=province.pk).stamp != province_before
    before = {a: _stamp(a) for a in (one, two)}
    with pytest.raises(RuntimeError), transaction.atomic(), stamps.touches_after_commit():
        Unit.objects.create(agency=one, name="กองที่ไม่เกิด")
        raise RuntimeError
    assert {a: _stamp(a) for a in (one, two)} == before


def _province_stamps() -> dict[str, str]:
    from prongsai.orgs.models import Province

    return dict(Province.objects.values_list("code", "stamp"))


def test_an_agency_saving_its_settings_unchanged_renews_no_figures(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """It used to renew every province's figures in the country (and the country's version)."""
    from django.test import Client

    from prongsai.orgs import services
    from prongsai.oversight.versioning import data_version
    from tests.authz.world import PASSWORD

    elsewhere = services.province_get_or_create(code="91", name="อื่น")
    services.district_get_or_create(province=elsewhere, code="9101", name="อื่น")
    provinces, version, ours = _province_stamps(), data_version(), _stamp(world.agency)
    agency = Agency.objects.get(pk=world.agency.pk)
    client = Client()
    client.login(username="admin", password=PASSWORD)
    form = {
        "address": agency.address,
        "phone": agency.phone,
        "website": agency.website,
        "digit_style": agency.digit_style,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/a/{agency.slug}/settings/", form)
    assert response.status_code == 302
    assert (_province_stamps(), data_version(), _stamp(world.agency)) == (provinces, version, ours)

    # a new phone number: the agency's pages change, no oversight figure does
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/a/{agency.slug}/settings/", {**form, "phone": "0 4300 0000"})
    assert _stamp(world.agency) != ours
    assert (_province_stamps(), data_version()) == (provinces, version)


def test_an_agency_renamed_or_moved_renews_only_the_provinces_concerned(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from prongsai.orgs import services

    elsewhere = services.province_get_or_create(code="91", name="อื่น")
    far = services.district_get_or_create(province=elsewhere, code="9101", name="อื่น")
    untouched = services.province_get_or_create(code="92", name="ไกล")
    services.district_get_or_create(province=untouched, code="9201", name="ไกล")
    before = _province_stamps()
    agency = Agency.objects.get(pk=world.agency.pk)
    with django_capture_on_commit_callbacks(execute=True):
        agency.name = "ใหม่"
        agency.save()
    after_rename = _province_stamps()
    assert after_rename["90"] != before["90"]
    assert {k: v for k, v in after_rename.items() if k != "90"} == {
        k: v for k, v in before.items() if k != "90"
    }
    with django_capture_on_commit_callbacks(execute=True):
        agency.district = far
        agency.save()
    moved = _province_stamps()
    assert moved["90"] != after_rename["90"] and moved["91"] != after_rename["91"]
    assert moved["92"] == before["92"]
