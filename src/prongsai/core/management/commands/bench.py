"""`prongsai bench render|web|batch|import|channels`: the benchmarks under bench/ (repository
checkout only)."""

from __future__ import annotations

import importlib
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.paths import repo_root

BENCHES = ("render", "web", "batch", "import", "channels")
MODULES = {"import": "import_pdf"}  # `import` cannot name a module


class Command(BaseCommand):
    help = "Run a benchmark from bench/ and print its figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", choices=BENCHES)

    def handle(self, *args: Any, **options: Any) -> None:
        root = repo_root()
        if root is None or not (root / "bench").is_dir():
            raise CommandError(
                "benchmarks run from a checkout of the repository (bench/ not found)"
            )
        if str(root) not in sys.path:
            sys.path.insert(0, str(root))
        common = importlib.import_module("bench.common")
        code = common.in_private_database(options["name"])
        if code is not None:
            if code:
                raise CommandError(f"benchmark failed (exit {code})")
            return
        module = MODULES.get(options["name"], options["name"])
        importlib.import_module(f"bench.{module}").run(self.stdout.write)
