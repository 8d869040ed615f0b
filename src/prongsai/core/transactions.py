"""Run a function once after the current transaction commits, however many changes ask for it."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from django.db import connection, transaction


class _Once:
    """A callback that knows what it stands for, so a second request for it can be dropped."""

    def __init__(self, key: Hashable, fn: Callable[[], None]) -> None:
        self.prongsai_key, self.fn = key, fn

    def __call__(self) -> None:
        self.fn()


def on_commit_once(fn: Callable[[], None], key: Hashable | None = None) -> None:
    """Ask for `fn` after commit, unless a call with the same key (by default, `fn` itself)
    already waits in this savepoint or an enclosing one (it is kept or rolled back with this
    change). Outside a transaction it runs now."""
    key = fn if key is None else key
    current = set(connection.savepoint_ids)
    for item in connection.run_on_commit:
        if getattr(item[1], "prongsai_key", None) == key and item[0] <= current:
            return
    transaction.on_commit(_Once(key, fn))


def lock_timeout(seconds: int) -> None:
    """Inside a transaction: wait at most `seconds` for a row another transaction holds, then
    fail with OperationalError (PostgreSQL's lock_timeout, for this transaction only). SQLite
    has one writer at a time and waits up to its own `timeout` option instead."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{int(seconds)}s'")
