"""Races between two sessions, each in its own thread with its own database connection.

PostgreSQL: the threads use the test database itself (the tests are `transaction=True`, so what
one thread commits the other sees). SQLite: the in-memory test database cannot serve concurrent
connections (its shared-cache locks fail at once, "database table is locked", instead of
waiting), so `together` copies it to a file opened with the production settings (WAL, IMMEDIATE
transactions, 20 s timeout), runs the threads on that file, and copies it back for the test's
assertions."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections

from tests.authz.world import PASSWORD, build_world


@pytest.fixture
def race_world(transactional_db: Any) -> Any:
    return build_world()


@contextmanager
def _threads_database(folder: Path) -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    path = folder / "race.sqlite3"
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    previous = connections.settings["default"]
    connections.settings["default"] = {**previous, "NAME": str(path)}
    try:
        yield
    finally:
        connections.settings["default"] = previous
        back = sqlite3.connect(path)
        back.backup(connection.connection)
        back.close()


def together(folder: Path, *steps: Callable[[], Any], timeout: float = 60) -> list[Any]:
    """Run each step in its own thread (own connection) at the same time; their results, or the
    exception a step raised."""
    results: list[Any] = [None] * len(steps)

    def run(i: int, step: Callable[[], Any]) -> None:
        try:
            results[i] = step()
        except BaseException as e:  # reported to the test
            results[i] = e
        finally:
            connections.close_all()

    with _threads_database(folder):
        threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(steps)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout)
        assert not any(t.is_alive() for t in threads), "a session never finished"
    for r in results:
        if isinstance(r, BaseException) and not isinstance(r, Exception):
            raise r
    return results


def signed_in(username: str) -> Any:
    from django.test import Client

    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


HOLD = 1.5  # seconds the first act stays inside its transaction once the second one has sent


class Hold:
    """Wrap a function that the first session calls inside its act's transaction: its first call
    waits until the other session has sent its request (and HOLD seconds longer). `after=True`
    calls the function before waiting: for a read that a write checks, so the wait falls after
    the row lock and the read, before the write."""

    def __init__(self, function: Callable[..., Any], *, after: bool = False) -> None:
        self.function = function
        self.after = after
        self.inside = threading.Event()
        self.other_sent = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = self.function(*args, **kwargs) if self.after else None
        if not self.inside.is_set():
            self.inside.set()
            assert self.other_sent.wait(20)
            time.sleep(HOLD)
        return result if self.after else self.function(*args, **kwargs)

    def then(self, send: Callable[[], Any]) -> Callable[[], Any]:
        """`send` for the other session, once the first is held."""

        def step() -> Any:
            assert self.inside.wait(20)
            self.other_sent.set()
            return send()

        return step
