"""Run a function once after the current transaction commits, however many changes ask for it."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction


def on_commit_once(fn: Callable[[], None]) -> None:
    """Ask for `fn` after commit, unless a call already waits in this savepoint or an enclosing
    one (it is kept or rolled back with this change). Outside a transaction it runs now."""
    current = set(connection.savepoint_ids)
    for item in connection.run_on_commit:
        if item[1] is fn and item[0] <= current:
            return
    transaction.on_commit(fn)
