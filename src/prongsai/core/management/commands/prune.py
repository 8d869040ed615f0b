"""`prongsai prune sessions|audit|history [--days N] [--dry-run]`: remove what is no longer needed.

- sessions: expired sign-ins (Django's `clearsessions`);
- audit: audit entries older than N days (PRONGSAI_PRUNE_AUDIT_DAYS, default 730);
- history: the plan snapshots of history entries older than N days
  (PRONGSAI_PRUNE_HISTORY_DAYS, default 730), keeping those of approvals, of entries with an
  official copy, and each plan's latest; the entries themselves stay.

deploy/systemd/prongsai-prune@.timer runs each daily."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone


class Command(BaseCommand):
    help = "Prune expired sessions, old audit entries or old plan history snapshots."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=("sessions", "audit", "history"))
        parser.add_argument("--days", type=int, help="keep this many days (default from settings)")
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        what, dry = options["what"], options["dry_run"]
        if what == "sessions":
            expired = Session.objects.filter(expire_date__lt=timezone.now()).count()
            if not dry:
                call_command("clearsessions")
            self.stdout.write(f"sessions: {expired} expired {'(dry run)' if dry else 'removed'}")
            return
        default = settings.PRUNE_AUDIT_DAYS if what == "audit" else settings.PRUNE_HISTORY_DAYS
        days = options["days"] or default
        if days < 1:
            self.stderr.write("--days must be at least 1")
            raise SystemExit(2)
        older_than = dt.timedelta(days=days)
        with transaction.atomic():
            if what == "audit":
                from prongsai.audit.services import audit_prune

                count = audit_prune(older_than=older_than)
            else:
                from prongsai.plans.history import history_prune

                count = history_prune(older_than=older_than)
            if dry:
                transaction.set_rollback(True)
        label = "audit entries" if what == "audit" else "plan history snapshots"
        verb = "would be removed (dry run)" if dry else "removed"
        self.stdout.write(f"{what}: {count} {label} older than {days} days {verb}")
