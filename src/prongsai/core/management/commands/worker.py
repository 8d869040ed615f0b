"""`prongsai worker`: a background worker process (document rendering, link checks, batch jobs).

Runs django-tasks' database worker; start several, on one or more machines, against the same
database: each job is taken by one worker only (rows are claimed with SELECT … FOR UPDATE SKIP
LOCKED on PostgreSQL). Options are those of `db_worker` (e.g. --batch to stop when idle)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a background worker (wraps django-tasks' db_worker; same options)."

    def run_from_argv(self, argv: list[str]) -> None:
        call_command("db_worker", *argv[2:])

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover - via run_from_argv
        call_command("db_worker", *args)
        sys.exit(0)
