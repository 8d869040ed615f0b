from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write every record and kept file to one backup file (zip). Fails (exit 1, naming them) "
        "when a file the database names is missing from the store."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--allow-missing",
            action="store_true",
            help="write the backup even when files are missing (listed in its manifest)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_write(Path(options["file"]), allow_missing=options["allow_missing"])
        except BackupError as e:
            raise CommandError(str(e)) from None
        total = sum(manifest["counts"].values())
        self.stdout.write(
            f"สำรองข้อมูลแล้ว {total:,} รายการ ไฟล์ {manifest['files']:,} ไฟล์ → {options['file']}"
        )
        if manifest["missing"]:
            self.stderr.write(
                f"คำเตือน: ไม่มีไฟล์ {len(manifest['missing']):,} ไฟล์ที่ข้อมูลอ้างถึง: "
                + ", ".join(manifest["missing"][:20])
            )
