from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup file into an empty database (migrating it first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = backup_restore(Path(options["file"]))
        except BackupError as e:
            raise CommandError(str(e)) from None
        total = sum(manifest["counts"].values())
        self.stdout.write(
            f"กู้คืนข้อมูลแล้ว {total:,} รายการ ไฟล์ {manifest.get('files', 0):,} ไฟล์"
            f" จากไฟล์สำรองวันที่ {manifest['created'][:10]}"
        )
