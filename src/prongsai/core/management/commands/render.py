from __future__ import annotations

import textwrap
import time
from pathlib import Path
from typing import Any

from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    DjangoHelpFormatter,
)
from django.utils.module_loading import import_string

from prongsai.core.documents import (
    DocumentOptions,
    DocumentUnavailable,
    build_document,
    document_kinds,
)
from prongsai.documents import render
from prongsai.orgs.models import Agency

LAYOUT_KINDS = ("plan",)  # the kinds with a choice of layout
COVER_KINDS = ("plan",)  # the kinds with a cover page option
# Kinds with their own renderer (options of their own: a month, XLSX): dotted path of a function
# (agency, options dict) -> (bytes, ) that raises CommandError with a Thai message.
OWN_RENDERERS = {
    "procurement": "prongsai.procurement.cli.render",
}


class KindsFormatter(DjangoHelpFormatter):
    """Never wraps a line inside a kind's name ("status-annual", "nogift-report")."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


class Command(BaseCommand):
    help = "Render one of an agency's documents to PDF or DOCX."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", KindsFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "kind",
            help="one of: "
            + ", ".join(sorted([*document_kinds(), *OWN_RENDERERS]))
            + " (the -annual kinds are of the full year)",
        )
        parser.add_argument("--org", required=True, help="the agency's slug, e.g. demo")
        parser.add_argument("--year", required=True, type=int, help="fiscal year B.E., e.g. 2567")
        parser.add_argument("--format", choices=["pdf", "docx", "xlsx"], required=True)
        parser.add_argument(
            "--month", type=int, default=None, help="the month 1-12 (procurement only)"
        )
        parser.add_argument(
            "--layout", choices=["A", "B"], default=None, help="the plan's layout (plan only)"
        )
        parser.add_argument("--digits", choices=["thai", "arabic"], default=None)
        parser.add_argument("--cover", action="store_true", help="a cover page first (plan only)")
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            agency = Agency.objects.get(slug=o["org"])
        except Agency.DoesNotExist:
            raise CommandError(f"ไม่พบหน่วยงาน “{o['org']}”") from None
        if o["kind"] in OWN_RENDERERS:
            self._write(Path(o["out"]), import_string(OWN_RENDERERS[o["kind"]])(agency, o))
            return
        if o["kind"] not in document_kinds():
            raise CommandError(f"ไม่รู้จักเอกสารชนิด “{o['kind']}” (มี: {', '.join(document_kinds())})")
        out = Path(o["out"])
        if not out.parent.is_dir():
            raise CommandError(f"ไม่มีโฟลเดอร์ “{out.parent}” สำหรับบันทึกไฟล์ สร้างโฟลเดอร์ก่อน")
        if o["layout"] is not None and o["kind"] not in LAYOUT_KINDS:
            self.stderr.write(f"--layout ไม่มีผลกับเอกสาร “{o['kind']}” (ใช้ได้กับ plan เท่านั้น)")
        if o["cover"] and o["kind"] not in COVER_KINDS:
            self.stderr.write(f"--cover ไม่มีผลกับเอกสาร “{o['kind']}” (ใช้ได้กับ plan เท่านั้น)")
        started = time.perf_counter()
        try:
            document = build_document(
                o["kind"],
                agency,
                o["year"],
                DocumentOptions(o["layout"] or "A", o["digits"], cover=o["cover"]),
            )
        except DocumentUnavailable as e:
            raise CommandError(str(e)) from None
        if o["format"] not in ("pdf", "docx"):
            raise CommandError(f"เอกสาร “{o['kind']}” ออกได้เป็น pdf หรือ docx เท่านั้น")
        self._write(out, render(document, o["format"]), started)

    def _write(self, out: Path, data: bytes, started: float | None = None) -> None:
        if not out.parent.is_dir():
            raise CommandError(f"ไม่มีโฟลเดอร์ “{out.parent}” สำหรับบันทึกไฟล์ สร้างโฟลเดอร์ก่อน")
        started = time.perf_counter() if started is None else started
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(out)  # never leave a half-written file
        self.stdout.write(f"{out} ({len(data):,} bytes, {time.perf_counter() - started:.2f} s)")
