from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.docimport import DocumentImportError
from prongsai.imports.reading import read_and_check
from prongsai.orgs.models import Agency


class Command(BaseCommand):
    help = "Check a plan or report for the mistakes real documents contain; print the findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="print a JSON list")
        parser.add_argument("--org", help="the agency the document should belong to (slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        agency = None
        if options["org"]:
            agency = Agency.objects.filter(slug=options["org"]).first()
            if agency is None:
                raise CommandError(f"ไม่พบหน่วยงาน “{options['org']}”")
        try:
            result = read_and_check(path.read_bytes(), path.name, agency)
        except OSError as e:
            raise CommandError(f"เปิดไฟล์ไม่ได้: {path} ({e.strerror})") from None
        except DocumentImportError as e:
            raise CommandError(f"{e.message} [{e.code}]") from None
        findings = [f.as_dict() for f in result.findings]
        if options["json"]:
            self.stdout.write(json.dumps(findings, ensure_ascii=False, indent=2))
            return
        for f in findings:
            self.stdout.write(f"[{f['severity']}] {f['where']}: {f['message']} ({f['code']})")
        self.stdout.write(f"{len(findings)} รายการ")
