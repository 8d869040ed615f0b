"""The registers: the gift flag, loans, risk levels, events, documents, publishing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.registers import selectors, services
from prongsai.registers.models import Event, EventFile, Gift, LoanStatus, Publication, risk_band

pytestmark = pytest.mark.django_db
YEAR = 2569
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _asset(agency: Any, number: str = "416-60-0003", name: str = "เครื่องเสียง") -> Any:
    return services.asset_add(
        agency, {"number": number, "name": name, "unit": "", "state": "active"}
    )


def _gift(agency: Any, **kw: Any) -> Gift:
    data = {
        "received_on": dt.date(2025, 10, 15), "recipient": "นายก", "recipient_position": "",
        "giver": "ผู้รับเหมา", "relation": "other", "occasion": "", "item": "บัตรกำนัล",
        "value": Decimal("5000"), "action": "pending", "reported_on": None, "decision": "",
    }  # fmt: skip
    return services.gift_add(agency, YEAR, {**data, **kw})


def test_a_gift_over_3000_baht_is_flagged_after_30_days_until_it_is_reported(agency: Any) -> None:
    gift = _gift(agency)
    assert gift.must_report and not gift.overdue(dt.date(2025, 11, 14))  # day 30
    assert gift.overdue(dt.date(2025, 11, 15))
    services.gift_report(gift, dt.date(2025, 11, 20))
    gift.refresh_from_db()
    assert not gift.overdue(dt.date(2026, 1, 1)) and gift.reported_late


def test_a_gift_up_to_3000_baht_needs_no_report(agency: Any) -> None:
    gift = _gift(agency, value=Decimal("3000"))
    assert not gift.must_report and not gift.overdue(dt.date(2026, 9, 30))
    assert "3,000" in gift.rule


def test_a_gift_outside_the_year_or_reported_before_it_was_received_is_refused(agency: Any) -> None:
    with pytest.raises(ValidationError) as e:
        _gift(agency, received_on=dt.date(2024, 9, 30))
    assert "ปีงบประมาณ" in str(e.value)
    with pytest.raises(ValidationError):
        _gift(agency, reported_on=dt.date(2025, 10, 1))
    assert not Gift.objects.exists()


def test_a_loan_is_approved_returned_and_flagged_when_overdue(agency: Any) -> None:
    loan = services.loan_request(agency, YEAR, {
        "borrower": "นายวิชัย", "purpose": "งานกีฬา", "kind": "durable",
        "items": [{"asset": _asset(agency), "quantity": 1}],
        "starts_on": dt.date(2025, 11, 1), "due_on": dt.date(2025, 11, 7),
    })  # fmt: skip
    assert not loan.overdue(dt.date(2025, 12, 1))  # not approved yet: not out
    services.loan_decide(loan, approve=True, user=None)
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED and loan.overdue(dt.date(2025, 11, 8))
    assert [x.pk for x in selectors.overdue_loans(dt.date(2025, 11, 8))] == [loan.pk]
    with pytest.raises(ValidationError):
        services.loan_decide(loan, approve=False, user=None)  # decided already
    services.loan_return(loan, {"returned_on": dt.date(2025, 11, 9), "condition": "good"})
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED and not loan.overdue(dt.date(2026, 1, 1))


def test_the_risk_level_is_the_product_in_bands() -> None:
    assert [risk_band(n) for n in (1, 3, 4, 9, 10, 16, 20, 25)] == [
        "ต่ำ", "ต่ำ", "ปานกลาง", "ปานกลาง", "สูง", "สูง", "สูงมาก", "สูงมาก",
    ]  # fmt: skip


def test_an_event_with_a_file_that_is_not_a_document_writes_nothing(agency: Any) -> None:
    data = {"held_on": dt.date(2025, 12, 1), "topic": "อบรม", "organiser": "", "hours": 3,
            "participants": [], "outcome": "", "use": ""}  # fmt: skip
    with pytest.raises(ValidationError):
        services.event_add(agency, YEAR, "ethics", data, upload=SimpleUploadedFile("x.pdf", b"MZ"))
    assert not Event.objects.exists()
    services.event_add(agency, YEAR, "ethics", data, upload=SimpleUploadedFile("x.pdf", PDF))
    assert EventFile.objects.get().file_name.endswith(".pdf")


@pytest.mark.parametrize(
    "kind",
    ["nogift", "nogift-report", "borrowing", "ethics", "participation", "risk", "risk-report"],
)
def test_every_document_renders_empty_and_publishes_pdf_and_docx(agency: Any, kind: str) -> None:
    from prongsai.core import files

    if kind == "nogift-report":
        _gift(agency)
    publication = services.publish(agency, YEAR, kind, user=None)
    assert files.read_bytes(publication.copy_path)[:4] == b"%PDF"
    assert files.read_bytes(publication.docx_path)[:2] == b"PK"
    assert list(Publication.objects.values_list("kind", flat=True)) == [kind]


def test_a_published_document_answers_its_oit_item_and_is_on_the_public_page(agency: Any) -> None:
    from django.test import Client
    from django.urls import reverse

    from prongsai.oit import services as oit_services
    from prongsai.oit.selectors import register_view

    register = oit_services.register_create(agency, YEAR)
    rows = {r.item.code: r for r in register_view(register).rows}
    assert not rows["o20"].ready and not rows["o22"].ready
    services.publish(agency, YEAR, "nogift", user=None)
    services.publish(agency, YEAR - 1, "risk-report", user=None)  # O22: the previous year's
    services.publish(agency, YEAR, "risk-report", user=None)  # not this year's
    rows = {r.item.code: r for r in register_view(register).rows}
    assert rows["o20"].ready and rows["o20"].document is not None
    assert rows["o22"].ready and not rows["o21"].ready
    page = Client().get(reverse("oit_public:documents", kwargs={"slug": agency.slug}))
    text = page.content.decode()
    assert "ประกาศเจตนารมณ์ No Gift Policy" in text
    newest = Publication.objects.filter(kind="nogift").get()
    docx = Client().get(
        reverse(
            "oit_public:document_file",
            kwargs={"slug": agency.slug, "key": f"registers-{newest.pk}", "ext": "docx"},
        )
    )
    assert docx.status_code == 200


def test_a_record_is_attached_to_a_measure_as_dated_evidence_in_one_action(agency: Any) -> None:
    from prongsai.plans import services as plan_services
    from prongsai.progress.models import Action

    plan = plan_services.plan_create(agency=agency, fiscal_year=YEAR, user=None)
    issue = plan_services.issue_add(plan, title="No Gift", user=None)
    measure = plan_services.measure_save(issue, user=None, data={"title": "ประกาศ No Gift"})
    gift = _gift(agency)
    pdf = services.document_bytes("nogift-report", agency, YEAR, "pdf")
    services.attach_to_measure(
        measure, user=None, day=gift.received_on, text="รับบัตรกำนัล", url="http://testserver/x",
        pdf=pdf, name="nogift-report-2569.pdf",
    )  # fmt: skip
    action = Action.objects.get(measure=measure)
    assert action.date == gift.received_on
    assert [e.kind for e in action.evidence.all()] == ["file"]  # the test server's link is refused


def test_overdue_loans_and_gift_reports_are_in_the_deadlines_and_reminders(agency: Any) -> None:
    from prongsai.plans import services as plan_services
    from prongsai.progress.deadlines import plan_deadlines

    plan = plan_services.plan_create(agency=agency, fiscal_year=YEAR, user=None)
    _gift(agency)  # 5,000 baht on 15 Oct 2025, due to be reported by 14 Nov
    loan = services.loan_request(agency, YEAR, {
        "borrower": "นายวิชัย", "purpose": "งานกีฬา", "kind": "durable",
        "items": [{"asset": _asset(agency)}], "starts_on": dt.date(2025, 11, 1),
        "due_on": dt.date(2025, 11, 7),
    })  # fmt: skip
    services.loan_decide(loan, approve=True, user=None)
    found = plan_deadlines(plan, on=dt.date(2025, 11, 20))
    overdue = " ".join(f"{i.title} {i.detail}" for i in found.overdue)
    assert "นายวิชัย" in overdue and "บัตรกำนัล" in overdue


def test_the_agency_home_step_says_what_needs_attention(agency: Any) -> None:
    from prongsai.orgs.access import AgencyAccess, Need
    from prongsai.registers.cycle import registers_step

    access = AgencyAccess(agency=agency, level=Need.READ)
    assert registers_step(access, YEAR).status == "todo"
    _gift(agency)
    step = registers_step(access, YEAR)
    assert step.status == "doing" and "เกินกำหนดรายงานการรับ ๑" in step.summary


@pytest.mark.parametrize("kind, fmt", [("nogift", "docx"), ("borrowing", "pdf")])
def test_the_render_command_writes_the_registers_documents(
    agency: Any, tmp_path: Any, kind: str, fmt: str
) -> None:
    from django.core.management import call_command

    out = tmp_path / f"{kind}.{fmt}"
    args = ["--org", agency.slug, "--year", str(YEAR), "--format", fmt, "--out", str(out)]
    call_command("render", kind, *args)
    assert out.read_bytes()[:2] in (b"%P", b"PK")
