from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.documents import (
    DocumentOptions,
    DocumentUnavailable,
    build_document,
    document_kinds,
)
from prongsai.documents import render
from prongsai.orgs.models import Agency


class Command(BaseCommand):
    help = "Render one of an agency's documents to PDF or DOCX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="analysis, plan, progress, status, annual or memo")
        parser.add_argument("--org", required=True, help="the agency's slug, e.g. demo")
        parser.add_argument("--year", required=True, type=int, help="fiscal year B.E., e.g. 2567")
        parser.add_argument("--format", choices=["pdf", "docx"], required=True)
        parser.add_argument("--layout", choices=["A", "B"], default="A")
        parser.add_argument("--digits", choices=["thai", "arabic"], default=None)
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            agency = Agency.objects.get(slug=o["org"])
        except Agency.DoesNotExist:
            raise CommandError(f"ไม่พบหน่วยงาน “{o['org']}”") from None
        if o["kind"] not in document_kinds():
            raise CommandError(f"ไม่รู้จักเอกสารชนิด “{o['kind']}” (มี: {', '.join(document_kinds())})")
        started = time.perf_counter()
        try:
            document = build_document(
                o["kind"], agency, o["year"], DocumentOptions(o["layout"], o["digits"])
            )
        except DocumentUnavailable as e:
            raise CommandError(str(e)) from None
        data = render(document, o["format"])
        out = Path(o["out"])
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(out)  # never leave a half-written file
        self.stdout.write(f"{out} ({len(data):,} bytes, {time.perf_counter() - started:.2f} s)")
