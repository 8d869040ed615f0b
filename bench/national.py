"""`prongsai demo --scale national`: a national-size dataset for oversight and load tests
(the benchmarks' data generator; bench/ is in a checkout, not in the installed package).

77 provinces, 928 districts and 8,000 agencies in a realistic type mix; four fiscal years of
results (indicator scores, with overall, tools and level computed by `prongsai.frameworks.scoring`,
and a national rank by type), question scores and OIT items for the latest year; a plan for the
next fiscal year with measures from the measures knowledge base; progress on those measures and
the 6-month and annual reports in every state. The numbers are made up but shaped like real ones
(a seeded random generator, so every build is the same).

Fast: scores are generated in memory, then written with bulk_create, one transaction per
province. It runs after the normal demo (so the demo agencies and logins exist) and does nothing
when the national agencies are already there.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from bench.national_data import NAME_HEADS, NAME_TAILS, PROVINCES, TYPE_DIGIT
from prongsai.core.demo import DEMO_PASSWORD
from prongsai.frameworks.models import Framework
from prongsai.frameworks.scoring import Score, score_indicators
from prongsai.frameworks.selectors import scheme_for_year
from prongsai.orgs.models import Agency, District, Membership, Province, Role, Unit
from prongsai.orgs.services import DEFAULT_UNITS
from prongsai.orgs.stamps import agencies_touch
from prongsai.oversight.versioning import bump
from prongsai.plans.knowledge import measure_kb, standard_issues
from prongsai.plans.models import Measure, Plan, PlanIssue, fiscal_month_date
from prongsai.results.models import IndicatorScore, OitItemResult, QuestionScore, Result

TOTAL_AGENCIES = 8000
RESULT_YEARS = (2565, 2566, 2567, 2568)
PLAN_YEAR = RESULT_YEARS[-1] + 1
SLUG_PREFIX = "lao-"
BATCH = 2000
LOGINS = [
    ("national-country", "ผู้กำกับดูแลระดับประเทศ (ชุดข้อมูลระดับประเทศ)"),
    ("national-province", "ผู้กำกับดูแลจังหวัดนครราชสีมา (ชุดข้อมูลระดับประเทศ)"),
]
BIG_PROVINCE = "30"  # นครราชสีมา: the most agencies, the province view the benchmark drives
# Indicator means before the agency's own quality and the yearly trend (OIT spreads widest).
IND_MEAN = {1: 93, 2: 87, 3: 92, 4: 89, 5: 86, 6: 90, 7: 86, 8: 88, 9: 84, 10: 80}
IND_SPREAD = {n: (3.0 if n <= 8 else 11.0) for n in IND_MEAN}
D0 = Decimal(0)


@dataclass
class Built:
    provinces: int = 0
    districts: int = 0
    agencies: int = 0
    results: int = 0
    plans: int = 0
    measures: int = 0
    actions: int = 0
    reports: int = 0
    seconds: float = 0.0
    logins: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"จังหวัด {self.provinces} อำเภอ {self.districts} หน่วยงาน {self.agencies:,} "
            f"ผลการประเมิน {self.results:,} แผนมาตรการ {self.plans:,} "
            f"มาตรการ {self.measures:,} "
            f"การดำเนินการ {self.actions:,} รายงาน {self.reports:,} — {self.seconds:.1f} วินาที"
        )


def national_exists() -> bool:
    return Agency.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def build_national(say: Callable[[str], Any] = print, total: int | None = None) -> Built | None:
    """Build the national dataset; None when it is there already. Needs the frameworks loaded
    (`prongsai demo` loads them)."""
    if national_exists():
        return None
    started = time.perf_counter()
    rng = random.Random(2569)
    gen = _Generator(rng, total or TOTAL_AGENCIES)
    out = Built()
    last = [c for c, _n, _d in PROVINCES if c != "10"][-1]  # Bangkok has no other agencies
    for code, name, n_districts in PROVINCES:
        gen.last = code == last
        with transaction.atomic():
            gen.province(code, name, n_districts, out)
    with transaction.atomic():
        rank_results()
        out.logins = _logins()
        agencies_touch()  # written in bulk, without the signals that replace the stamps
    bump()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, so the planner picks the area indexes
    out.seconds = time.perf_counter() - started
    say(out.summary())
    return out


def _logins() -> list[tuple[str, str]]:
    User = get_user_model()
    made = []
    for username, what in LOGINS:
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(
            username=username, email=f"{username}@example.go.th", password=DEMO_PASSWORD
        )
        if username == "national-country":
            Membership.objects.create(user=user, role=Role.COUNTRY_OVERSEER)
        else:
            province = Province.objects.get(code=BIG_PROVINCE)
            Membership.objects.create(user=user, role=Role.PROVINCE_OVERSEER, province=province)
        made.append((username, what))
    return made


def _place_name(rng: random.Random, taken: set[str]) -> str:
    for _ in range(200):
        name = rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
        if name not in taken:
            taken.add(name)
            return name
    name = f"{rng.choice(NAME_HEADS)}{rng.choice(NAME_TAILS)}{len(taken)}"
    taken.add(name)
    return name


def _d(value: float) -> Decimal:
    return Decimal(f"{min(100.0, max(0.0, value)):.2f}")


class _Generator:
    def __init__(self, rng: random.Random, total: int) -> None:
        self.rng = rng
        self.now = timezone.now()
        self.today = timezone.localdate()
        existing = Agency.objects.count()
        # The seats: กทม.; an อบจ. and the seat town of every other province; พัทยา.
        seats = sum(1 if c == "10" else (3 if c == "20" else 2) for c, _n, _d in PROVINCES)
        self.to_make = max(0, total - existing - seats)
        weight = sum(n for code, _, n in PROVINCES if code != "10")
        self.per_district = self.to_make / weight
        self.carry = 0.0
        self.last = False
        self.frameworks = {f.year: f for f in Framework.objects.filter(year__in=RESULT_YEARS)}
        self.schemes = {y: scheme_for_year(y) for y in RESULT_YEARS}
        latest = self.frameworks[RESULT_YEARS[-1]]
        self.questions = list(latest.questions.values_list("code", "indicator__number"))
        self.items = list(latest.oit_items.values_list("code", "indicator__number"))
        self.q_offset = {c: rng.uniform(-7, 4) for c, _ in self.questions}
        self.item_ease = {c: rng.uniform(-0.25, 0.12) for c, _ in self.items}
        self.kb = [m for m in measure_kb() if m.applies_to(RESULT_YEARS[-1]) and m.codes]
        self.issue_titles = {i.number: i.title for i in standard_issues()}
        self.codes = set(Agency.objects.exclude(code=None).values_list("code", flat=True))

    # ------------------------------------------------------------------ places and agencies

    def province(self, code: str, name: str, n_districts: int, out: Built) -> None:
        province, _created = Province.objects.get_or_create(code=code, defaults={"name": name})
        out.provinces += 1
        existing = {d.code: d for d in District.objects.filter(province=province)}
        taken = {d.name for d in existing.values()}
        seat = "พระนคร" if code == "10" else f"เมือง{name}"
        new = []
        for seq in range(1, n_districts + 1):
            dcode = f"{code}{seq:02d}"
            if dcode in existing:
                continue
            dname = seat if seq == 1 and seat not in taken else _place_name(self.rng, taken)
            taken.add(dname)
            new.append(District(province=province, code=dcode, name=dname))
        District.objects.bulk_create(new)
        districts = sorted(District.objects.filter(province=province), key=lambda d: d.code)
        out.districts += len(districts)
        agencies = self._agencies(province, districts)
        Agency.objects.bulk_create(agencies, batch_size=BATCH)
        made = list(
            Agency.objects.filter(district__province=province, slug__startswith=SLUG_PREFIX)
        )
        Unit.objects.bulk_create(
            (
                Unit(agency=a, name=unit, order=order)
                for a in made
                for order, unit in enumerate(DEFAULT_UNITS, start=1)
            ),
            batch_size=BATCH,
        )
        out.agencies += len(made)
        everyone = list(Agency.objects.filter(district__province=province))
        self._results(everyone, out)
        self._plans(everyone, out)

    def _agencies(self, province: Province, districts: list[District]) -> list[Agency]:
        rng = self.rng
        agencies: list[Agency] = []
        names: set[str] = set()

        def add(kind: str, name: str, district: District) -> None:
            seq = 1
            while True:
                code = f"{TYPE_DIGIT[kind]}{district.code}{seq:02d}"
                if code not in self.codes:
                    break
                seq += 1
            self.codes.add(code)
            agencies.append(
                Agency(
                    slug=f"{SLUG_PREFIX}{code}",
                    code=code,
                    type=kind,
                    name=name,
                    district=district,
                    digit_style=Agency.DigitStyle.THAI if rng.random() < 0.7 else "arabic",
                    created_at=self.now,
                )
            )

        seat = districts[0]
        if province.code == "10":
            add("other", "กรุงเทพมหานคร", seat)
            return agencies
        add("pao", province.name, seat)
        if province.code == "20":
            add("other", "เมืองพัทยา", districts[-1])
        big = len(districts) >= 13
        add("nakhon" if big else "mueang", seat.name.removeprefix("เมือง") or province.name, seat)
        for i, district in enumerate(districts):
            self.carry += self.per_district
            n, self.carry = int(self.carry), self.carry - int(self.carry)
            n = self.to_make if self.last and i == len(districts) - 1 else min(n, self.to_make)
            self.to_make -= n
            for _ in range(n):
                roll = rng.random()
                kind = "sao" if roll < 0.70 else ("tambon" if roll < 0.985 else "mueang")
                add(kind, _place_name(rng, names), district)
        return agencies

    # ------------------------------------------------------------------ results

    def _score(self, year: int, quality: float, drift: float) -> tuple[dict[int, Decimal], Score]:
        rng = self.rng
        trend = 1.1 * (year - RESULT_YEARS[0]) + drift
        indicators = {}
        for n, mean in IND_MEAN.items():
            if n >= 9 and quality > 0.6 and rng.random() < 0.35:
                indicators[n] = Decimal(100)
                continue
            scale = 3.0 if n <= 8 else 9.0
            value = mean + scale * quality + trend + rng.gauss(0, IND_SPREAD[n] / 2)
            indicators[n] = _d(value)
        return indicators, score_indicators(self.schemes[year], indicators)

    def _results(self, agencies: list[Agency], out: Built) -> None:
        rng = self.rng
        have = set(Result.objects.filter(agency__in=agencies).values_list("agency_id", "year"))
        rows: list[tuple[Result, dict[int, Decimal]]] = []
        latest = RESULT_YEARS[-1]
        for agency in agencies:
            quality = rng.gauss(0, 1)
            drift = rng.gauss(0, 1.5)
            agency._quality = quality  # type: ignore[attr-defined]
            for year in RESULT_YEARS:
                if (agency.pk, year) in have:
                    continue
                indicators, score = self._score(year, quality, drift * (year - 2565) / 3)
                result = Result(
                    agency=agency,
                    framework=self.frameworks[year],
                    year=year,
                    overall=score.overall,
                    tools={k: str(v) for k, v in score.tools.items()},
                    level=score.level.name,
                    passed=score.passed,
                    source=Result.Source.DEMO,
                    updated_at=self.now,
                )
                rows.append((result, indicators))
        Result.objects.bulk_create([r for r, _ in rows], batch_size=BATCH)
        out.results += len(rows)
        IndicatorScore.objects.bulk_create(
            (
                IndicatorScore(result=r, number=n, score=v)
                for r, inds in rows
                for n, v in inds.items()
            ),
            batch_size=BATCH,
        )
        newest = [(r, inds) for r, inds in rows if r.year == latest]
        QuestionScore.objects.bulk_create(
            (
                QuestionScore(
                    result=r,
                    code=code,
                    score=_d(float(inds[n]) + self.q_offset[code] + rng.gauss(0, 3)),
                )
                for r, inds in newest
                for code, n in self.questions
            ),
            batch_size=BATCH,
        )
        OitItemResult.objects.bulk_create(
            (
                OitItemResult(
                    result=r,
                    code=code,
                    passed=rng.random() < float(inds[n or 9]) / 100 + self.item_ease[code],
                )
                for r, inds in newest
                for code, n in self.items
            ),
            batch_size=BATCH,
        )

    # ------------------------------------------------------------------ plans and progress

    def _plans(self, agencies: list[Agency], out: Built) -> None:
        from prongsai.progress.models import Action, Evidence, ProgressReport

        rng = self.rng
        have = set(
            Plan.objects.filter(agency__in=agencies, fiscal_year=PLAN_YEAR).values_list(
                "agency_id", flat=True
            )
        )
        plans: list[Plan] = []
        for agency in agencies:
            if agency.pk in have:
                continue
            quality = getattr(agency, "_quality", 0.0)
            roll = rng.random() - 0.05 * quality
            if roll < 0.08:
                continue  # no plan yet
            approved = roll >= 0.27
            plans.append(
                Plan(
                    agency=agency,
                    fiscal_year=PLAN_YEAR,
                    based_on_year=PLAN_YEAR - 1,
                    status=Plan.Status.APPROVED if approved else Plan.Status.DRAFT,
                    approved_at=self.now if approved else None,
                    open_findings=(
                        (0 if rng.random() < 0.8 else rng.randint(1, 2))
                        if approved
                        else rng.randint(0, 6)
                    ),
                    created_at=self.now,
                    updated_at=self.now,
                )
            )
        Plan.objects.bulk_create(plans, batch_size=BATCH)
        out.plans += len(plans)
        issues = [
            PlanIssue(plan=p, order=n, title=title, standard_number=n)
            for p in plans
            for n, title in self.issue_titles.items()
        ]
        PlanIssue.objects.bulk_create(issues, batch_size=BATCH)
        by_plan = {(i.plan.pk, i.standard_number): i for i in issues}
        measures: list[tuple[Measure, Plan]] = []
        for plan in plans:
            for order, kb in enumerate(rng.sample(self.kb, k=rng.randint(9, 15)), start=1):
                issue = by_plan[(plan.pk, kb.issue)]
                measures.append(
                    (
                        Measure(
                            issue=issue,
                            order=order,
                            title=kb.title,
                            question_codes=list(kb.codes),
                            indicator=kb.indicator,
                            finding=kb.finding,
                            steps=list(kb.steps),
                            monitoring=[
                                {
                                    "text": s.text,
                                    "deadline": fiscal_month_date(
                                        PLAN_YEAR, s.month, end=True
                                    ).isoformat(),
                                }
                                for s in kb.monitoring
                            ],
                            start_month=kb.timeline_start,
                            end_month=kb.timeline_end,
                            responsible_note=kb.responsible,
                            expected_outcome=kb.outcome,
                            kb_key=kb.key,
                        ),
                        plan,
                    )
                )
        Measure.objects.bulk_create([m for m, _ in measures], batch_size=BATCH)
        out.measures += len(measures)
        as_of = min(self.today, fiscal_month_date(PLAN_YEAR, 12, end=True))
        actions: list[Action] = []
        for m, plan in measures:
            diligence = getattr(plan.agency, "_quality", 0.0)
            start = fiscal_month_date(PLAN_YEAR, m.start_month)
            end = fiscal_month_date(PLAN_YEAR, m.end_month, end=True)
            if start > as_of:
                continue
            roll = rng.random() - 0.08 * diligence
            if plan.status == Plan.Status.DRAFT:
                roll += 0.35
            done = roll < 0.62 and end <= as_of + dt.timedelta(days=60)
            if not done and roll > 0.85:
                continue  # not started
            span = max(1, (min(end, as_of) - start).days)
            count = 2 if done and rng.random() < 0.5 else 1
            for k in range(count):
                day = start + dt.timedelta(days=int(span * (k + 1) / (count + 0.3)))
                actions.append(
                    Action(
                        measure=m,
                        date=min(day, as_of),
                        text=m.steps[k % len(m.steps)] if m.steps else m.title,
                        by_text="สำนักปลัด",
                        completes=done and k == count - 1,
                        created_at=self.now,
                        updated_at=self.now,
                    )
                )
        Action.objects.bulk_create(actions, batch_size=BATCH)
        out.actions += len(actions)
        Evidence.objects.bulk_create(
            (
                Evidence(
                    action=a,
                    kind=Evidence.Kind.LINK,
                    title="ประกาศบนเว็บไซต์หน่วยงาน",
                    url=f"https://www.example.go.th/{a.measure.issue.plan.agency.slug}/ita/{a.pk}",
                    created_at=self.now,
                )
                for a in actions
                if a.completes
            ),
            batch_size=BATCH,
        )
        reports = []
        for plan in plans:
            for period, final_share, draft_share in (("half", 0.72, 0.9), ("year", 0.45, 0.72)):
                roll = rng.random() + (0.25 if plan.status == Plan.Status.DRAFT else 0.0)
                if roll >= draft_share:
                    continue
                final = roll < final_share
                reports.append(
                    ProgressReport(
                        plan=plan,
                        period=period,
                        state=(
                            ProgressReport.State.FINALISED if final else ProgressReport.State.DRAFT
                        ),
                        finalised_at=self.now if final else None,
                    )
                )
        ProgressReport.objects.bulk_create(reports, batch_size=BATCH)
        out.reports += len(reports)


def rank_results() -> int:
    """Each generated result's national rank among agencies of its type, that year."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE results_result SET rank = ranked.rnk, ranked_count = ranked.cnt
            FROM (
                SELECT r.id AS id,
                       RANK() OVER (PARTITION BY r.year, a.type ORDER BY r.overall DESC) AS rnk,
                       COUNT(*) OVER (PARTITION BY r.year, a.type) AS cnt
                FROM results_result r JOIN orgs_agency a ON a.id = r.agency_id
            ) AS ranked
            WHERE results_result.id = ranked.id AND results_result.rank IS NULL
            """
        )
        return cursor.rowcount
