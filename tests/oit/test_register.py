"""The OIT register: rows from the framework, readiness, the period check, copying forward,
Prongsai's own documents as evidence, and the public pages."""

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from prongsai.oit import services
from prongsai.oit.models import EntryLink, EntryStatus, Register
from prongsai.oit.selectors import register_summary, register_view
from prongsai.plans import services as plan_services
from prongsai.results.services import ResultInput, result_save
from tests.results.conftest import indicators

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ready(entry: Any, url: str, *, year: int | None = None) -> EntryLink:
    services.entry_save(entry, data={"status": EntryStatus.PUBLISHED})
    link = services.link_add(entry, url=url, explanation="เมนู ITA", covers_year=year)
    services.link_record_check(link, status="ok", http_status=200, detail="")
    return link


def test_a_register_has_one_row_per_item_of_its_years_framework(agency) -> None:
    register = services.register_create(agency, 2569)
    codes = list(register.entries.values_list("code", flat=True))
    assert codes == [f"o{n}" for n in range(1, 27)]
    assert services.register_create(agency, 2569).pk == register.pk  # idempotent
    assert register.entries.count() == 26
    # FY2567's calendar: the assessment ended 30 Jun 2567 → the default due date
    r67 = services.register_create(agency, 2567)
    assert r67.entries.first().due_date == dt.date(2024, 6, 30)
    assert register.entries.first().due_date is None  # FY2569's calendar is not known


def test_a_year_without_oit_items_is_refused_and_nothing_is_written(agency) -> None:
    with pytest.raises(ValidationError):
        services.register_create(agency, 2565)
    assert not Register.objects.exists()


def test_a_previous_year_item_answered_with_this_years_document_is_flagged(agency) -> None:
    register = services.register_create(agency, 2569)
    o26 = register.entries.get(code="o26")  # previous FY: the FY2568 report
    ready(o26, "https://www.example.go.th/ita/report-2569.pdf")
    row = next(r for r in register_view(register).rows if r.item.code == "o26")
    assert row.expected_year == 2568
    assert not row.ready and "ปีงบประมาณ 2568" in row.problems[0]
    assert "อ่านจากปีที่ปรากฏ" in row.problems[0]  # read from the URL
    # the right year's document (stated by the officer) makes it ready
    EntryLink.objects.all().delete()
    ready(o26, "https://www.example.go.th/ita/report.pdf", year=2568)
    row = next(r for r in register_view(register).rows if r.item.code == "o26")
    assert row.ready and row.problems == []


def test_the_prediction_counts_ready_items_flat_when_fy2569s_split_is_unknown(agency) -> None:
    result_save(agency, ResultInput(year=2568, indicators=indicators(["90"] * 8 + ["80"] * 2)))
    register = services.register_create(agency, 2569)
    for entry in register.entries.filter(code__in=[f"o{n}" for n in range(1, 14)]):
        ready(entry, f"https://www.example.go.th/ita/{entry.code}")
    unchecked = register.entries.get(code="o14")
    services.entry_save(unchecked, data={"status": EntryStatus.PUBLISHED})
    services.link_add(unchecked, url="https://www.example.go.th/ita/o14", covers_year=2568)
    view = register_view(register)
    assert view.ready == 13 and view.unchecked_links == 1
    p = view.prediction
    # 13 of 26 → 50.00 (estimate); overall = 0.3·90 + 0.3·90 + 0.4·50 = 74.00
    assert p.estimate and p.oit == Decimal("50.00") and p.overall == Decimal("74.00")
    o14 = next(r for r in view.rows if r.item.code == "o14")
    assert o14.reason == "ยังไม่ได้ตรวจลิงก์"
    # one more item: 14/26 = 53.846… → +3.85 OIT, overall +1.54
    assert o14.cost.oit == Decimal("3.85") and o14.cost.overall == Decimal("1.54")
    summary = register_summary(register)
    assert summary["items"] == 26 and summary["ready"] == 13
    assert summary["predicted"]["oit"] == 50.0 and summary["predicted"]["level"] == "ต้องปรับปรุง"


def test_copying_forward_matches_items_by_title_and_resets_statuses(agency) -> None:
    old = services.register_create(agency, 2568)
    o4 = old.entries.get(code="o4")  # ข่าวประชาสัมพันธ์ is O4 in both years
    ready(o4, "https://www.example.go.th/news")
    o11 = old.entries.get(code="o11")  # ข้อมูลสถิติการให้บริการ: no FY2569 item of that title
    ready(o11, "https://www.example.go.th/stats")
    report = services.register_copy_forward(agency, 2569)
    new = Register.objects.get(agency=agency, fiscal_year=2569)
    n4 = new.entries.get(code="o4")
    assert n4.status == EntryStatus.TODO and n4.notes == o4.notes
    assert [(link.url, link.link_status) for link in n4.links.all()] == [
        ("https://www.example.go.th/news", "")
    ]
    assert not new.entries.get(code="o11").links.exists()  # O11 means another item in FY2569
    assert report.matched >= 1 and report.matched + report.unmatched == 26
    assert new.copied_from == 2568


def _approved_plan(agency: Any, year: int) -> Any:
    plan = plan_services.plan_create(agency=agency, fiscal_year=year, user=None)
    issue = plan_services.issue_add(plan, title="ประเด็น", user=None)
    plan_services.measure_save(issue, user=None, data={"title": "มาตรการ", "question_codes": "o25"})
    return plan_services.plan_approve(plan, user=None)


def test_the_plan_answers_o25_and_its_public_link_survives_a_new_version(agency) -> None:
    plan = _approved_plan(agency, 2569)
    register = services.register_create(agency, 2569)
    row = next(r for r in register_view(register).rows if r.item.code == "o25")
    assert row.ready and row.document is not None
    first_url = row.document.url
    client = Client()
    page = client.get(first_url)
    assert page.status_code == 200 and "superseded" not in page.content.decode()
    # reopen and approve again: a new URL; the old one stays and says it was superseded
    plan_services.plan_reopen(plan, user=None, reason="แก้ไขมาตรการ")
    plan_services.plan_approve(plan, user=None)
    row = next(r for r in register_view(register).rows if r.item.code == "o25")
    assert row.document.url != first_url
    old = client.get(first_url)
    assert old.status_code == 200 and 'id="superseded"' in old.content.decode()
    pdf = client.get(first_url + "pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_public_feed_leaks_no_people_notes_or_files(agency) -> None:
    from prongsai.orgs.models import Person

    person = Person.objects.create(agency=agency, name="นางสาวลับ เฉพาะ", position="นิติกร")
    register = services.register_create(agency, 2569)
    entry = register.entries.get(code="o3")
    services.entry_save(entry, data={"person": person, "notes": "บันทึกภายใน ห้ามเผยแพร่"})
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.file_add(entry, upload=SimpleUploadedFile("ภายใน.pdf", PDF), title="ไฟล์ภายใน")
    ready(entry, "https://www.example.go.th/contact")
    client = Client()
    for name in ("oit_public:feed", "oit_public:embed", "oit_public:documents"):
        body = client.get(reverse(name, kwargs={"slug": agency.slug})).content.decode()
        assert "นางสาวลับ" not in body and "บันทึกภายใน" not in body and "ภายใน.pdf" not in body
    data = json.loads(client.get(reverse("oit_public:feed", kwargs={"slug": agency.slug})).content)
    o3 = next(r for r in data["register"]["rows"] if r["code"] == "O3")
    assert o3["links"] == [{"url": "https://www.example.go.th/contact", "explanation": "เมนู ITA"}]


def test_a_draft_plan_is_never_public(agency) -> None:
    plan = plan_services.plan_create(agency=agency, fiscal_year=2569, user=None)
    assert plan.status != "approved"
    body = Client().get(reverse("oit_public:documents", kwargs={"slug": agency.slug}))
    assert "ยังไม่มีเอกสารฉบับทางการ" in body.content.decode()
    missing = Client().get(
        reverse("oit_public:document", kwargs={"slug": agency.slug, "key": "plan-1"})
    )
    assert missing.status_code == 404


def test_a_flood_of_links_or_files_is_refused(agency) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prongsai.oit.services import MAX_FILES_PER_ENTRY, MAX_LINKS_PER_ENTRY

    entry = services.register_create(agency, 2569).entries.get(code="o12")
    for n in range(MAX_LINKS_PER_ENTRY):
        services.link_add(entry, url=f"https://www.example.go.th/{n}")
    with pytest.raises(ValidationError):
        services.link_add(entry, url="https://www.example.go.th/more")
    for n in range(MAX_FILES_PER_ENTRY):
        services.file_add(entry, upload=SimpleUploadedFile(f"{n}.pdf", PDF))
    with pytest.raises(ValidationError):
        services.file_add(entry, upload=SimpleUploadedFile("more.pdf", PDF))
    assert entry.links.count() == MAX_LINKS_PER_ENTRY and entry.files.count() == MAX_FILES_PER_ENTRY


def test_an_other_agencys_row_is_not_found(agency) -> None:
    from django.http import Http404

    from prongsai.oit.access import get_link_for_user
    from tests.authz.world import build_world

    world = build_world()
    theirs = services.register_create(world.other_agency, 2569)
    link = services.link_add(theirs.entries.get(code="o1"), url="https://www.example.go.th/t")
    services.register_create(world.agency, 2569)
    with pytest.raises(Http404):
        get_link_for_user(world.users["editor"], world.agency.slug, 2569, link.pk)


def test_the_register_page_is_served_from_its_cache_until_the_agencys_data_changes(
    agency, django_assert_max_num_queries
) -> None:
    from django.contrib.auth import get_user_model

    from prongsai.orgs.models import Membership, Role

    register = services.register_create(agency, 2569)
    user = get_user_model().objects.create_user("oit-reader")
    Membership.objects.create(user=user, agency=agency, role=Role.VIEWER)
    client = Client()
    client.force_login(user)
    url = reverse("oit:register", args=[agency.slug, 2569])
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):  # the body comes from the cache: no register query
        cached = client.get(url).content.decode()
    assert "https://www.example.go.th/ita/o1" not in cached
    entry = register.entries.get(code="o1")
    link = services.link_add(entry, url="https://www.example.go.th/ita/o1", explanation="เมนู")
    page = client.get(url).content.decode()
    assert (
        "https://www.example.go.th/ita/o1" in page
        and "ยังไม่ตรวจ" in page.rsplit("ita/o1", 1)[1].split("</li>")[0]
    )
    services.link_record_check(link, status="broken", http_status=404, detail="")
    page = client.get(url).content.decode()  # the worker's result renews the page too
    assert "badge-bad" in page.rsplit("ita/o1", 1)[1].split("</li>")[0]


@pytest.mark.parametrize(("style", "foreign"), [("thai", "0-9"), ("arabic", "๐-๙")])
def test_the_public_pages_follow_the_agencys_digits(agency, style: str, foreign: str) -> None:
    from tests.core.test_page_habits import _offending

    agency.digit_style = style
    agency.save(update_fields=["digit_style"])
    _approved_plan(agency, 2569)
    services.register_create(agency, 2569)
    client = Client()
    listing = client.get(reverse("oit_public:documents", args=[agency.slug])).content.decode()
    key = re.search(rf"/p/{agency.slug}/d/([^/]+)/", listing)
    assert key, "the approved plan is listed"
    document = client.get(reverse("oit_public:document", args=[agency.slug, key.group(1)]))
    embed = client.get(reverse("oit_public:embed", args=[agency.slug]))
    for page in (listing, document.content.decode(), embed.content.decode()):
        assert _offending(page, foreign, verbatim=False) == []  # a checksum stays as stored
