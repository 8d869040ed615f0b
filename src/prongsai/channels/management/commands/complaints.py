"""`prongsai complaints stats --org SLUG --year Y --by month|quarter|half --format pdf|xlsx
--out FILE`: the O18 complaint statistics of a fiscal year (the "ไม่มีเรื่องร้องเรียน" version
for a year without any).

`prongsai complaints guideline --org SLUG --year Y --format pdf|docx --out FILE [--publish]`:
the O16 complaint-handling guideline of any fiscal year from the agency's settings; with
`--publish` it is also kept as the year's official copy (the public page and OIT row of Y).
Online channel links are absolute under PRONGSAI_SITE_URL."""

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
        guide = sub.add_parser("guideline", help="render the O16 complaint-handling guideline")
        guide.add_argument("--org", required=True, help="the agency's slug")
        guide.add_argument("--year", required=True, type=int, help="fiscal year (B.E.)")
        guide.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        guide.add_argument("--out", required=True, help="file to write")
        guide.add_argument(
            "--publish", action="store_true", help="also publish it as the year's official copy"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "guideline":
            self._guideline(options)
            return
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

    def _guideline(self, options: dict[str, Any]) -> None:
        from prongsai.core.thai import is_fiscal_year
        from prongsai.documents import render
        from prongsai.feedback import channels, services
        from prongsai.feedback.documents import guideline_document
        from prongsai.oit.documents import absolute
        from prongsai.orgs.models import Agency

        agency = Agency.objects.filter(slug=options["org"]).first()
        if agency is None:
            raise CommandError(f"no agency with slug {options['org']!r}")
        year = options["year"]
        if not is_fiscal_year(year):
            raise CommandError(f"{year} is not a fiscal year (B.E., e.g. 2568)")
        guideline = services.guideline_of(agency)
        online = [
            (str(c.title), absolute(c.url))
            for c in channels.agency_channels(agency)
            if c.key != "survey"
        ]
        data = render(guideline_document(guideline, year, online), options["format"])
        Path(options["out"]).write_bytes(data)
        self.stdout.write(f"wrote {options['out']} ({len(data)} bytes)")
        if options["publish"]:
            if guideline.pk is None:
                raise CommandError("save the agency's guideline settings before publishing")
            copy = services.guideline_publish(guideline, year, online)
            self.stdout.write(f"published the guideline of {year} (copy {copy.pk})")
