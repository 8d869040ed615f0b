from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.core.backup import backup_write


class Command(BaseCommand):
    help = "Write every record and uploaded file to one backup file (zip)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = backup_write(Path(options["file"]))
        total = sum(manifest["counts"].values())
        self.stdout.write(f"สำรองข้อมูลแล้ว {total:,} รายการ → {options['file']}")
