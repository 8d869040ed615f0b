from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.docimport import DocumentImportError, import_document
from prongsai.docimport.confidence import reasons as confidence_reasons
from prongsai.plans.codes import known_codes


class Command(BaseCommand):
    help = "Read a plan or report (DOCX, PDF or text) and print what it says as one JSON object."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="print JSON (the default)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as e:
            raise CommandError(f"เปิดไฟล์ไม่ได้: {path} ({e.strerror})") from None
        try:
            parsed = import_document(data, path.name, known_codes_for_year=known_codes)
        except DocumentImportError as e:
            raise CommandError(f"{e.message} [{e.code}]") from None
        confidence = parsed.get("confidence") or {}
        if confidence.get("doubtful"):
            self.stderr.write("คำเตือน: ระบบไม่แน่ใจในบางส่วนของเอกสารนี้ ต้องตรวจทานก่อนใช้")
            for reason in confidence_reasons(confidence):
                self.stderr.write(f"  - {reason}")
        self.stdout.write(json.dumps(parsed, ensure_ascii=False, indent=2))
