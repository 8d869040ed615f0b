"""A batch whose worker died, in Chromium: the page's script notices the job is stalled (ค้าง),
shows the retry button, and the click puts the batch back to be finished."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.jobs.models import DocumentJob
from prongsai.orgs.models import Agency
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_a_stalled_batch_shows_ค้าง_and_its_retry_button_finishes_it(
    live_server: Any, page: Any, viewport: dict[str, int], tmp_path: Path
) -> None:
    demo_build()
    page.set_viewport_size(viewport)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    job = DocumentJob.objects.create(
        agency=Agency.objects.get(slug="demo"), fiscal_year=2567, kinds=["plan"],
        formats=["pdf"], total=1, status="running", worker_id="w1", attempts=1,
        heartbeat_at=timezone.now(),
    )  # fmt: skip
    login(page, live_server.url, "demo-editor", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/a/demo/jobs/{job.pk}/")
    stalled = page.locator("#job-stalled")
    assert stalled.is_hidden()  # its worker is alive
    # the worker dies: its lease runs out, and the page's script (polling) shows it
    DocumentJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(hours=1)
    )
    stalled.wait_for(state="visible", timeout=10000)
    assert "ค้าง" in stalled.inner_text()
    shots = Path(os.environ.get("PRONGSAI_SCREENSHOT_DIR", tmp_path))
    page.screenshot(path=str(shots / f"job-stalled-{viewport['width']}.png"), full_page=True)
    page.click("#job-retry")
    page.wait_for_url(f"{live_server.url}/a/demo/jobs/{job.pk}/")
    page.locator("#job-download").wait_for(state="visible")
    assert page.locator("#job-stalled").is_hidden()
    job.refresh_from_db()
    assert job.status == "done" and job.done == 1
    assert not [p for p in problems if "Content Security Policy" in p], problems
