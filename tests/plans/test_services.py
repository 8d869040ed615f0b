import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.plans import services
from prongsai.plans.models import Measure, Plan, PlanRevision, fiscal_month_date


def make_plan(world: Any, year: int = 2567) -> Plan:
    Plan.objects.filter(agency=world.agency).delete()  # the matrix world has one already
    return services.plan_create(
        agency=world.agency, fiscal_year=year, based_on_year=year - 1, user=None
    )


def test_fiscal_months_map_to_calendar_dates() -> None:
    assert fiscal_month_date(2567, 1) == dt.date(2023, 10, 1)
    assert fiscal_month_date(2567, 4) == dt.date(2024, 1, 1)
    assert fiscal_month_date(2567, 5, end=True) == dt.date(2024, 2, 29)
    assert fiscal_month_date(2567, 12, end=True) == dt.date(2024, 9, 30)


@pytest.mark.django_db
def test_a_plan_starts_with_the_seven_standard_issues_when_asked(world: Any) -> None:
    Plan.objects.filter(agency=world.agency).delete()
    plan = services.plan_create(
        agency=world.agency, fiscal_year=2567, user=None, with_standard_issues=True
    )
    titles = list(plan.issues.values_list("title", flat=True))
    assert len(titles) == 7
    assert titles[0] == "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"
    assert plan.based_on_year == 2566


@pytest.mark.django_db
def test_there_is_one_plan_per_agency_and_year(world: Any) -> None:
    make_plan(world)
    with pytest.raises(ValidationError):
        services.plan_create(agency=world.agency, fiscal_year=2567, user=None)
    assert Plan.objects.filter(agency=world.agency).count() == 1


@pytest.mark.django_db
def test_it_rejects_unknown_question_codes_and_saves_nothing(world: Any) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    with pytest.raises(ValidationError) as err:
        services.measure_save(
            issue, user=None, data={"title": "ม", "question_codes": "i19, x7, i99"}
        )
    assert "x7" in str(err.value) and "i99" in str(err.value)
    assert not Measure.objects.exists()


@pytest.mark.django_db
def test_it_normalises_codes_typed_with_thai_digits_and_capitals(world: Any) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    m = services.measure_save(
        issue, user=None, data={"title": "ม", "question_codes": "I๑๙, e10 ,e10"}
    )
    assert m.question_codes == ["i19", "e10"]


@pytest.mark.django_db
def test_it_rejects_a_deadline_outside_the_fiscal_year(world: Any) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    with pytest.raises(ValidationError) as err:
        services.measure_save(
            issue,
            user=None,
            data={
                "title": "ม",
                "monitoring": [{"text": "รายงาน", "deadline": dt.date(2024, 10, 15)}],
            },
        )
    assert "นอกปีงบประมาณ" in str(err.value)


@pytest.mark.django_db
def test_it_rejects_a_timeline_that_ends_before_it_starts(world: Any) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    with pytest.raises(ValidationError):
        services.measure_save(
            issue, user=None, data={"title": "ม", "start_month": 6, "end_month": 3}
        )


@pytest.mark.django_db
def test_an_approved_plan_is_locked_until_reopened(world: Any) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    services.measure_save(issue, user=None, data={"title": "ม"})
    services.plan_approve(plan, user=world.users["admin"])
    plan.refresh_from_db()
    assert plan.is_locked and plan.approved_by == world.users["admin"] and plan.approved_at
    with pytest.raises(ValidationError):
        services.issue_add(plan, title="อีก", user=None)
    services.plan_reopen(plan, user=world.users["admin"], reason="แก้คำผิด")
    services.issue_add(plan, title="อีก", user=None)
    assert plan.issues.count() == 2
    assert plan.revisions.filter(action="reopen").get().summary == "เปิดแก้ไขมาตรการ: แก้คำผิด"


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_reopening_an_approved_plan_needs_a_reason(world: Any, reason: str) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    services.measure_save(issue, user=None, data={"title": "ม"})
    services.plan_approve(plan, user=world.users["admin"])
    with pytest.raises(ValidationError, match="กรุณาระบุเหตุผลที่เปิดแก้ไข"):
        services.plan_reopen(plan, user=world.users["admin"], reason=reason)
    plan.refresh_from_db()
    assert plan.is_locked and not plan.revisions.filter(action="reopen").exists()


@pytest.mark.django_db
def test_an_empty_plan_cannot_be_approved(world: Any) -> None:
    plan = make_plan(world)
    with pytest.raises(ValidationError):
        services.plan_approve(plan, user=None)
    plan.refresh_from_db()
    assert not plan.is_locked


@pytest.mark.django_db
def test_every_change_is_kept_in_the_history_with_a_snapshot(world: Any) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็นแรก", user=world.users["editor"])
    services.measure_save(issue, user=world.users["editor"], data={"title": "มาตรการแรก"})
    services.issue_update(issue, title="ประเด็นที่แก้", user=world.users["editor"])
    actions = list(
        PlanRevision.objects.filter(plan=plan).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["create", "issue_add", "measure_add", "issue_update"]
    latest = PlanRevision.objects.filter(plan=plan).order_by("-pk").first()
    assert latest is not None and latest.user == world.users["editor"]
    assert latest.snapshot["issues"][0]["title"] == "ประเด็นที่แก้"
    assert latest.snapshot["issues"][0]["measures"][0]["title"] == "มาตรการแรก"


@pytest.mark.django_db
def test_copying_a_plan_forward_moves_deadlines_a_year_and_keeps_the_original(world: Any) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    unit = world.objects["unit"]
    services.measure_save(
        issue,
        user=None,
        units=[unit],
        data={
            "title": "ม",
            "question_codes": "i19",
            "start_month": 4,
            "end_month": 6,
            "monitoring": [{"text": "รายงาน", "deadline": dt.date(2024, 2, 29)}],
        },
    )
    copy = services.plan_copy_forward(source=plan, fiscal_year=2568, user=None)
    assert copy.based_on_year == 2567 and not copy.is_locked
    m = Measure.objects.get(issue__plan=copy)
    assert m.monitoring == [{"text": "รายงาน", "deadline": "2025-02-28"}]
    assert (m.start_month, m.end_month) == (4, 6)
    assert list(m.responsible_units.all()) == [unit]
    assert Measure.objects.filter(issue__plan=plan).count() == 1


@pytest.mark.django_db
def test_issues_and_measures_reorder(world: Any) -> None:
    plan = make_plan(world)
    a = services.issue_add(plan, title="ก", user=None)
    services.issue_add(plan, title="ข", user=None)
    services.issue_move(a, direction="down", user=None)
    assert list(plan.issues.values_list("title", flat=True)) == ["ข", "ก"]
    services.issue_move(a, direction="down", user=None)  # already last: nothing changes
    assert list(plan.issues.values_list("title", flat=True)) == ["ข", "ก"]


@pytest.mark.django_db
def test_responsible_units_must_belong_to_the_agency(world: Any) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    foreign = world.other_agency.units.first()
    with pytest.raises(ValidationError):
        services.measure_save(issue, user=None, data={"title": "ม"}, units=[foreign])
    assert not Measure.objects.exists()


@pytest.mark.django_db
def test_the_plan_keeps_a_count_of_the_checkers_findings(world: Any) -> None:
    plan = make_plan(world)
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    services.measure_save(issue, user=None, data={"title": "ไม่มีขั้นตอนและผู้รับผิดชอบ"})
    plan.refresh_from_db()
    assert plan.open_findings >= 2  # no steps, no responsible unit
    assert len(plan.findings) == plan.open_findings
    assert {"code", "severity", "message", "where"} <= set(plan.findings[0])
    measure = Measure.objects.get(issue__plan=plan)
    services.measure_save(
        issue,
        user=None,
        measure=measure,
        units=[world.objects["unit"]],
        data={"title": "ครบถ้วน", "steps": ["ขั้นที่หนึ่ง"], "question_codes": "i19"},
    )
    plan.refresh_from_db()
    assert plan.open_findings == 0, plan.findings


@pytest.mark.django_db
def test_a_new_plan_starts_from_the_constraints_of_its_analysis() -> None:
    from prongsai.analysis.selectors import analysis_for
    from prongsai.core.demo import demo_build

    demo_build()
    agency = Plan.objects.get(agency__slug="demo", fiscal_year=2567).agency
    Plan.objects.filter(agency=agency).delete()
    plan = services.plan_create(agency=agency, fiscal_year=2567, user=None)
    analysis = analysis_for(agency, 2566)
    assert analysis is not None and analysis.constraints
    assert plan.constraints_text == analysis.constraints


@pytest.mark.django_db
def test_the_plan_page_says_what_approval_freezes_and_an_editor_who_approves(world: Any) -> None:
    from django.test import Client
    from django.urls import reverse

    from tests.authz.world import PASSWORD

    plan = make_plan(world)
    url = reverse("plans:detail", args=["ours", plan.fiscal_year])
    admin, editor = Client(), Client()
    admin.login(username="admin", password=PASSWORD)
    editor.login(username="editor", password=PASSWORD)
    assert 'id="what-approval-freezes"' in admin.get(url).content.decode()
    who = editor.get(url).content.decode().split('id="who-approves"', 1)[1].split("</p>", 1)[0]
    assert "ผู้ดูแลหน่วยงานเป็นผู้อนุมัติมาตรการ" in who and "admin" in who
    assert "admin@example.com" not in who
    issue = services.issue_add(plan, title="ประเด็น", user=None)
    services.measure_save(issue, user=None, data={"title": "ม"})
    services.plan_approve(plan, user=world.users["admin"], approver=world.objects["person"])
    page = editor.get(url).content.decode()
    approval = page.split('id="plan-approval"', 1)[1].split("</span>", 1)[0]
    assert "admin" in approval and "นายทดสอบ ระบบ" in approval
