"""`prongsai worker`: a background worker process (document batches, bulk imports, link checks).

django-tasks' database worker with heartbeats and recovery (`prongsai.jobs.worker`): start
several, on one or more machines, against the same database; each task is taken by one worker
only (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL), and a job whose worker died is taken over.
Options are those of `db_worker` (e.g. --batch to stop when idle), without --reload."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from prongsai.jobs.worker import ProngsaiWorker, new_worker_id


class Command(DbWorkerCommand):
    help = "Run a background worker (django-tasks' db_worker with heartbeats and job recovery)."

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        max_tasks: int | None,
        worker_id: str | None = None,
        exclude_queues: str = "",
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        worker = ProngsaiWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id or new_worker_id(),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        worker.run()
