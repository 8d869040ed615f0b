import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from prongsai.orgs.models import Membership
from prongsai.progress import selectors, services
from prongsai.progress.deadlines import plan_deadlines
from prongsai.progress.models import Evidence, ReminderLog
from prongsai.progress.reminders import send_reminders
from tests.authz.world import PASSWORD
from tests.progress.conftest import act
from tests.progress.factories import measures

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_overdue_due_soon_and_missing_evidence(plan: Any) -> None:
    dec, mar, year, later = measures(plan)
    act(dec, dt.date(2023, 12, 1), "เสร็จแล้วแต่ไม่มีหลักฐาน", completes=True)
    act(year, dt.date(2024, 1, 5), "ยังไม่มีหลักฐาน")
    linked = act(year, dt.date(2024, 1, 6), "มีลิงก์", url="https://www.example.go.th/dead")
    services.evidence_record_check(
        linked.evidence.get(), status="broken", http_status=404, detail="HTTP 404"
    )
    d = plan_deadlines(plan, on=dt.date(2024, 3, 20), days=14)
    # no measure ended before 20 March yet (the draft plan's publication date has passed)
    assert [i.title for i in d.overdue] == ["อนุมัติและเผยแพร่มาตรการ"]
    assert mar.title in [i.title for i in d.soon]  # ends 31 March
    assert "รายงานรอบ ๖ เดือน" in [i.title for i in d.soon]
    missing = {(i.title, i.detail.split(":")[0]) for i in d.missing_evidence}
    assert (dec.title, "ดำเนินการแล้วแต่ยังไม่มีหลักฐาน") in missing
    assert (year.title, "การดำเนินการยังไม่มีหลักฐาน") in missing
    assert [i.title for i in d.broken_links] == [year.title]
    later_on = plan_deadlines(plan, on=dt.date(2024, 4, 5), days=14)
    assert mar.title in [i.title for i in later_on.overdue]
    assert "รายงานรอบ ๖ เดือน" in [i.title for i in later_on.overdue]
    assert later.title not in [i.title for i in later_on.overdue]


def test_the_dashboard_page_shows_the_lists(plan: Any) -> None:
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    response = client.get(reverse("progress:deadlines", kwargs={"slug": "ours"}) + "?year=2567")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="overdue"' in html and measures(plan)[1].title in html


def test_reminders_go_once_a_day_to_admins_and_editors(
    plan: Any, world: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    on = dt.date(2024, 3, 25)
    monkeypatch.setattr(selectors, "today", lambda: on)
    result = send_reminders(on=on)
    assert result["sent"] == 1
    (message,) = mail.outbox
    assert sorted(message.to) == ["admin@example.com", "editor@example.com"]
    assert "อบต.ของเรา" in message.subject
    assert measures(plan)[1].title in message.body
    assert send_reminders(on=on)["sent"] == 0 and len(mail.outbox) == 1
    assert ReminderLog.objects.get().recipients == 2
    Membership.objects.filter(user__username="editor").delete()
    call_command("progress_remind", "--on", "2024-03-26", "--org", "ours")
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["admin@example.com"]


def test_the_link_check_command_queues_a_check_per_plan(
    plan: Any, settings: Any, capsys: Any
) -> None:
    act(measures(plan)[0], dt.date(2023, 11, 1), "ก", url="http://127.0.0.1:9/x")
    call_command("progress_check_links", "--org", "ours", "--year", "2567")
    assert "ours 2567" in capsys.readouterr().out
    assert Evidence.objects.get(url="http://127.0.0.1:9/x").link_status == "refused"


def test_early_in_the_year_the_dashboard_lists_what_should_have_begun_and_the_years_dates(
    plan: Any,
) -> None:
    """Early in the year nothing is overdue or due within the horizon, yet measures that should
    have begun have not, and the plan and both reports are still to come: the page said "none"."""
    dec, _mar, year, later = measures(plan)
    act(year, dt.date(2023, 10, 20), "เริ่มแล้ว")
    d = plan_deadlines(plan, on=dt.date(2023, 11, 15), days=14)
    started_late = {i.title for i in d.not_started}
    assert dec.title in started_late and year.title not in started_late
    assert later.title not in started_late  # starts later in the year
    dates = {i.title: i.when for i in d.year_dates}
    assert dates["อนุมัติและเผยแพร่มาตรการ"] == dt.date(2024, 2, 29)
    assert dates["รายงานรอบ ๖ เดือน"] == dt.date(2024, 4, 30)
    assert dates["รายงานรอบ ๑๒ เดือน"] == dt.date(2024, 10, 30)
    assert d.total > 0


def test_an_unpublished_plan_past_its_date_is_overdue(plan: Any) -> None:
    d = plan_deadlines(plan, on=dt.date(2024, 3, 5), days=14)
    assert "อนุมัติและเผยแพร่มาตรการ" in [i.title for i in d.overdue]
    report = next(i for i in plan_deadlines(plan, on=dt.date(2024, 5, 2)).overdue if i.period)
    assert "เลยกำหนดส่งแล้ว" in report.detail


def test_the_dashboard_page_shows_measures_not_started_and_the_years_dates(
    plan: Any, monkeypatch: Any
) -> None:
    from prongsai.progress import selectors

    monkeypatch.setattr(selectors, "today", lambda: dt.date(2023, 11, 15))
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    html = client.get(reverse("progress:deadlines", kwargs={"slug": "ours"}) + "?year=2567")
    body = html.content.decode()
    not_started = body.split('id="not-started"', 1)[1].split("</section>", 1)[0]
    assert measures(plan)[0].title in not_started
    year_dates = body.split('id="year-dates"', 1)[1].split("</section>", 1)[0]
    assert "อนุมัติและเผยแพร่มาตรการ" in year_dates and "๓๐ เมษายน ๒๕๖๗" in year_dates
