"""A small area to oversee: province 71 with two districts, a neighbouring province 72, agencies
with two years of results (FY2565–2566), plans for FY2567 (the year after, long ended, so the late
counts do not depend on today) with measures, progress and reports; and an overseer for each
level plus an agency member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from prongsai.orgs import services
from prongsai.orgs.models import Agency, AgencyType, Membership, Role
from prongsai.plans.models import Measure, Plan, PlanIssue
from prongsai.progress.models import Action, ProgressReport
from prongsai.results.models import QuestionScore
from prongsai.results.services import ResultInput, result_save

PASSWORD = "oversight-pass-1"
YEAR, PLAN_YEAR = 2566, 2567
BASE = [93, 88, 92, 89, 87, 90, 86, 88, 84, 80]


@dataclass
class Area:
    province: Any
    districts: list[Any]
    other_province: Any
    agencies: list[Agency] = field(default_factory=list)
    outside: list[Agency] = field(default_factory=list)
    users: dict[str, Any] = field(default_factory=dict)

    def client(self, who: str) -> Client:
        c = Client()
        assert c.login(username=who, password=PASSWORD)
        return c


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def _indicators(shift: float) -> dict[int, Decimal]:
    return {n: Decimal(f"{min(100.0, v + shift):.2f}") for n, v in enumerate(BASE, start=1)}


def add_agency(district: Any, index: int, *, plan: str | None = "approved") -> Agency:
    """An agency with results for FY2565 and FY2566 and, unless plan is None, a FY2567 plan with
    three measures: one done on time, one late (due March, not done), one late (due September,
    started but not finished); the approved ones have a finalised 6-month report."""
    kind = AgencyType.SAO if index % 2 else AgencyType.SUBDISTRICT_MUNICIPALITY
    code = f"{6 if kind == AgencyType.SAO else 5}{district.code}{index:02d}"
    agency = services.agency_create(
        slug=f"t-{code}", code=code, type=kind, name=f"ทดสอบ{district.name}{index}",
        district=district, with_default_units=False,
    )  # fmt: skip
    shift = (index * 3.7) % 13 - 6
    result_save(agency, ResultInput(year=YEAR - 1, indicators=_indicators(shift - 2)))
    result = result_save(agency, ResultInput(year=YEAR, indicators=_indicators(shift)))
    QuestionScore.objects.bulk_create(
        QuestionScore(result=result, code=c, score=Decimal(s))
        for c, s in (("i1", 95 - index), ("i19", 70 + index), ("e4", 88))
    )
    if plan is None:
        return agency
    p = Plan.objects.create(
        agency=agency, fiscal_year=PLAN_YEAR, based_on_year=YEAR, status=plan,
        open_findings=0 if plan == "approved" else 2,
    )  # fmt: skip
    issue = PlanIssue.objects.create(plan=p, order=1, title="ประเด็นทดสอบ")
    done = Measure.objects.create(issue=issue, order=1, title="เสร็จ", start_month=1, end_month=3)
    Measure.objects.create(issue=issue, order=2, title="ล่าช้า", start_month=1, end_month=6)
    started = Measure.objects.create(issue=issue, order=3, title="เริ่มแล้ว", end_month=12)
    Action.objects.create(measure=done, date=dt.date(2023, 12, 1), text="ทำ", completes=True)
    Action.objects.create(measure=started, date=dt.date(2024, 2, 1), text="เริ่ม")
    if plan == "approved":
        ProgressReport.objects.create(plan=p, period="half", state="final")
        ProgressReport.objects.create(plan=p, period="year", state="draft")
    return agency


def build_area(per_district: int = 3) -> Area:
    province = services.province_get_or_create(code="71", name="ทดสอบกำกับ")
    d1 = services.district_get_or_create(province=province, code="7101", name="เหนือ")
    d2 = services.district_get_or_create(province=province, code="7102", name="ใต้")
    other = services.province_get_or_create(code="72", name="อีกจังหวัด")
    d3 = services.district_get_or_create(province=other, code="7201", name="ไกล")
    area = Area(province, [d1, d2], other)
    for district in (d1, d2):
        for i in range(1, per_district + 1):
            state = ("approved", "draft", None)[i % 3]
            area.agencies.append(add_agency(district, i, plan=state))
    area.outside.append(add_agency(d3, 1))
    User = get_user_model()
    for name in ("country", "province", "district", "member", "staff"):
        area.users[name] = User.objects.create_user(
            username=name, password=PASSWORD, is_staff=name == "staff"
        )
    Membership.objects.create(user=area.users["country"], role=Role.COUNTRY_OVERSEER)
    Membership.objects.create(
        user=area.users["province"], role=Role.PROVINCE_OVERSEER, province=province
    )
    Membership.objects.create(user=area.users["district"], role=Role.DISTRICT_OVERSEER, district=d1)
    Membership.objects.create(user=area.users["member"], role=Role.ADMIN, agency=area.agencies[0])
    return area


@pytest.fixture
def area(db: Any) -> Area:
    return build_area()
