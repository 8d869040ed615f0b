import io
import os
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.jobs.models import DocumentJob

pytestmark = pytest.mark.django_db


def test_a_batch_renders_in_the_background_and_its_zip_downloads(
    django_capture_on_commit_callbacks: Any,
) -> None:
    demo_build()
    client = Client()
    client.login(username="demo-editor", password=DEMO_PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("jobs:list", args=["demo"]),
            {"fiscal_year": 2567, "kind": ["plan", "analysis"], "format": ["pdf", "docx"]},
        )
    job = DocumentJob.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=["demo", job.pk])
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 4, 4)
    status = client.get(
        reverse("jobs:detail", args=["demo", job.pk]), HTTP_ACCEPT="application/json"
    ).json()
    assert status["percent"] == 100 and status["status"] == "done"
    download = client.get(reverse("jobs:download", args=["demo", job.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    # one consistent set for the FY2567 cycle: its plan with the analysis of the FY2566 result
    # the plan was built on (not an analysis of FY2567's result beside it), each named by its year
    assert sorted(archive.namelist()) == [
        "analysis-demo-2566.docx",
        "analysis-demo-2566.pdf",
        "plan-demo-2567.docx",
        "plan-demo-2567.pdf",
        "อ่านก่อน.txt",
    ]
    readme = archive.read("อ่านก่อน.txt").decode()
    assert "ชุดเอกสารประจำปีงบประมาณ พ.ศ. ๒๕๖๗" in readme
    assert "การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖" in readme
    assert download["Content-Disposition"].startswith('attachment; filename="demo-cycle-2567-')


def test_a_document_with_no_data_is_reported_not_invented(
    django_capture_on_commit_callbacks: Any,
) -> None:
    demo_build()
    client = Client()
    client.login(username="demo-editor", password=DEMO_PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("jobs:list", args=["demo"]),
            {"fiscal_year": 2590, "kind": ["plan"], "format": ["pdf"]},
        )
    job = DocumentJob.objects.get()
    assert job.status == "done"
    assert any("ยังไม่มีมาตรการ" in m for m in job.messages)


def _fresh_database_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRONGSAI_")}
    env.update({"PRONGSAI_DATA_DIR": str(tmp_path), "PRONGSAI_TASKS": "database"})
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = f"prongsai_workers_{uuid.uuid4().hex[:8]}"
        base = url.rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{base}/{name}"
    else:
        env.pop("DATABASE_URL", None)
    return env


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_queue_without_taking_a_job_twice(tmp_path: Path) -> None:
    env = _fresh_database_env(tmp_path) | {"PRONGSAI_BATCH_MAX_ACTIVE": "6"}  # one agency's six
    cli = [sys.executable, "-m", "prongsai"]
    subprocess.run([*cli, "demo"], env=env, check=True, capture_output=True, timeout=300)
    queue = (
        "from prongsai.jobs.services import job_start\n"
        "from prongsai.orgs.models import Agency\n"
        "a = Agency.objects.get(slug='demo')\n"
        "for _ in range(6): job_start(agency=a, user=None, fiscal_year=2567, kinds=['plan'], formats=['pdf'])\n"
    )
    subprocess.run(
        [*cli, "shell", "-c", queue], env=env, check=True, capture_output=True, timeout=120
    )
    workers = [
        subprocess.Popen(
            [*cli, "worker", "--batch"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for _ in range(2)
    ]
    deadline = time.monotonic() + 240
    for w in workers:
        w.wait(timeout=max(1, deadline - time.monotonic()))
        assert w.returncode == 0
    report = (
        "from prongsai.jobs.models import DocumentJob\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "print(sorted(DocumentJob.objects.values_list('status', 'done')))\n"
        "print(sorted(DBTaskResult.objects.values_list('status', flat=True)))\n"
        "print([len(w) for w in DBTaskResult.objects.values_list('worker_ids', flat=True)])\n"
    )
    out = subprocess.run(
        [*cli, "shell", "-c", report],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    jobs_line, results_line, claims_line = out.stdout.strip().splitlines()[-3:]
    assert jobs_line == str([("done", 1)] * 6)
    assert results_line == str(["SUCCESSFUL"] * 6)
    assert claims_line == str([1] * 6)  # every job claimed by exactly one worker, once


def test_a_batch_left_in_the_queue_says_the_worker_may_be_missing(world: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from tests.authz.world import PASSWORD

    job = DocumentJob.objects.create(
        agency=world.agency, fiscal_year=2567, kinds=["plan"], formats=["pdf"], total=1
    )
    client = Client()
    client.login(username="editor", password=PASSWORD)
    url = reverse("jobs:detail", args=[world.agency.slug, job.pk])
    hidden = '<div id="job-stalled" class="error" role="status" hidden>'
    assert hidden in client.get(url).content.decode()  # there for the script, not shown
    DocumentJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=3)
    )
    page = client.get(url).content.decode()
    assert hidden not in page and "ค้าง" in page and "ตัวทำงานเบื้องหลังอาจหยุดทำงาน" in page
    assert "prongsai worker" not in page  # a command the agency cannot run: the admin docs name it


@pytest.mark.parametrize("year", ["-1", "0", "67", "25670", "abc", ""])
def test_a_batch_for_an_impossible_fiscal_year_is_refused_in_thai(world: Any, year: str) -> None:
    # found by the form fuzzer: -1 reached the database and failed its check (a server error)
    from tests.authz.world import PASSWORD

    client = Client()
    client.login(username="editor", password=PASSWORD)
    before = DocumentJob.objects.count()
    response = client.post(
        reverse("jobs:list", args=["ours"]),
        {"fiscal_year": year, "kind": ["plan"], "format": ["pdf"]},
    )
    assert response.status_code == 200
    assert "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๗" in response.content.decode()
    assert DocumentJob.objects.count() == before
