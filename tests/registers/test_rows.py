"""The asset catalogue, loans and events as rows (decision 43): a loan picks assets of its
agency's catalogue, an asset is never lent twice over overlapping days, the forms read rows
(with or without the page's script), and the data migration turns the old typed lines into
catalogue assets and rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from prongsai.registers import services
from prongsai.registers.forms import group_formset, item_formset
from prongsai.registers.models import Asset, Event, Loan, LoanItem, LoanStatus, ParticipantGroup

pytestmark = pytest.mark.django_db
YEAR = 2569


def _asset(agency: Any, number: str, name: str = "เครื่องเสียง", state: str = "active") -> Asset:
    return services.asset_add(
        agency, {"number": number, "name": name, "unit": "ชุด", "state": state}
    )


def _loan(
    agency: Any, assets: list[Asset], starts: dt.date, due: dt.date, who: str = "นายก"
) -> Loan:
    return services.loan_request(agency, YEAR, {
        "borrower": who, "purpose": "งาน", "kind": "durable", "position": "", "unit": "",
        "items": [{"asset": a, "quantity": 1, "note": ""} for a in assets],
        "starts_on": starts, "due_on": due,
    })  # fmt: skip


def test_an_asset_number_is_unique_per_agency_and_retired_assets_cannot_be_lent(
    agency: Any,
) -> None:
    from prongsai.orgs import services as org_services
    from prongsai.orgs.models import AgencyType

    _asset(agency, "416-60-0003")
    with pytest.raises(ValidationError, match="มีในทะเบียนแล้ว"):
        _asset(agency, " 416-60-0003 ")
    other = org_services.agency_create(
        slug="other", type=AgencyType.SAO, name="อื่น", district=agency.district
    )
    _asset(other, "416-60-0003")  # another agency may use the same number
    old = _asset(agency, "416-50-0001", state="retired")
    with pytest.raises(ValidationError, match="เลิกใช้แล้ว"):
        _loan(agency, [old], dt.date(2025, 11, 1), dt.date(2025, 11, 2))
    with pytest.raises(ValidationError, match="ไม่ถูกต้อง"):  # another agency's asset
        _loan(agency, [Asset.objects.get(agency=other)], dt.date(2025, 11, 1), dt.date(2025, 11, 2))
    assert not Loan.objects.exists() and not LoanItem.objects.exists()


def test_an_asset_is_not_lent_twice_over_overlapping_days(agency: Any) -> None:
    sound, screen = _asset(agency, "416-60-0003"), _asset(agency, "417-59-0013", "จอ")
    first = _loan(agency, [sound], dt.date(2025, 11, 1), dt.date(2025, 11, 7), "นายหนึ่ง")
    with pytest.raises(ValidationError) as refused:
        _loan(agency, [screen, sound], dt.date(2025, 11, 7), dt.date(2025, 11, 9), "นายสอง")
    message = " ".join(refused.value.messages)
    assert "๔๑๖-๖๐-๐๐๐๓" in message and "นายหนึ่ง" in message and "ยืมซ้ำ" in message
    assert Loan.objects.count() == 1 and LoanItem.objects.count() == 1  # nothing written
    _loan(agency, [screen], dt.date(2025, 11, 7), dt.date(2025, 11, 9))  # another asset: fine
    _loan(agency, [sound], dt.date(2025, 11, 8), dt.date(2025, 11, 9))  # after the due date
    services.loan_decide(first, approve=True, user=None)
    services.loan_return(first, {"returned_on": dt.date(2025, 11, 3), "condition": "good"})
    _loan(agency, [sound], dt.date(2025, 11, 4), dt.date(2025, 11, 5))  # back early: free again
    with pytest.raises(ValidationError):
        _loan(agency, [sound], dt.date(2025, 11, 2), dt.date(2025, 11, 2))  # it was out that day
    rejected = Loan.objects.get(starts_on=dt.date(2025, 11, 8))
    services.loan_decide(rejected, approve=False, user=None)
    _loan(agency, [sound], dt.date(2025, 11, 8), dt.date(2025, 11, 8))  # a refusal frees it
    assert Loan.objects.filter(status=LoanStatus.REQUESTED).count() == 3


def _post(prefix: str, rows: list[dict[str, str]], total: int | None = None) -> dict[str, str]:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows) if total is None else total),
            f"{prefix}-INITIAL_FORMS": "0"}  # fmt: skip
    for n, row in enumerate(rows):
        data |= {f"{prefix}-{n}-{k}": v for k, v in row.items()}
    return data


def test_the_item_rows_skip_empty_rows_and_refuse_a_repeated_or_missing_asset(agency: Any) -> None:
    sound = _asset(agency, "416-60-0003")
    empty = {"asset": "", "quantity": "1", "note": ""}
    rows = item_formset(
        _post("item", [empty, {"asset": str(sound.pk), "quantity": "2"}, empty]), agency
    )
    assert rows.is_valid(), rows.errors
    twice = [{"asset": str(sound.pk)}, {"asset": str(sound.pk)}]
    rows = item_formset(_post("item", twice), agency)
    assert not rows.is_valid() and "มากกว่าหนึ่งแถว" in str(rows.non_form_errors())
    rows = item_formset(_post("item", [empty, empty]), agency)
    assert not rows.is_valid() and "อย่างน้อย" in str(rows.non_form_errors())
    rows = item_formset(_post("item", [{"asset": "", "quantity": "3"}]), agency)
    assert not rows.is_valid() and "เลือกครุภัณฑ์" in str(rows.errors)
    rows = item_formset(_post("item", [{"asset": str(sound.pk)}], total=10_000), agency)
    assert not rows.is_valid() and "ไม่เกิน 50 แถว" in str(rows.non_form_errors())
    rows = item_formset({"item-0-asset": str(sound.pk)}, agency)  # no management form
    assert not rows.is_valid() and "เปิดหน้านี้ใหม่" in str(rows.non_form_errors())


def test_the_group_rows_need_a_name_and_a_count(agency: Any) -> None:
    ok = group_formset(
        _post("group", [{"name": "ประชาชน", "count": "40"}, {"name": "", "count": ""}])
    )
    assert ok.is_valid()
    assert not group_formset(_post("group", [{"name": "ประชาชน", "count": ""}])).is_valid()
    assert not group_formset(_post("group", [{"name": "", "count": "5"}])).is_valid()


@pytest.fixture
def editor(agency: Any) -> Client:
    from prongsai.orgs import services as org_services
    from prongsai.orgs.models import Role

    membership = org_services.member_add(
        agency=agency, username="reg-editor", email="", role=Role.EDITOR, password="x-Long-pass-9"
    )
    client = Client()
    client.force_login(membership.user)
    return client


def test_a_loan_request_without_the_pages_script_posts_its_empty_rows(
    agency: Any, editor: Client
) -> None:
    from django.urls import reverse

    sound, screen = _asset(agency, "416-60-0003"), _asset(agency, "417-59-0013", "จอ")
    url = reverse("registers:loans", kwargs={"slug": agency.slug, "year": YEAR})
    page = editor.get(url).content.decode()
    assert 'name="item-TOTAL_FORMS" value="3"' in page and "data-add-row" in page
    assert "rows.js" in page and "<script>" not in page
    base = {"borrower": "นายยืม", "kind": "durable", "purpose": "ประชุม",
            "starts_on": "1/11/2568", "due_on": "3/11/2568"}  # fmt: skip
    rows = [{"asset": str(sound.pk), "quantity": "1", "note": "พร้อมไมค์"},
            {"asset": "", "quantity": "1"}, {"asset": str(screen.pk), "quantity": "1"}]  # fmt: skip
    assert editor.post(url, {**base, **_post("item", rows)}).status_code == 302
    loan = Loan.objects.get()
    assert [(r.asset.number, r.note) for r in loan.rows.all()] == [
        ("416-60-0003", "พร้อมไมค์"), ("417-59-0013", ""),
    ]  # fmt: skip
    again = editor.post(url, {**base, **_post("item", rows[:1])})
    assert again.status_code == 400 and "ยืมซ้ำ" in again.content.decode()
    assert Loan.objects.count() == 1


def test_an_event_keeps_its_groups_as_rows_and_the_report_sums_them(
    agency: Any, editor: Client
) -> None:
    from django.urls import reverse

    from prongsai.core.documents import DocumentOptions
    from prongsai.documents.model import Paragraph
    from prongsai.registers.documents import participation_report

    url = reverse("registers:events", kwargs={"slug": agency.slug, "year": YEAR, "kind": "participation"})  # fmt: skip
    for day, people in (("1/11/2568", "40"), ("2/11/2568", "25")):
        rows = [{"name": "ประชาชน", "count": people}, {"name": "ผู้นำชุมชน", "count": "5"}]
        data = {"held_on": day, "topic": "ประชาคม", "hours": "2", **_post("group", rows)}
        assert editor.post(url, data).status_code == 302
    event = Event.objects.first()
    assert event is not None and event.total == 45
    assert list(ParticipantGroup.objects.filter(event=event).values_list("name", flat=True)) == [
        "ประชาชน", "ผู้นำชุมชน",
    ]  # fmt: skip
    doc = participation_report(agency, YEAR, DocumentOptions())
    texts = " ".join(b.text for b in doc.blocks() if isinstance(b, Paragraph))
    assert "ประชาชน 65 คน" in texts and "ผู้นำชุมชน 10 คน" in texts


def test_a_register_changed_after_its_report_was_published_is_flagged_until_published_again(
    agency: Any, editor: Client
) -> None:
    from django.urls import reverse

    from prongsai.registers.models import Publication

    url = reverse("registers:loans", kwargs={"slug": agency.slug, "year": YEAR})
    sound = _asset(agency, "416-60-0003")
    _loan(agency, [sound], dt.date(2025, 11, 1), dt.date(2025, 11, 2))
    services.publish(agency, YEAR, "borrowing", user=None)
    assert Publication.objects.get().source_digest
    assert 'id="changed-borrowing"' not in editor.get(url).content.decode()
    _loan(agency, [sound], dt.date(2025, 11, 5), dt.date(2025, 11, 6), "นางสอง")
    page = editor.get(url).content.decode()
    assert 'id="changed-borrowing"' in page and "ฉบับสาธารณะยังเป็นฉบับก่อนแก้ไข" in page
    services.publish(agency, YEAR, "borrowing", user=None)
    assert 'id="changed-borrowing"' not in editor.get(url).content.decode()
    Publication.objects.update(source_digest="")  # published before digests were kept: unknown
    services.asset_update(
        sound, {"number": "416-60-0003", "name": "ลำโพง", "unit": "", "state": "active"}
    )
    assert 'id="changed-borrowing"' not in editor.get(url).content.decode()


def test_editing_a_gift_after_the_report_was_published_says_the_public_copy_waits(
    agency: Any, editor: Client
) -> None:
    from decimal import Decimal

    from django.urls import reverse

    gift = services.gift_add(agency, YEAR, {
        "received_on": dt.date(2025, 10, 15), "recipient": "นายก", "giver": "ผู้รับเหมา",
        "relation": "other", "item": "กระเช้า", "value": Decimal("800"), "action": "kept",
    })  # fmt: skip
    url = reverse("registers:gift", kwargs={"slug": agency.slug, "year": YEAR, "pk": gift.pk})
    assert "published-note" not in editor.get(url).content.decode()
    services.publish(agency, YEAR, "nogift-report", user=None)
    assert "เมื่อเผยแพร่อีกครั้งเท่านั้น" in editor.get(url).content.decode()


def _texts(document: Any) -> list[str]:
    import dataclasses
    import json

    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("text"), str):
                found.append(value["text"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(json.loads(json.dumps(dataclasses.asdict(document), default=str)))
    return found


def test_the_borrowing_form_and_the_yearly_summary_list_the_rows(agency: Any) -> None:
    from prongsai.core.documents import DocumentOptions
    from prongsai.registers.documents import borrowing_summary, loan_form

    sound, screen = _asset(agency, "416-60-0003"), _asset(agency, "417-59-0013", "จอรับภาพ")
    loan = services.loan_request(agency, YEAR, {
        "borrower": "นายยืม", "purpose": "ประชุม", "kind": "durable",
        "items": [{"asset": sound, "quantity": 2, "note": "พร้อมไมค์"}, {"asset": screen}],
        "starts_on": dt.date(2025, 11, 1), "due_on": dt.date(2025, 11, 2),
    })  # fmt: skip
    _loan(agency, [sound], dt.date(2025, 11, 10), dt.date(2025, 11, 11))
    form = _texts(loan_form(loan, DocumentOptions()))
    assert {"416-60-0003", "เครื่องเสียง", "พร้อมไมค์", "2 ชุด", "417-59-0013", "จอรับภาพ"} <= set(form)
    summary = " ".join(_texts(borrowing_summary(agency, YEAR, DocumentOptions())))
    assert "416-60-0003 เครื่องเสียง จำนวน 2 ชุด (พร้อมไมค์)" in summary
    assert "ครุภัณฑ์ที่ให้ยืม: 416-60-0003 เครื่องเสียง 2 ครั้ง, 417-59-0013 จอรับภาพ 1 ครั้ง" in summary


def test_an_assets_page_shows_its_borrowing_history(agency: Any, editor: Client) -> None:
    from django.urls import reverse

    sound = _asset(agency, "416-60-0003")
    _loan(agency, [sound], dt.date(2025, 11, 1), dt.date(2025, 11, 2), "นายหนึ่ง")
    _loan(agency, [sound], dt.date(2025, 12, 1), dt.date(2025, 12, 2), "นางสอง")
    page = editor.get(reverse("registers:asset", kwargs={"slug": agency.slug, "pk": sound.pk}))
    text = page.content.decode()
    assert page.status_code == 200 and text.index("นางสอง") < text.index("นายหนึ่ง")
