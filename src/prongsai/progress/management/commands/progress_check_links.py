from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core import thai
from prongsai.plans.models import Plan
from prongsai.progress.selectors import today
from prongsai.progress.tasks import check_plan_links


class Command(BaseCommand):
    help = (
        "Queue a check of every evidence link (of one agency, or of every agency) for a fiscal "
        "year; a scheduler (cron) can run this nightly. A task worker does the checking."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="the agency's slug; default: every agency")
        parser.add_argument("--year", type=int, help="fiscal year B.E.; default: the current one")

    def handle(self, *args: Any, **o: Any) -> None:
        year = o["year"] or thai.fiscal_year(today())
        plans = Plan.objects.filter(fiscal_year=year)
        if o["org"]:
            plans = plans.filter(agency__slug=o["org"])
            if not plans.exists():
                raise CommandError(f"ไม่พบมาตรการของ “{o['org']}” ปีงบประมาณ {year}")
        for plan in plans:
            result = check_plan_links.enqueue(plan.pk)
            self.stdout.write(f"{plan.agency.slug} {year}: {result.status}")
