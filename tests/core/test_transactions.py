from typing import Any

import pytest
from django.db import transaction

from prongsai.core.transactions import on_commit_once


@pytest.mark.django_db(transaction=True)
def test_a_callback_asked_for_twice_in_a_transaction_runs_once_after_commit() -> None:
    calls: list[str] = []
    with transaction.atomic():
        for _ in range(3):
            on_commit_once(lambda: calls.append("a"), key="a")
            on_commit_once(lambda: calls.append("b"), key="b")
        assert calls == []
    assert sorted(calls) == ["a", "b"]


@pytest.mark.django_db(transaction=True)
def test_a_callback_rolled_back_with_its_savepoint_is_asked_for_again() -> None:
    calls: list[str] = []
    with transaction.atomic():
        try:
            with transaction.atomic():
                on_commit_once(lambda: calls.append("a"), key="a")
                raise RuntimeError
        except RuntimeError:
            pass
        on_commit_once(lambda: calls.append("a"), key="a")
    assert calls == ["a"]


def test_outside_a_transaction_it_runs_at_once(transactional_db: Any) -> None:
    calls: list[int] = []
    on_commit_once(lambda: calls.append(1), key="x")
    assert calls == [1]
