"""`prongsai jobs recover|workers`: put the jobs of dead workers back in the queue now (every
worker also does it on its own every few beats); list the workers heard of recently."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from prongsai.jobs.models import WorkerBeat
from prongsai.jobs.selectors import workers_alive
from prongsai.jobs.services import jobs_recover


class Command(BaseCommand):
    help = "`recover`: requeue (or fail) the jobs of dead workers; `workers`: list the workers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=("recover", "workers"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "recover":
            report = jobs_recover()
            self.stdout.write(
                f"requeued {len(report.requeued)}: {', '.join(report.requeued) or '-'}; "
                f"failed {len(report.failed)}: {', '.join(report.failed) or '-'}; "
                f"task rows closed {report.tasks_closed}"
            )
            return
        now = timezone.now()
        for beat in WorkerBeat.objects.all():
            ago = int((now - beat.last_seen).total_seconds())
            self.stdout.write(
                f"{beat.worker_id}\t{beat.hostname}\tpid {beat.pid}\tlast seen {ago} s ago"
            )
        self.stdout.write(f"alive: {workers_alive()}")
