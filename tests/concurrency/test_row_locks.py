"""Row locks of the channels' replies and the registers' loan requests, each raced by two sessions
in two threads: the first session has read what it checks (the case as the form showed it, the
loans that overlap its dates) and is held, inside its transaction and before it writes, until the
second session has sent its own request. Without the row lock the second reads the same unchanged
state and both write (seen on PostgreSQL; SQLite's IMMEDIATE transactions serialise the writes
anyway)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from prongsai.channels import services as channel_services
from prongsai.channels.models import Message, Status
from prongsai.orgs.models import Membership, Role
from prongsai.registers import services as register_services
from prongsai.registers.models import Loan, LoanItem
from tests.authz.cases_registers import YEAR, rows
from tests.authz.world import PASSWORD
from tests.concurrency.conftest import Hold, signed_in, together

pytestmark = pytest.mark.django_db(transaction=True)

# Channels: two receivers reply to one case from the same form version --------------------


def _second_receiver(world: Any) -> None:
    user = get_user_model().objects.create_user(
        username="receiver2", email="receiver2@example.com", password=PASSWORD
    )
    Membership.objects.create(user=user, agency=world.agency, role=Role.VIEWER)
    channel_services.receiver_add(world.agency, user, "นายสำรอง รับเรื่องดี")


def _version(page: str) -> str:
    found = re.search(r'name="_version" value="([^"]*)"', page.split('id="reply-form"')[1])
    assert found, "the reply form carries no version"
    return found.group(1)


@pytest.mark.parametrize("case", ["channel_report", "channel_complaint"])
def test_two_receivers_replying_at_once_from_one_form_version_reply_once(
    race_world: Any, tmp_path: Path, monkeypatch: Any, case: str
) -> None:
    _second_receiver(race_world)
    report = race_world.objects[case]
    first, second = signed_in("receiver"), signed_in("receiver2")
    page_url = reverse("channels:report", args=["ours", report.pk])
    version = _version(first.get(page_url).content.decode())
    assert _version(second.get(page_url).content.decode()) == version  # one form version
    hold = Hold(channel_services.reply_state, after=True)
    monkeypatch.setattr(channel_services, "reply_state", hold)
    url = reverse("channels:reply", args=["ours", report.pk])
    mine = {"_version": version, "status": "in_progress", "body": "รับเรื่องแล้ว กำลังตรวจสอบ"}
    theirs = {
        "_version": version,
        "status": "rejected",
        "body": "ไม่อยู่ในอำนาจของหน่วยงาน",
        "reason": "ส่งต่อหน่วยงานที่รับผิดชอบ",
    }

    one, two = together(
        tmp_path,
        lambda: first.post(url, mine),
        hold.then(lambda: second.post(url, theirs)),
    )

    assert one.status_code == 302
    assert two.status_code == 409
    refused = two.content.decode()
    assert "ยังไม่ได้บันทึก" in refused and "แก้ไขข้อมูลนี้เมื่อ" in refused
    assert theirs["body"] in refused  # what the second receiver typed is still on the form
    replies = Message.objects.filter(report=report, author=Message.Author.AGENCY)
    assert list(replies.values_list("body", "status", "user__username")) == [
        (mine["body"], Status.IN_PROGRESS, "receiver")
    ]
    report.refresh_from_db()
    assert (report.status, report.status_reason, report.closed_at) == (
        Status.IN_PROGRESS,
        "",
        None,
    )


# Registers: two loan requests for one asset over overlapping days --------------------------


def _loan(asset: Any, borrower: str, starts: str, due: str) -> dict[str, str]:
    return {
        "borrower": borrower,
        "kind": "durable",
        "purpose": "ประชุมประชาคม",
        **rows("item", [{"asset": str(asset.pk), "quantity": "1"}]),
        "starts_on": starts,
        "due_on": due,
    }


def _two_loan_requests_at_once(
    world: Any, folder: Path, monkeypatch: Any, second: tuple[str, str, str]
) -> tuple[Any, Any, Any]:
    """The editor asks for the projector from 03/06 to 05/06/2567 and is held after reading the
    overlapping loans; the admin then asks for it as `second` (borrower, from, to)."""
    asset = world.objects["reg_asset"]  # the projector: not lent to anyone
    assert not LoanItem.objects.filter(asset=asset).exists()
    hold = Hold(register_services._clashes, after=True)
    monkeypatch.setattr(register_services, "_clashes", hold)
    editor, admin = signed_in("editor"), signed_in("admin")
    url = reverse("registers:loans", args=["ours", YEAR])
    one, two = together(
        folder,
        lambda: editor.post(url, _loan(asset, "นายยืมก่อน", "03/06/2567", "05/06/2567")),
        hold.then(lambda: admin.post(url, _loan(asset, *second))),
    )
    return asset, one, two


def test_two_loan_requests_for_one_asset_over_overlapping_days_at_once_store_one_loan(
    race_world: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    asset, one, two = _two_loan_requests_at_once(
        race_world, tmp_path, monkeypatch, ("นางยืมซ้อน", "04/06/2567", "07/06/2567")
    )

    assert one.status_code == 302
    assert two.status_code == 400
    refused = two.content.decode()
    assert "ถูกยืมโดย นายยืมก่อน" in refused
    assert "ยืมซ้ำในช่วงเวลาเดียวกันไม่ได้" in refused
    loans = Loan.objects.filter(rows__asset=asset)
    assert list(loans.values_list("borrower", flat=True)) == ["นายยืมก่อน"]
    assert not Loan.objects.filter(borrower="นางยืมซ้อน").exists()
    assert LoanItem.objects.filter(asset=asset).count() == 1


def test_two_loan_requests_for_one_asset_on_separate_days_at_once_are_both_stored(
    race_world: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    asset, one, two = _two_loan_requests_at_once(
        race_world, tmp_path, monkeypatch, ("นางยืมทีหลัง", "06/06/2567", "08/06/2567")
    )

    assert one.status_code == two.status_code == 302  # the lock waits, it does not refuse
    borrowers = Loan.objects.filter(rows__asset=asset).values_list("borrower", flat=True)
    assert sorted(borrowers) == sorted(["นายยืมก่อน", "นางยืมทีหลัง"])
