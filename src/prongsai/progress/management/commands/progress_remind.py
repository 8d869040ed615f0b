from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.progress.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Queue the deadline reminder e-mails (what is overdue or due soon), at most one a day "
        "per agency. Meant for a daily cron entry."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="only this agency (slug)")
        parser.add_argument("--on", type=dt.date.fromisoformat, help="as if today were YYYY-MM-DD")

    def handle(self, *args: Any, **o: Any) -> None:
        on = o["on"].isoformat() if o["on"] else None
        result = send_deadline_reminders.enqueue(on=on, agency_slug=o["org"])
        self.stdout.write(f"reminders: {result.status}")
