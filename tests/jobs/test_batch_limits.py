"""A batch cannot flood the workers: kinds and formats count once, a batch and an agency's
running batches are capped, and the agency admin can cancel one (the worker stops between
documents). A batch that fails says so in Thai; the exception goes to the log."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from prongsai.jobs import tasks
from prongsai.jobs.models import DocumentJob
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client


def _start(client: Client, slug: str = "ours", **data: Any) -> Any:
    return client.post(
        reverse("jobs:list", args=[slug]),
        {"fiscal_year": 2567, "kind": ["plan"], "format": ["pdf"], **data},
    )


def test_repeated_kinds_and_formats_count_once(world: Any) -> None:
    # 500 kinds and 200 formats in one post (700 fields, under Django's 1,000) queued a
    # 100,000-document batch
    response = _start(
        _client("editor"), kind=["plan"] * 400 + ["analysis"] * 100, format=["pdf", "docx"] * 100
    )
    assert response.status_code == 302
    job = DocumentJob.objects.exclude(pk=world.objects["job"].pk).get()
    assert (job.kinds, job.formats, job.total) == (["plan", "analysis"], ["pdf", "docx"], 4)


def test_a_batch_larger_than_the_cap_is_refused_in_thai(world: Any, settings: Any) -> None:
    settings.PRONGSAI_BATCH_MAX_DOCUMENTS = 3
    before = DocumentJob.objects.count()
    response = _start(_client("editor"), kind=["plan", "analysis"], format=["pdf", "docx"])
    assert response.status_code == 200
    assert "ไม่เกิน ๓ ไฟล์" in response.content.decode()
    assert DocumentJob.objects.count() == before


def test_an_agency_runs_only_a_few_batches_at_once(world: Any, settings: Any) -> None:
    settings.PRONGSAI_BATCH_MAX_ACTIVE = 2  # the matrix's job is already queued: one more fits
    editor = _client("editor")
    assert _start(editor).status_code == 302
    before = DocumentJob.objects.count()
    refused = _start(editor)
    assert refused.status_code == 200 and "รอให้งานที่ค้างอยู่เสร็จ" in refused.content.decode()
    assert DocumentJob.objects.count() == before
    # another agency is not held up by ours
    assert _start(_client("other"), slug="theirs").status_code == 302
    # once one of ours is finished, the next may start
    DocumentJob.objects.filter(agency=world.agency).update(status=DocumentJob.Status.DONE)
    assert _start(editor).status_code == 302


def test_the_agency_admin_cancels_a_queued_batch_and_no_worker_renders_it(world: Any) -> None:
    job = world.objects["job"]
    url = reverse("jobs:cancel", args=["ours", job.pk])
    assert _client("editor").post(url).status_code == 403
    detail = _client("admin").get(reverse("jobs:detail", args=["ours", job.pk])).content.decode()
    assert url in detail  # the admin sees the cancel button
    response = _client("admin").post(url)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "cancelled" and job.finished_at is not None
    assert tasks.render_documents.call(job.pk) == ""  # a worker picking it up does nothing
    job.refresh_from_db()
    assert (job.status, job.done, job.result_path) == ("cancelled", 0, "")
    assert not (Path(settings.MEDIA_ROOT) / "jobs").exists() or not list(
        (Path(settings.MEDIA_ROOT) / "jobs").iterdir()
    )


def test_a_cancel_during_the_rendering_stops_the_worker_between_documents(
    world: Any, monkeypatch: Any
) -> None:
    job = DocumentJob.objects.create(
        agency=world.agency, fiscal_year=2567, kinds=["plan", "analysis"], formats=["pdf", "docx"]
    )
    rendered: list[str] = []

    def render_then_cancel(document: Any, fmt: str) -> bytes:
        rendered.append(fmt)
        _client("admin").post(reverse("jobs:cancel", args=["ours", job.pk]))
        return b"%PDF-"

    monkeypatch.setattr(tasks, "build_document", lambda *a, **k: object())
    monkeypatch.setattr(tasks, "render", render_then_cancel)
    tasks.render_documents.call(job.pk)
    job.refresh_from_db()
    assert job.status == "cancelled"
    # stopped after the document in hand, which is dropped too (a cancelled batch keeps nothing)
    assert len(rendered) == 1 and job.done == 0
    assert job.result_path == ""
    left = [p for p in (Path(settings.MEDIA_ROOT) / "jobs").rglob("*") if p.is_file()]
    assert not left  # no zip, no part left


def test_a_finished_batch_cannot_be_cancelled(world: Any) -> None:
    job = world.objects["job"]
    DocumentJob.objects.filter(pk=job.pk).update(status=DocumentJob.Status.DONE)
    response = _client("admin").post(reverse("jobs:cancel", args=["ours", job.pk]), follow=True)
    assert "ยกเลิกไม่ได้" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "done"


def test_a_failed_batch_says_so_in_thai_and_logs_the_error(
    world: Any, monkeypatch: Any, caplog: Any
) -> None:
    # the page showed the exception's own text to the agency's users
    def broken(document: Any, fmt: str) -> bytes:
        raise RuntimeError("typst: /srv/prongsai/secret/path.typ line 3")

    monkeypatch.setattr(tasks, "build_document", lambda *a, **k: object())
    monkeypatch.setattr(tasks, "render", broken)
    job = world.objects["job"]
    with caplog.at_level(logging.ERROR), pytest.raises(RuntimeError):
        tasks.render_documents.call(job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    shown = " ".join(job.messages)
    assert "secret" not in shown and "typst" not in shown and "RuntimeError" not in shown
    assert "ผู้ดูแลระบบ" in shown
    page = _client("viewer").get(reverse("jobs:detail", args=["ours", job.pk])).content.decode()
    assert "secret" not in page
    assert "secret/path.typ" in caplog.text  # the administrators have it, with the traceback
