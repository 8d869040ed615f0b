import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.progress import selectors, services
from prongsai.progress.models import Action, Period, Status
from tests.progress.conftest import act
from tests.progress.factories import measures

pytestmark = pytest.mark.django_db


def test_status_comes_from_dated_actions_as_of_a_date(plan: Any) -> None:
    m = measures(plan)[0]
    assert selectors.measure_state(m, dt.date(2024, 9, 30)).status == Status.TODO
    act(m, dt.date(2023, 10, 20), "เริ่มจัดทำคู่มือ")
    act(m, dt.date(2024, 2, 5), "เผยแพร่คู่มือ", completes=True)
    before = selectors.measure_state(m, dt.date(2023, 12, 31))
    after = selectors.measure_state(m, dt.date(2024, 3, 31))
    assert before.status == Status.DOING and [a.text for a in before.actions] == ["เริ่มจัดทำคู่มือ"]
    assert after.status == Status.DONE and after.done_on == dt.date(2024, 2, 5)
    assert selectors.measure_state(m, dt.date(2023, 10, 19)).status == Status.TODO


def test_quarters_planned_come_from_the_plan_and_quarters_done_from_the_actions(plan: Any) -> None:
    m = measures(plan)[2]  # October – September
    act(m, dt.date(2023, 11, 1), "ไตรมาสแรก")
    act(m, dt.date(2024, 5, 1), "ไตรมาสสาม")
    state = selectors.measure_state(m, dt.date(2024, 9, 30))
    assert state.quarters_planned == [1, 2, 3, 4]
    assert state.quarters_done == [1, 3]
    assert selectors.measure_state(m, dt.date(2024, 3, 31)).quarters_done == [1]


def test_a_measure_is_late_when_its_planned_end_passed_without_being_done(plan: Any) -> None:
    ends_in_december, ends_in_march, all_year, _later = measures(plan)
    states = {s.measure.pk: s for s in selectors.period_states(plan, Period.HALF)}
    assert states[ends_in_december.pk].late and states[ends_in_march.pk].late
    assert not states[all_year.pk].late
    act(ends_in_december, dt.date(2023, 12, 15), "เสร็จ", completes=True)
    states = {s.measure.pk: s for s in selectors.period_states(plan, Period.HALF)}
    assert not states[ends_in_december.pk].late
    year = {s.measure.pk: s for s in selectors.period_states(plan, Period.YEAR)}
    assert year[all_year.pk].late  # not done by 30 September


def test_counts_add_up(plan: Any) -> None:
    a, b, *_ = measures(plan)
    act(a, dt.date(2023, 10, 2), "ก", completes=True)
    act(b, dt.date(2023, 10, 3), "ข")
    n = selectors.counts(selectors.period_states(plan, Period.HALF))
    assert n == {"todo": 2, "doing": 1, "done": 1, "late": 1, "total": 4}


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.date(2023, 9, 30), "ปีงบประมาณ ๒๕๖๗"),
        (dt.date(2024, 10, 1), "ปีงบประมาณ ๒๕๖๗"),
    ],
)
def test_an_action_must_be_dated_inside_the_fiscal_year(
    plan: Any, day: dt.date, message: str
) -> None:
    with pytest.raises(ValidationError) as err:
        act(measures(plan)[0], day, "นอกปี")
    assert message in str(err.value)
    assert not Action.objects.exists()


def test_an_action_cannot_be_dated_in_the_future(plan: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(selectors, "today", lambda: dt.date(2024, 1, 10))
    with pytest.raises(ValidationError) as err:
        act(measures(plan)[0], dt.date(2024, 1, 11), "พรุ่งนี้")
    assert "ต้องไม่เลยวันนี้" in str(err.value)


def test_the_person_who_acted_must_belong_to_the_agency(plan: Any, world: Any) -> None:
    from prongsai.orgs.models import Person

    stranger = Person.objects.create(agency=world.other_agency, name="คนอื่น", position="ปลัด")
    with pytest.raises(ValidationError):
        services.action_add(
            measures(plan)[0],
            user=None,
            data={"date": dt.date(2023, 11, 1), "text": "ก", "by_person": stranger},
        )
    assert not Action.objects.exists()


def test_a_bad_link_saves_neither_the_action_nor_the_evidence(plan: Any) -> None:
    with pytest.raises(ValidationError):
        act(measures(plan)[0], dt.date(2023, 11, 1), "ก", url="javascript:alert(1)")
    assert not Action.objects.exists()
