"""`prongsai complaints stats --org SLUG --year Y --by month|quarter|half --format pdf|xlsx
--out FILE`: the O18 complaint statistics of a fiscal year (the "ไม่มีเรื่องร้องเรียน" version
for a year without any)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "The O18 complaint statistics of an agency's fiscal year as PDF or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        stats = sub.add_parser("stats", help="render the O18 table")
        stats.add_argument("--org", required=True, help="the agency's slug")
        stats.add_argument("--year", required=True, type=int, help="fiscal year (B.E.)")
        stats.add_argument("--by", choices=["month", "quarter", "half"], default="month")
        stats.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        stats.add_argument("--out", required=True, help="file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        from prongsai.channels import documents, selectors
        from prongsai.core.thai import is_fiscal_year
        from prongsai.orgs.models import Agency

        agency = Agency.objects.filter(slug=options["org"]).first()
        if agency is None:
            raise CommandError(f"no agency with slug {options['org']!r}")
        if not is_fiscal_year(options["year"]):
            raise CommandError(f"{options['year']} is not a fiscal year (B.E., e.g. 2568)")
        table = selectors.stats(agency, options["year"], options["by"])
        if options["format"] == "xlsx":
            data = documents.stats_xlsx(table)
        else:
            from prongsai.documents import render

            data = render(documents.stats_document(table), "pdf")
        Path(options["out"]).write_bytes(data)
        note = " (no complaints that year)" if table.empty else ""
        self.stdout.write(f"wrote {options['out']} ({len(data)} bytes){note}")
