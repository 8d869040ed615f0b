"""Compile the translation catalogues with Babel (pure Python), so no gettext binary is needed.

Replaces Django's `compilemessages` for our own catalogues under src/prongsai/locale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile .po translation files into .mo files (with Babel)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                with po_path.open("rb") as f:
                    catalog = read_po(f)
                with po_path.with_suffix(".mo").open("wb") as f:
                    write_mo(f, catalog)
                count += 1
        self.stdout.write(f"compiled {count} catalogue(s)")
