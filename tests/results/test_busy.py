"""An officer saving their own result while a bulk import (or anyone) holds its rows: a clear Thai
"try again" after a short wait, their entry kept in the form, never a server error or minutes."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import OperationalError, connection, transaction
from django.test import Client
from django.urls import reverse

from prongsai.results import services
from prongsai.results.models import Result
from tests.authz.cases_results import SEED
from tests.authz.world import PASSWORD

CHANGED = {f"ind_{n}": v for n, v in enumerate(SEED, start=1)} | {"ind_1": "55.55"}


def _editor() -> Client:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    return client


@pytest.mark.django_db
def test_a_save_that_meets_a_lock_timeout_says_try_again_in_thai(
    world: Any, monkeypatch: Any
) -> None:
    def locked(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("canceling statement due to lock timeout")

    monkeypatch.setattr(services, "result_save", locked)
    url = reverse("results:edit", args=["ours", 2566])
    response = _editor().post(url, CHANGED)
    body = response.content.decode()
    assert response.status_code == 200
    assert "ลองกดบันทึกอีกครั้ง" in body and 'value="55.55"' in body  # the entry is kept
    assert (
        Result.objects.get(agency=world.agency, year=2566).indicator_scores.get(number=1).score
        != 55
    )


@pytest.mark.django_db(transaction=True)
def test_a_save_while_another_transaction_holds_the_result_row_waits_briefly_then_says_so(
    settings: Any,
) -> None:
    from tests.authz.world import build_world

    world = build_world()
    settings.SAVE_LOCK_TIMEOUT_SECONDS = 1
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:  # a bulk import's chunk, writing this agency's result
        try:
            with transaction.atomic():
                Result.objects.select_for_update().filter(agency=world.agency).update(rank=1)
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    client = _editor()  # signed in before (SQLite: the lock stops every write, a session's too)
    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(30)
        if connection.vendor == "sqlite":
            # One writer at a time: the save waits 1 s, not the default 20 s. The suite's SQLite
            # lives in shared-cache memory, where reads of a table being written fail too
            # (a file database in WAL mode reads on): let them read, as in production.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA busy_timeout = 1000")
                cursor.execute("PRAGMA read_uncommitted = 1")
        response = client.post(reverse("results:edit", args=["ours", 2566]), CHANGED)
    finally:
        release.set()
        holder.join(30)
    assert response.status_code == 200
    assert "ลองกดบันทึกอีกครั้ง" in response.content.decode()
    score = Result.objects.get(agency=world.agency, year=2566).indicator_scores.get(number=1)
    assert str(score.score) == SEED[0]  # nothing half-written
