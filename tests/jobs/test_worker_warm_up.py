"""A worker pays the document engine's one-off costs before its first job (jobs/worker.py)."""

from __future__ import annotations

import logging
from typing import Any

from prongsai.documents import thaibreak
from prongsai.jobs import worker


def test_the_warm_up_builds_the_line_break_dictionary_before_any_job() -> None:
    # as in a new worker process (earlier tests may have marked the sample's texts already)
    thaibreak._mark.cache_clear()
    thaibreak._extra_words.cache_clear()
    thaibreak._base_trie.cache_clear()
    worker._warm_up()
    assert thaibreak._base_trie.cache_info().currsize == 1


def test_a_worker_whose_document_engine_fails_still_starts(monkeypatch: Any, caplog: Any) -> None:
    def broken() -> None:
        raise RuntimeError("no fonts")

    monkeypatch.setattr("prongsai.documents.warm_up", broken)
    with caplog.at_level(logging.ERROR, logger="prongsai.jobs.worker"):
        worker._warm_up()
    assert "could not be warmed up" in caplog.text
