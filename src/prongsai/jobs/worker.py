"""The `prongsai worker` process: django-tasks' database worker, plus what keeps jobs alive.

- a heartbeat thread writes the worker's row (`WorkerBeat`) and renews the lease of the job it
  runs every WORKER_BEAT_SECONDS, and sweeps for the jobs of dead workers (`jobs_recover`) every
  third beat and once at start-up;
- SIGTERM (systemd stopping or restarting the unit) asks the running job to stop after its
  current chunk and hand itself back to the queue; a second SIGTERM stops at once (the lease then
  expires and another worker takes the job over)."""

from __future__ import annotations

import logging
import os
import socket
import threading
from types import FrameType

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from prongsai.core import queued

logger = logging.getLogger(__name__)
SWEEP_EVERY = 3  # beats


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"


class Heartbeat(threading.Thread):
    def __init__(self, worker: str) -> None:
        super().__init__(name="prongsai-heartbeat", daemon=True)
        self.worker = worker
        self.stopped = threading.Event()

    def beat(self, *, sweep: bool) -> None:
        from prongsai.jobs.services import jobs_recover, worker_beat

        try:
            # a chunk in hand for longer than the stop limit is hung: let its lease run out, so
            # another worker takes the job over (this one gets JobLost if it ever wakes up)
            worker_beat(self.worker, renew_jobs=queued.progress_age() < queued.HUNG_AFTER_SECONDS)
            if sweep:
                report = jobs_recover()
                if report.requeued or report.failed:
                    logger.warning(
                        "recovered jobs: requeued %s, failed %s", report.requeued, report.failed
                    )
        except DatabaseError:  # a busy or unreachable database: try again at the next beat
            logger.exception("worker heartbeat failed")
        finally:
            if threading.current_thread() is self:
                connection.close()  # this thread's own connection (not the worker's main one)

    def run(self) -> None:
        count = 0
        while not self.stopped.wait(settings.WORKER_BEAT_SECONDS):
            count += 1
            self.beat(sweep=count % SWEEP_EVERY == 0)


def _warm_up() -> None:
    """The document engine's one-off costs before the first job (documents.warm_up); a worker
    that cannot render still runs the other jobs, and each job reports its own error."""
    from prongsai.documents import warm_up

    try:
        warm_up()
    except Exception:
        logger.exception("the document engine could not be warmed up")


class ProngsaiWorker(Worker):
    def run(self) -> None:
        from prongsai.jobs.services import worker_gone

        queued.worker_id_set(self.worker_id)
        _warm_up()
        heart = Heartbeat(self.worker_id)
        heart.beat(sweep=True)
        heart.start()
        try:
            super().run()
        finally:
            heart.stopped.set()
            heart.join(timeout=30)
            try:
                worker_gone(self.worker_id)
            except DatabaseError:
                logger.exception("could not remove the worker's heartbeat row")

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        queued.stop_request()
        super().shutdown(signum, frame)
