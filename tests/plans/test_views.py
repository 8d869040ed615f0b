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
