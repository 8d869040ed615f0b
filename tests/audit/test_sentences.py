"""The audit trail reads as sentences in the page's language, built when shown from the plain
values entries keep (decision 13), and filters by record, person and B.E. dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.audit.context import acting_as
from prongsai.audit.models import AuditEntry
from prongsai.plans.models import Measure, Plan
from prongsai.progress.models import Action
from tests.authz.world import PASSWORD
from tests.pagetext import visible_text

pytestmark = pytest.mark.django_db


def _page(client: Client, query: str = "") -> str:
    response = client.get(reverse("audit:log", args=["ours"]) + query)
    assert response.status_code == 200
    return " ".join(visible_text(response.content.decode()))


def _admin(language: str = "th") -> Client:
    client = Client()
    client.login(username="admin", password=PASSWORD)
    if language != "th":
        client.cookies["django_language"] = language
    return client


def _edit_things(world: Any) -> tuple[Measure, Action]:
    measure: Measure = world.objects["measure"]
    plan: Plan = world.objects["plan"]
    action = Action.objects.filter(measure__issue__plan=plan).first()
    assert action is not None
    with acting_as(world.users["editor"]):
        measure.title = "มาตรการเปิดเผยข้อมูลจัดซื้อจัดจ้าง"
        measure.monitoring = [{"text": "รายงานนายก", "deadline": "2024-04-30"}]
        measure.save()
        plan.status = Plan.Status.APPROVED
        plan.save()
        action.date = dt.date(2024, 1, 15)
        action.save()
    return measure, action


def test_an_edit_reads_as_a_thai_sentence_with_old_and_new_values(world: Any) -> None:
    _edit_things(world)
    page = _page(_admin())
    assert "แก้ไขมาตรการ “มาตรการเปิดเผยข้อมูลจัดซื้อจัดจ้าง”" in page
    assert "ชื่อมาตรการ: มาตรการทดสอบ → มาตรการเปิดเผยข้อมูลจัดซื้อจัดจ้าง" in page
    assert "สถานะ: ร่าง → อนุมัติแล้ว" in page  # the choice labels, not "draft"/"approved"
    assert "รายงานนายก (๓๐ เมษายน ๒๕๖๗)" in page  # a monitoring deadline in B.E.
    assert "๑๕ มกราคม ๒๕๖๗" in page  # a date field in B.E., in the agency's digits
    # no model labels, raw field names or ISO dates
    labels = r"\b(?:orgs|plans|progress|results|analysis|imports|jobs|audit)\.[a-z]+\b"
    assert not re.search(labels, page), page
    assert not re.search(r"[0-9๐-๙]{4}-[0-9๐-๙]{2}-[0-9๐-๙]{2}", page), page
    assert "แก้ไขการดำเนินการ “๑๕ มกราคม ๒๕๖๗ จัดทำคำสั่ง”" in page
    assert "question_codes" not in page and "copy_sha256" not in page


def test_the_sentence_is_english_on_english_pages(world: Any) -> None:
    _edit_things(world)
    page = _page(_admin("en"))
    assert "Edited measure “มาตรการเปิดเผยข้อมูลจัดซื้อจัดจ้าง”" in page
    assert "Status: Draft → Approved" in page
    assert "15 January 2567" in page


def test_the_trail_filters_by_kind_of_record_person_and_be_dates(world: Any) -> None:
    measure, _action = _edit_things(world)
    client = _admin()
    only_measures = _page(client, "?model=plans.measure")
    assert "แก้ไขมาตรการ" in only_measures and "สถานะ: ร่าง" not in only_measures
    one_record = _page(client, f"?model=plans.measure&object_pk={measure.pk}")
    assert "มาตรการเปิดเผยข้อมูลจัดซื้อจัดจ้าง" in one_record
    by_editor = _page(client, "?username=editor")
    assert "แก้ไข" in by_editor
    assert AuditEntry.objects.filter(username="editor").count() >= 3
    assert "ไม่พบการเปลี่ยนแปลงตามตัวกรอง" in _page(client, "?username=editor&until=1/1/2500")
    today = dt.date.today()
    be_today = f"{today.day}/{today.month}/{today.year + 543}"
    page = _page(client, f"?since={be_today}&until=๓๑ ธันวาคม ๒๖๐๐")
    assert "แก้ไขมาตรการ" in page
    wrong = _page(client, "?since=31/02/2567")
    assert "อ่านวันที่ไม่ได้" in wrong  # a clear Thai error, and the rest of the trail still shows


def test_entries_of_models_or_fields_that_no_longer_exist_still_read(world: Any) -> None:
    for model, changes in [
        ("gone.model", {"x": [1, 2]}),
        (
            "plans.measure",
            {"removed_field": [1, 2], "issue_id": ["abc", 99999], "title": [[1], {}]},
        ),
        (
            "plans.plan",
            {
                "status": [["draft"], "approved"],
                "approved_at": ["not a date", None],
                "approved_by_id": [99999, "x"],
            },
        ),
    ]:
        AuditEntry.objects.create(
            agency_id_value=world.agency.pk,
            model=model,
            object_pk="1",
            object_repr="รายการเก่า",
            action="update",
            changes=changes,
        )
    page = _page(_admin())
    assert "แก้ไขข้อมูล “รายการเก่า”" in page  # a model that is gone: named generically
    assert "removed_field" not in page and "รายการที่ลบแล้ว" in page
