from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.demo import DEMO_PASSWORD, demo_build, demo_logins


class Command(BaseCommand):
    help = "Build the demo data (migrating first when needed). Does not serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=("demo", "national"),
            default="demo",
            help="national: also build 8,000 agencies with 4 years of results, plans and progress",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        ctx = demo_build()
        if ctx is None:
            self.stdout.write("ข้อมูลสาธิตมีอยู่แล้ว (demo data is already there)")
        else:
            self.stdout.write(self.style.SUCCESS("สร้างข้อมูลสาธิตแล้ว (demo data built)"))
        logins = list(demo_logins())
        if options["scale"] == "national":
            national = _national_generator()
            LOGINS, build_national = national.LOGINS, national.build_national
            self.stdout.write("กำลังสร้างชุดข้อมูลระดับประเทศ (building the national dataset)…")
            built = build_national(self.stdout.write)
            if built is None:
                self.stdout.write("ชุดข้อมูลระดับประเทศมีอยู่แล้ว (national dataset is already there)")
            logins += LOGINS
        self.stdout.write(f"\nบัญชีสาธิต (demo logins), รหัสผ่านทุกบัญชี / password: {DEMO_PASSWORD}")
        for username, what in logins:
            self.stdout.write(f"  {username:<20} {what}")


def _national_generator() -> Any:
    """The load-test data generator lives in bench/ (a checkout of the repository)."""
    import importlib
    import sys

    from prongsai.core.paths import repo_root

    root = repo_root()
    if root is None or not (root / "bench" / "national.py").is_file():
        raise CommandError("--scale national runs from a checkout of the repository (bench/)")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return importlib.import_module("bench.national")
