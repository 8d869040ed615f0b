"""`prongsai oit status|export|check-links`: the OIT register from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core import thai
from prongsai.core.thai import is_fiscal_year
from prongsai.frameworks.scoring import ScoreError
from prongsai.oit.models import Register
from prongsai.oit.selectors import register_summary, register_view
from prongsai.orgs.models import Agency
from prongsai.progress.selectors import today


class Command(BaseCommand):
    help = (
        "The OIT register: `status --org SLUG --year Y [--json]` (items, ready, predicted score, "
        "broken links), `export --org SLUG --year Y --out FILE.xlsx` (the answers for ITAS), "
        "`check-links [--org SLUG] [--year Y]` (queue link checks for the workers; for cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["status", "export", "check-links"])
        parser.add_argument("--org", help="the agency's slug")
        parser.add_argument("--year", type=int, help="fiscal year B.E.; default: the current one")
        parser.add_argument("--out", help="export: the XLSX file to write")
        parser.add_argument("--json", action="store_true", help="status: print JSON")

    def handle(self, *args: Any, **o: Any) -> None:
        year = o["year"] or thai.fiscal_year(today())
        if not is_fiscal_year(year):
            raise CommandError(f"ปีงบประมาณ {year} ไม่ถูกต้อง")
        if o["action"] == "check-links":
            self._check_links(o["org"], year)
            return
        if not o["org"]:
            raise CommandError("ต้องระบุหน่วยงาน: --org SLUG")
        agency = Agency.objects.filter(slug=o["org"]).first()
        if agency is None:
            raise CommandError(f"ไม่พบหน่วยงาน “{o['org']}”")
        register = Register.objects.filter(agency=agency, fiscal_year=year).first()
        if register is None:
            raise CommandError(f"{agency.slug} ยังไม่มีทะเบียน OIT ของปีงบประมาณ {year}")
        try:
            if o["action"] == "status":
                self._status(register, o["json"])
            else:
                self._export(register, o["out"])
        except ScoreError as e:
            raise CommandError(str(e)) from None

    def _status(self, register: Register, as_json: bool) -> None:
        s = register_summary(register)
        if as_json:
            out = {
                "items": s["items"],
                "ready": s["ready"],
                "predicted": {k: s["predicted"][k] for k in ("oit", "overall", "level")},
                "broken_links": s["broken_links"],
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        p = s["predicted"]
        self.stdout.write(
            f"{register.agency.slug} {register.fiscal_year}: พร้อม {s['ready']}/{s['items']} รายการ"
            f" · คะแนน OIT คาดการณ์ {p['oit']}{' (ค่าประมาณ)' if p['estimate'] else ''}"
            f" · คะแนนรวม {p['overall'] if p['overall'] is not None else '-'} {p['level'] or ''}"
            f" · ลิงก์เสีย {s['broken_links']}"
        )

    def _export(self, register: Register, out: str | None) -> None:
        from prongsai.oit.export import register_workbook

        if not out:
            raise CommandError("ต้องระบุไฟล์ที่จะเขียน: --out FILE.xlsx")
        path = Path(out)
        if not path.parent.is_dir():
            raise CommandError(f"ไม่มีโฟลเดอร์ {path.parent}")
        data = register_workbook(register_view(register, with_costs=False))
        path.write_bytes(data)
        self.stdout.write(f"{path} ({len(data)} bytes)")

    def _check_links(self, org: str | None, year: int) -> None:
        from prongsai.oit.tasks import check_register_links

        registers = Register.objects.filter(fiscal_year=year).select_related("agency")
        if org:
            registers = registers.filter(agency__slug=org)
            if not registers.exists():
                raise CommandError(f"ไม่พบทะเบียน OIT ของ “{org}” ปีงบประมาณ {year}")
        for register in registers:
            result = check_register_links.enqueue(register.pk)
            self.stdout.write(f"{register.agency.slug} {year}: {result.status}")
