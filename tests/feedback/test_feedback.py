"""Q&A board, satisfaction survey, hub, guideline and figures as evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.core import abuse
from prongsai.feedback import services
from prongsai.feedback.models import GuidelineCopy, Question, QuestionStatus, Rating, Service
from tests.feedback.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_MIN_FILL_SECONDS = 0


def _started() -> str:
    return abuse.start_token()


def _officer(w: Any, name: str = "editor") -> Client:
    client = Client()
    assert client.login(username=name, password=PASSWORD)
    return client


def test_a_question_is_public_only_once_an_officer_answers_it(small: Any) -> None:
    anon = Client()
    url = reverse("feedback_public:questions", kwargs={"slug": small.agency.slug})
    response = anon.post(url, {"subject": "ขอใบอนุญาต", "text": "ต้องยื่นที่ใด", "started": _started()})
    assert response.status_code == 302
    q = Question.objects.get(subject="ขอใบอนุญาต")
    assert q.status == QuestionStatus.NEW
    assert "ขอใบอนุญาต" not in anon.get(url).content.decode()

    officer = _officer(small)
    page = reverse("feedback:question", kwargs={"slug": small.agency.slug, "pk": q.pk})
    token = officer.get(page).context["version"].token
    response = officer.post(page, {"answer": "ยื่นที่กองช่าง", "_version": token})
    assert response.status_code == 302
    q.refresh_from_db()
    assert q.status == QuestionStatus.ANSWERED and q.answered_by == small.users["editor"]
    body = anon.get(url).content.decode()
    assert "ขอใบอนุญาต" in body and "ยื่นที่กองช่าง" in body


def test_spam_is_held_and_a_rejected_question_stays_private(small: Any) -> None:
    q = services.question_ask(
        small.agency, subject="ลดราคา", text="http://a.example http://b.example"
    )
    assert q.status == QuestionStatus.HELD
    services.question_set_status(q, QuestionStatus.REJECTED)
    url = reverse("feedback_public:questions", kwargs={"slug": small.agency.slug})
    assert "ลดราคา" not in Client().get(url).content.decode()


def test_a_bot_filling_the_honeypot_or_sending_too_fast_writes_nothing(
    small: Any, settings: Any
) -> None:
    before = Question.objects.count()
    url = reverse("feedback_public:questions", kwargs={"slug": small.agency.slug})
    data = {"subject": "ก", "text": "ข", "started": _started(), "website": "x"}
    assert Client().post(url, data).status_code == 200
    settings.PRONGSAI_ABUSE_MIN_FILL_SECONDS = 5
    data["website"] = ""
    response = Client().post(url, data)
    assert "เร็วเกินไป" in response.content.decode()
    assert Question.objects.count() == before


def test_too_many_submissions_from_one_address_are_refused(small: Any, settings: Any) -> None:
    settings.PRONGSAI_ABUSE_RATES = {"qa": ((2, 600),)}
    url = reverse("feedback_public:questions", kwargs={"slug": small.agency.slug})
    client = Client()
    before = Question.objects.count()
    codes = [
        client.post(url, {"subject": f"เรื่อง {i}", "text": "ข้อความ", "started": _started()})
        for i in range(3)
    ]
    assert [r.status_code for r in codes] == [302, 302, 429]
    assert Question.objects.count() == before + 2


def test_a_rating_is_kept_without_anything_about_the_sender(small: Any) -> None:
    service = services.service_save(Service(agency=small.agency, name="ชำระภาษี"))
    url = reverse("feedback_public:rate", kwargs={"slug": small.agency.slug, "pk": service.pk})
    response = Client().post(url, {"score": "4", "comment": "รวดเร็ว", "started": _started()})
    assert response.status_code == 302
    rating = Rating.objects.get(service=service)
    assert (rating.score, rating.comment, rating.agency_id) == (4, "รวดเร็ว", small.agency.pk)
    assert {f.name for f in Rating._meta.fields} == {
        "id", "agency", "service", "score", "comment", "at"
    }  # fmt: skip


def test_an_inactive_service_cannot_be_rated(small: Any) -> None:
    service = services.service_save(Service(agency=small.agency, name="ปิดแล้ว", active=False))
    url = reverse("feedback_public:rate", kwargs={"slug": small.agency.slug, "pk": service.pk})
    assert Client().get(url).status_code == 404


def test_the_survey_table_counts_by_month_and_service(small: Any) -> None:
    service = services.service_save(Service(agency=small.agency, name="ทะเบียน"))
    for score in (5, 4, 3):
        services.rating_add(service, score=score, comment="ที่จอดรถน้อย" if score == 3 else "")
    year = __import__("prongsai.core.thai", fromlist=["x"]).fiscal_year(timezone.localdate())
    from prongsai.feedback.selectors import survey_table

    table = survey_table(small.agency, year)
    _service, cells, total = next(r for r in table.rows if r[0] == service)
    assert total.count == 3 and total.mean == 4 and total.percent == 80
    assert sum(c.count for c in cells) == 3
    page = _officer(small, "viewer").get(
        reverse("feedback:survey", kwargs={"slug": small.agency.slug})
    )
    assert "ทะเบียน" in page.content.decode() and "ที่จอดรถน้อย" in page.content.decode()


def test_the_hub_lists_the_channels_and_the_national_ones(small: Any) -> None:
    body = Client().get(reverse("feedback_public:hub", kwargs={"slug": small.agency.slug}))
    text = body.content.decode()
    assert reverse("feedback_public:questions", kwargs={"slug": small.agency.slug}) in text
    assert reverse("feedback_public:services", kwargs={"slug": small.agency.slug}) in text
    assert "https://wbs.nacc.go.th/" in text and "https://www.pacc.go.th/e-service/" in text


def test_publishing_the_guideline_keeps_a_pdf_and_a_docx(small: Any) -> None:
    officer = _officer(small)
    url = reverse("feedback:guideline", kwargs={"slug": small.agency.slug})
    token = officer.get(url).context["version"].token
    data = {"steps": "รับเรื่อง\nตรวจสอบ", "days_to_finish": "10", "_version": token}
    assert officer.post(url, data).status_code == 302
    publish = reverse("feedback:guideline_publish", kwargs={"slug": small.agency.slug})
    assert officer.post(publish).status_code == 302
    copy = GuidelineCopy.objects.get(agency=small.agency)
    from prongsai.core.files import read_bytes

    assert read_bytes(copy.copy_path).startswith(b"%PDF")
    assert read_bytes(copy.docx_path).startswith(b"PK")
    from prongsai.oit.documents import official_documents, public_documents

    doc = next(d for d in public_documents(small.agency) if d.kind == "complaint_guideline")
    assert doc.alternate("docx") is not None
    assert (small.agency.pk, "complaint_guideline", copy.fiscal_year) in official_documents(
        [small.agency.pk], [copy.fiscal_year]
    )
    hub_link = reverse("feedback_public:hub", kwargs={"slug": small.agency.slug})
    public = Client().get(reverse("oit_public:documents", kwargs={"slug": small.agency.slug}))
    assert hub_link in public.content.decode()
    assert f"/d/{doc.key}/" in public.content.decode()


def test_the_figures_become_a_dated_action_with_the_public_page_as_evidence(
    small: Any, settings: Any
) -> None:
    settings.PRONGSAI_SITE_URL = "https://prongsai.example.go.th"
    from prongsai.core import thai
    from prongsai.plans import services as plan_services
    from prongsai.progress.models import Action

    today = timezone.localdate()
    year = thai.fiscal_year(today)
    plan = plan_services.plan_create(agency=small.agency, fiscal_year=year, user=None)
    issue = plan_services.issue_add(plan, title="การสื่อสาร", user=None)
    measure = plan_services.measure_save(
        issue, user=None, data={"title": "ตอบคำถามประชาชน", "question_codes": "e9"}
    )
    q = services.question_ask(small.agency, subject="ถาม", text="ถาม")
    services.question_answer(q, user=None, answer="ตอบ")
    officer = _officer(small)
    url = reverse("feedback:evidence", kwargs={"slug": small.agency.slug})
    start = thai.fiscal_year_period(year).start
    response = officer.post(
        url,
        {
            "measure": measure.pk,
            "source": "qa",
            "start": thai.input_date(start),
            "end": thai.input_date(today),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    action = Action.objects.get(measure=measure)
    assert action.date == today
    assert "ได้รับคำถาม" in action.text
    evidence = action.evidence.get()
    assert evidence.url == "https://prongsai.example.go.th" + (
        reverse("feedback_public:questions", kwargs={"slug": small.agency.slug})
    )


def test_the_poster_has_one_qr_code_per_channel(small: Any) -> None:
    officer = _officer(small, "viewer")
    url = reverse("feedback:poster", kwargs={"slug": small.agency.slug})
    body = officer.get(url).content.decode()
    assert body.count("<svg") >= 2
    pdf = officer.get(url + "?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_demo_has_questions_and_ratings() -> None:
    from prongsai.core.demo import demo_build

    demo_build()
    assert Question.objects.filter(agency__slug="demo", status=QuestionStatus.ANSWERED).count() == 2
    assert Rating.objects.filter(agency__slug="demo").count() > 30
    assert Rating.objects.filter(at__lt=timezone.now() - dt.timedelta(days=30)).exists()
