"""`prongsai frameworks`: list the loaded ITA framework years, load or check framework files.

prongsai frameworks [--json]             years loaded, with counts
prongsai frameworks load [--force]       load the files shipped with Prongsai (idempotent)
prongsai frameworks load --file F.yaml   load one file (a corrected or new year)
prongsai frameworks validate F.yaml      check a file, write nothing
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.frameworks import selectors, services
from prongsai.frameworks.files import FrameworkFileError, parse_framework_text, validate_framework
from prongsai.frameworks.models import Framework


class Command(BaseCommand):
    help = "ITA frameworks: list loaded years (--json), load files, validate a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", nargs="?", choices=["list", "load", "validate"], default="list"
        )
        parser.add_argument("path", nargs="?", help="ไฟล์ YAML สำหรับ validate")
        parser.add_argument("--file", help="โหลดไฟล์นี้แทนไฟล์ที่มากับระบบ")
        parser.add_argument("--force", action="store_true", help="แทนที่ปีที่ผู้ดูแลระบบแก้ไขไว้")
        parser.add_argument("--json", action="store_true", help="ผลลัพธ์เป็น JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "validate":
            self._validate(options["path"] or options["file"], as_json=options["json"])
        elif action == "load":
            self._load(options["file"], force=options["force"], as_json=options["json"])
        else:
            self._list(as_json=options["json"])

    def _read(self, path: str | None) -> dict[str, Any]:
        if not path:
            raise CommandError("ต้องระบุไฟล์ YAML")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"ไม่พบไฟล์ {path}")
        try:
            return parse_framework_text(file.read_bytes())
        except FrameworkFileError as e:
            raise CommandError("\n".join(e.errors)) from None

    def _validate(self, path: str | None, *, as_json: bool) -> None:
        errors = validate_framework(self._read(path))
        if as_json:
            self.stdout.write(
                json.dumps({"valid": not errors, "errors": errors}, ensure_ascii=False)
            )
        elif not errors:
            self.stdout.write(self.style.SUCCESS("ไฟล์ถูกต้อง"))
        if errors:
            raise CommandError("ไฟล์มีข้อผิดพลาด:\n" + "\n".join(errors))

    def _load(self, path: str | None, *, force: bool, as_json: bool) -> None:
        try:
            if path:
                data = self._read(path)
                reports = [services.framework_load(data, origin=Framework.Origin.FILE)]
            else:
                reports = services.frameworks_load_package(force=force)
        except FrameworkFileError as e:
            raise CommandError("ไฟล์มีข้อผิดพลาด ไม่ได้บันทึกอะไร:\n" + "\n".join(e.errors)) from None
        if as_json:
            payload = [
                {"year": r.year, "action": r.action, "counts": r.counts, "changes": r.changes}
                for r in reports
            ]
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        for report in reports:
            self.stdout.write(report.message)

    def _list(self, *, as_json: bool) -> None:
        rows = selectors.framework_summaries()
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("ยังไม่มีเกณฑ์ที่โหลดไว้ (ใช้ prongsai frameworks load)")
        for r in rows:
            self.stdout.write(
                f"{r['year']}  ตัวชี้วัด {r['indicators']}  ข้อคำถาม {r['questions']}"
                f"  รายการ OIT {r['oit_items']}  ({r['origin']})"
            )
