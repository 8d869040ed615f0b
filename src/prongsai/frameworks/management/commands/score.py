"""`prongsai score --year 2566 --indicators 99,95.63,…,100 [--json]`: the overall score, tool
scores, level and pass of ten indicator scores, by the year's framework."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.frameworks.scoring import ScoreError, score_indicators
from prongsai.frameworks.selectors import scheme_for_year


class Command(BaseCommand):
    help = "Compute the ITA overall score, tools, level and pass from the indicator scores."
    requires_system_checks: list[str] = []  # the checks import every view: most of start-up

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="ปีงบประมาณ พ.ศ. เช่น 2566")
        parser.add_argument("--indicators", required=True, help="คะแนนตัวชี้วัดตามลำดับ คั่นด้วยจุลภาค")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        values = [v.strip() for v in options["indicators"].split(",")]
        try:
            scheme = scheme_for_year(options["year"])
            score = score_indicators(scheme, values)
        except ScoreError as e:
            raise CommandError(str(e)) from None
        if options["json"]:
            self.stdout.write(json.dumps(score.as_json(), ensure_ascii=False))
            return
        self.stdout.write(f"คะแนนรวม {score.overall}  ระดับ {score.level.name}")
        for code, value in score.tools.items():
            self.stdout.write(f"  {code} {value}")
        self.stdout.write("ผ่านเกณฑ์" if score.passed else "ไม่ผ่านเกณฑ์")
