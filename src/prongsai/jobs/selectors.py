"""Reads about background work: which workers are alive (for readiness checks)."""

from __future__ import annotations

from django.utils import timezone

from prongsai.core.queued import lease
from prongsai.jobs.models import WorkerBeat


def workers_alive() -> int:
    """How many `prongsai worker` processes were heard of within the job lease (their
    heartbeat comes every WORKER_BEAT_SECONDS): 0 means queued work waits for nobody."""
    return WorkerBeat.objects.filter(last_seen__gte=timezone.now() - lease()).count()
