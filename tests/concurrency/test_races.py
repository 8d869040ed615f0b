"""The races of issue #19, each between two sessions in two threads: the first session's act is
held inside its transaction (its official PDF waits) while the second session sends its own."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from prongsai.core import files
from prongsai.plans import services as plan_services
from prongsai.plans.models import Measure, PlanRevision
from prongsai.progress import services as progress_services
from prongsai.progress.models import Action, Period, ProgressReport, ReportEvent
from tests.authz.cases_plans import MEASURE_POST
from tests.concurrency.conftest import HOLD, Hold, signed_in, together

pytestmark = pytest.mark.django_db(transaction=True)


def _approvals(plan: Any) -> Any:
    return PlanRevision.objects.filter(plan=plan, action="approve", summary="อนุมัติมาตรการ")


def test_two_approvals_at_once_approve_once_with_one_official_copy(
    race_world: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    plan = race_world.objects["plan"]
    hold = Hold(plan_services._plan_pdf)
    monkeypatch.setattr(plan_services, "_plan_pdf", hold)
    first, second = signed_in("admin"), signed_in("admin")
    url = reverse("plans:approve", args=["ours", plan.fiscal_year])

    one, two = together(
        tmp_path,
        lambda: first.post(url, follow=True),
        hold.then(lambda: second.post(url, follow=True)),
    )

    assert one.status_code == two.status_code == 200
    approvals = list(_approvals(plan))
    assert len(approvals) == 1, [a.at for a in approvals]
    assert approvals[0].copy_path  # the one official PDF
    kept = {r.copy_path for r in PlanRevision.objects.filter(plan=plan).exclude(copy_path="")}
    kept |= {e.copy_path for e in ReportEvent.objects.exclude(copy_path="")}  # same folder
    on_disk = {
        name for name in files.all_names(plan_services.copies_folder(plan)) if name.endswith(".pdf")
    }
    assert on_disk == kept  # no second PDF written beside it
    refused = two.content.decode()
    assert "มาตรการนี้อนุมัติไปแล้วโดย admin" in refused
    assert "อนุมัติมาตรการแล้ว" not in refused
    plan.refresh_from_db()
    assert plan.is_locked


def test_a_measure_edit_sent_during_the_approval_is_refused_with_the_plan_page_and_its_text(
    race_world: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    plan, measure = race_world.objects["plan"], race_world.objects["measure"]
    editor = signed_in("editor")
    edit_url = reverse("plans:measure_edit", args=["ours", plan.fiscal_year, measure.pk])
    opened = editor.get(edit_url).content.decode()  # the editor's form is open
    token = opened.split('name="_version" value="')[1].split('"')[0] if "_version" in opened else ""
    hold = Hold(plan_services._plan_pdf)
    monkeypatch.setattr(plan_services, "_plan_pdf", hold)
    admin = signed_in("admin")
    typed = {**MEASURE_POST, "_version": token, "title": "ชื่อมาตรการที่พิมพ์ระหว่างอนุมัติ"}

    approved, edited = together(
        tmp_path,
        lambda: admin.post(reverse("plans:approve", args=["ours", plan.fiscal_year])),
        hold.then(lambda: editor.post(edit_url, typed)),
    )

    assert approved.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "มาตรการทดสอบ"  # the approved text stands
    (approval,) = _approvals(plan)
    assert approval.snapshot["issues"][0]["measures"][0]["title"] == "มาตรการทดสอบ"
    # not a 403: the plan page, saying why, with what the editor typed
    assert edited.status_code == 409
    page = edited.content.decode()
    assert 'id="plan-status"' in page and "มาตรการนี้อนุมัติแล้วโดย admin" in page
    assert "ชื่อมาตรการที่พิมพ์ระหว่างอนุมัติ" in page and 'id="unsaved-text"' in page


def test_an_action_sent_during_finalisation_does_not_land_in_the_finalised_period(
    race_world: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    plan, measure = race_world.objects["plan"], race_world.objects["measure"]
    plan_services.plan_approve(plan, user=race_world.users["admin"])
    hold = Hold(progress_services._report_pdf)
    monkeypatch.setattr(progress_services, "_report_pdf", hold)
    admin, editor = signed_in("admin"), signed_in("editor")
    action = {"date": "2567-01-15", "text": "ประชุมชี้แจงระหว่างสรุปรายงาน"}
    events = ReportEvent.objects.filter(action="finalise")
    before = events.count()  # the cast's history has one already

    finalised, sent = together(
        tmp_path,
        lambda: admin.post(reverse("progress:finalise", args=["ours", plan.fiscal_year, "half"])),
        hold.then(
            lambda: editor.post(
                reverse("progress:action_add", args=["ours", plan.fiscal_year, measure.pk]), action
            )
        ),
    )

    assert finalised.status_code == 302
    report = ProgressReport.objects.get(plan=plan, period=Period.HALF)
    assert report.is_final
    assert events.count() == before + 1
    assert not Action.objects.filter(text=action["text"]).exists()
    assert sent.status_code == 400
    assert "สรุปแล้ว" in sent.content.decode()


def test_two_reopenings_at_once_reopen_once(
    race_world: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    plan = race_world.objects["plan"]
    plan_services.plan_approve(plan, user=race_world.users["admin"])
    first, second = signed_in("admin"), signed_in("admin")
    url = reverse("plans:reopen", args=["ours", plan.fiscal_year])
    original = plan_services._record
    barrier = threading.Barrier(2, timeout=20)

    def slow_record(*args: Any, **kwargs: Any) -> Any:
        if args[2] == "reopen":
            time.sleep(HOLD)  # the first reopening holds its transaction a moment
        return original(*args, **kwargs)

    monkeypatch.setattr(plan_services, "_record", slow_record)

    def reopen(client: Any) -> Any:
        barrier.wait()
        return client.post(url, {"reason": "แก้ไขกำหนดเวลา"}, follow=True)

    one, two = together(tmp_path, lambda: reopen(first), lambda: reopen(second))

    assert plan.revisions.filter(action="reopen").count() == 1
    pages = one.content.decode() + two.content.decode()
    assert pages.count("เปิดแก้ไขมาตรการแล้ว") == 1
    assert "มาตรการนี้ยังเป็นร่างอยู่แล้ว" in pages
    assert Measure.objects.filter(issue__plan=plan).exists()
