"""/healthz is liveness; /readyz checks the database, the file store, the cache and the workers,
and names what fails without saying anything private."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_readiness_checks_each_service_and_leaves_no_probe_behind(settings: Any) -> None:
    response = Client().get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "storage", "cache", "workers"}
    assert all(c["status"] in ("ok", "not used") for c in body["checks"].values())
    assert response["Cache-Control"] == "no-store"
    probes = Path(settings.MEDIA_ROOT) / ".health"
    assert not probes.exists() or list(probes.iterdir()) == []


def test_a_store_that_refuses_writes_makes_the_process_not_ready(
    settings: Any, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    settings.MEDIA_ROOT = blocked / "uploads"
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["storage"]["status"].startswith("fail: ")
    assert str(tmp_path) not in response.content.decode()  # no paths, no messages
    assert body["checks"]["database"]["status"] == "ok"
    assert Client().get("/healthz").status_code == 200  # still alive


def test_a_queue_no_worker_takes_makes_the_process_not_ready(settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert Client().get("/readyz").status_code == 200
    from prongsai.progress.tasks import check_plan_links

    result = check_plan_links.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=5)
    )
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["workers"]["status"].startswith("fail")


def test_queued_work_with_no_worker_heartbeat_makes_the_process_not_ready(settings: Any) -> None:
    from prongsai.jobs.models import WorkerBeat
    from prongsai.progress.tasks import check_plan_links

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    check_plan_links.enqueue(1)  # just queued: not late, but nobody would take it
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["workers"]["status"].startswith("fail")
    WorkerBeat.objects.create(
        worker_id="web-1:4242", hostname="web-1", pid=4242, last_seen=timezone.now()
    )
    assert Client().get("/readyz").status_code == 200


def test_a_cache_that_loses_values_makes_the_process_not_ready(settings: Any) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["status"].startswith("fail")
