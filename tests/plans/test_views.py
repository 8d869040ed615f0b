from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.plans import services
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_editor_shows_the_checkers_findings_before_approval(world: Any) -> None:
    plan, issue = world.objects["plan"], world.objects["issue"]
    services.measure_save(issue, user=None, data={"title": "มาตรการที่ยังไม่มีผู้รับผิดชอบ"})
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    body = client.get(reverse("plans:detail", args=["ours", plan.fiscal_year])).content.decode()
    assert "สิ่งที่ควรตรวจสอบก่อนอนุมัติ" in body
    plan.refresh_from_db()
    assert plan.findings and all(f["message"] in body for f in plan.findings)


def test_a_viewer_sees_the_plan_but_no_editing_controls(world: Any) -> None:
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    body = client.get(reverse("plans:detail", args=["ours", 2567])).content.decode()
    assert "มาตรการทดสอบ" in body
    assert "เพิ่มมาตรการ" not in body and "อนุมัติมาตรการ" not in body


@pytest.mark.parametrize("person", ["99999999999999999999999", "abc", "-1", "๑"])
def test_a_hand_edited_person_id_is_refused_not_a_server_error(world: Any, person: str) -> None:
    # found by the form fuzzer: an id beyond 64 bits raised OverflowError on SQLite
    from prongsai.plans.models import Measure

    client = Client(raise_request_exception=False)
    client.login(username="editor", password=PASSWORD)
    before = Measure.objects.count()
    issue = world.objects["issue"]
    response = client.post(
        reverse("plans:measure_add", args=["ours", 2567, issue.pk]),
        {
            "title": "มาตรการใหม่",
            "start_month": 1,
            "end_month": 12,
            "responsible_people": [str(world.objects["person"].pk), person],
            "mon-TOTAL_FORMS": 0,
            "mon-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert Measure.objects.count() == before


def test_the_measure_form_reads_codes_as_the_importer_does(world: Any) -> None:
    """One ITA-code module (decision 35): "i 19, e 8", "E-11" and "O05" were refused here
    while the importer read them."""
    from prongsai.core.ita_codes import normalise_question_code
    from prongsai.plans.models import Measure

    client = Client()
    client.login(username="editor", password=PASSWORD)
    issue = world.objects["issue"]
    response = client.post(
        reverse("plans:measure_add", args=["ours", 2567, issue.pk]),
        {
            "title": "มาตรการรหัสหลายแบบ",
            "question_codes": "i 19, e 8; E-11 O05",
            "start_month": 1,
            "end_month": 12,
            "mon-TOTAL_FORMS": 0,
            "mon-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    measure = Measure.objects.get(title="มาตรการรหัสหลายแบบ")
    assert measure.question_codes == ["i19", "e8", "e11", "o5"]
    assert [normalise_question_code(c) for c in ("i 19", "e 8", "E-11", "O05")] == [
        "i19",
        "e8",
        "e11",
        "o5",
    ]
