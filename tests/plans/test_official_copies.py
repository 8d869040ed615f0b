"""An approved plan keeps a PDF copy of itself as approved: reopening and changing the plan later
never changes what was approved."""

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.core.files import read_bytes
from prongsai.plans import services
from prongsai.plans.models import Measure, PlanRevision
from tests.authz.world import PASSWORD
from tests.plans.test_documents import pdftotext

pytestmark = pytest.mark.django_db


def _approvals(plan: Any) -> list[PlanRevision]:
    return list(plan.revisions.filter(action="approve", summary="อนุมัติมาตรการ").order_by("pk"))


def test_each_approval_keeps_the_plan_as_it_was_then(world: Any, tmp_path: Path) -> None:
    plan, measure = world.objects["plan"], world.objects["measure"]
    services.plan_approve(plan, user=world.users["admin"])
    services.plan_reopen(plan, user=world.users["admin"], reason="แก้ชื่อมาตรการ")
    Measure.objects.filter(pk=measure.pk).update(title="มาตรการฉบับแก้ไขใหม่")
    services.plan_approve(plan, user=world.users["admin"])

    first, second = _approvals(plan)
    first_text = pdftotext(read_bytes(first.copy_path), tmp_path)
    second_text = pdftotext(read_bytes(second.copy_path), tmp_path)
    assert "มาตรการทดสอบ" in first_text and "มาตรการฉบับแก้ไขใหม่" not in first_text
    assert "มาตรการฉบับแก้ไขใหม่" in second_text
    assert first.copy_size == len(read_bytes(first.copy_path)) > 1000
    assert len(first.copy_sha256) == 64
    # edits, creation and reopening keep no copy: only the official act does
    assert not plan.revisions.exclude(action="approve").exclude(copy_path="").exists()
    assert plan.revisions.filter(action="reopen").get().copy_path == ""


def test_the_history_page_offers_each_approved_copy_as_a_download(world: Any) -> None:
    plan = world.objects["plan"]
    services.plan_approve(plan, user=world.users["admin"])
    (revision,) = _approvals(plan)
    viewer = Client()
    viewer.login(username="viewer", password=PASSWORD)
    page = viewer.get(reverse("plans:history", args=["ours", plan.fiscal_year])).content.decode()
    url = reverse("plans:revision_copy", args=["ours", plan.fiscal_year, revision.pk])
    assert f'href="{url}"' in page
    response = viewer.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="plan-ours-2567-approved-'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_an_entry_without_a_copy_answers_404(world: Any) -> None:
    plan = world.objects["plan"]
    entry = plan.revisions.filter(copy_path="").first()
    client = Client()
    client.login(username="admin", password=PASSWORD)
    url = reverse("plans:revision_copy", args=["ours", plan.fiscal_year, entry.pk])
    assert client.get(url).status_code == 404


def test_a_copy_that_fails_to_render_does_not_stop_the_approval(
    world: Any, monkeypatch: Any, caplog: Any
) -> None:
    def broken(plan: Any) -> bytes:
        raise RuntimeError("typst failed")

    monkeypatch.setattr(services, "_plan_pdf", broken)
    plan = world.objects["plan"]
    services.plan_approve(plan, user=world.users["admin"])
    plan.refresh_from_db()
    assert plan.is_locked
    (revision,) = _approvals(plan)
    assert revision.copy_path == ""
    assert "could not be rendered" in caplog.text


def test_a_disk_that_refuses_the_copy_does_not_stop_the_approval(
    world: Any, settings: Any, tmp_path: Path, caplog: Any
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the uploads folder should be")
    settings.MEDIA_ROOT = blocked / "uploads"
    plan = world.objects["plan"]
    services.plan_approve(plan, user=world.users["admin"])
    plan.refresh_from_db()
    assert plan.is_locked
    (revision,) = _approvals(plan)
    assert revision.copy_path == "" and "could not be rendered or written" in caplog.text


def test_the_officer_is_told_when_the_copy_could_not_be_kept(world: Any, monkeypatch: Any) -> None:
    def broken(plan: Any) -> bytes:
        raise RuntimeError("typst failed")

    client = Client()
    client.login(username="admin", password=PASSWORD)
    url = reverse("plans:approve", args=["ours", 2567])
    page = client.post(url, follow=True).content.decode()
    assert "อนุมัติมาตรการแล้ว" in page and "เก็บสำเนา PDF ของฉบับนี้ไม่ได้" not in page
    plan = world.objects["plan"]
    plan.refresh_from_db()
    services.plan_reopen(plan, user=None, reason="ลองอีกครั้ง")
    monkeypatch.setattr(services, "_plan_pdf", broken)
    page = client.post(url, follow=True).content.decode()
    assert "อนุมัติมาตรการแล้ว" in page and "เก็บสำเนา PDF ของฉบับนี้ไม่ได้" in page
