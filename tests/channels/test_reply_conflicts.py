"""Two handlers answering one case at once: the second is refused with a Thai conflict message
and nothing of theirs is written (`core.versions`, decision 42), for corruption reports and
general complaints alike."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from prongsai.channels import services
from prongsai.channels.models import Kind, Message, Report
from prongsai.core import versions
from tests.channels.conftest import Cast

pytestmark = pytest.mark.django_db


def _corruption(cast: Cast) -> Report:
    return services.report_create(
        cast.agency, kind=Kind.CORRUPTION, subject="เรียกรับเงิน", body="ห้าพันบาท", notify=False
    ).report


def _complaint(cast: Cast) -> Report:
    return services.report_create(
        cast.agency,
        kind=Kind.COMPLAINT,
        category="light",
        subject="ไฟดับ",
        body="หน้าบ้าน",
        notify=False,
    ).report


def _guard(report: Report, token: str) -> versions.Guard:
    request = RequestFactory().post("/", {versions.FIELD: token})
    return services.reply_guard(request, report)


def _state(report: Report) -> tuple[str, str, list[str]]:
    report.refresh_from_db()
    bodies = list(report.messages.filter(author="agency").values_list("body", flat=True))
    return report.status, report.status_reason, bodies


def test_a_reply_from_a_form_opened_before_another_handlers_reply_is_refused(
    cast: Cast,
) -> None:
    report = _corruption(cast)
    opened = versions.token(services.reply_state(report.pk))  # both open the form
    services.reply(
        report,
        cast.users["receiver"],
        body="รับเรื่องแล้ว กำลังตรวจสอบ",
        status="in_progress",
        guard=_guard(report, opened),
    )
    before = _state(report)

    with pytest.raises(versions.Conflict) as refused:
        services.reply(
            report,
            cast.users["receiver2"],
            body="ไม่อยู่ในอำนาจ",
            status="rejected",
            reason="ส่งต่อ ป.ป.ช.",
            guard=_guard(report, opened),
        )

    assert _state(report) == before == ("in_progress", "", ["รับเรื่องแล้ว กำลังตรวจสอบ"])
    assert "ยังไม่ได้บันทึก" in str(refused.value.messages[0])
    changed = {c.name for c in refused.value.changes}
    assert changed == {"status", "latest"}
    # from the case as it is now, the second handler's reply goes through on purpose
    services.reply(
        report,
        cast.users["receiver2"],
        body="ไม่อยู่ในอำนาจ",
        status="rejected",
        reason="ส่งต่อ ป.ป.ช.",
        guard=_guard(report, versions.token(services.reply_state(report.pk))),
    )
    assert _state(report)[0] == "rejected"


def test_a_status_change_alone_made_meanwhile_refuses_a_stale_complaint_reply(
    cast: Cast,
) -> None:
    report = _complaint(cast)
    opened = versions.token(services.reply_state(report.pk))
    services.reply(report, cast.users["editor"], body="", status="in_progress")
    with pytest.raises(versions.Conflict):
        services.reply(
            report, cast.users["admin"], body="ซ่อมแล้ว", status="done", guard=_guard(report, opened)
        )
    assert _state(report) == ("in_progress", "", [""])
    assert Message.objects.filter(report=report).count() == 1


def test_an_unchanged_case_takes_the_reply(cast: Cast) -> None:
    report = _complaint(cast)
    opened = versions.token(services.reply_state(report.pk))
    services.reply(
        report, cast.users["editor"], body="ซ่อมแล้ว", status="done", guard=_guard(report, opened)
    )
    assert _state(report) == ("done", "", ["ซ่อมแล้ว"])


def _form(client: Client, url: str) -> dict[str, str]:
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    form = html.split('id="reply-form"')[1].split("</form>")[0]
    token = re.search(r'name="_version" value="([^"]*)"', form)
    status = re.search(r'<option value="([a-z_]+)" selected', form)
    assert token and status
    return {"_version": token.group(1), "status": status.group(1), "body": "", "reason": ""}


@pytest.mark.parametrize(
    ("kind", "first", "second"),
    [("corruption", "receiver", "receiver2"), ("complaint", "editor", "admin")],
)
def test_the_second_of_two_handlers_replying_at_once_gets_the_conflict_and_nothing_is_written(
    cast: Cast, kind: str, first: str, second: str
) -> None:
    report = _corruption(cast) if kind == "corruption" else _complaint(cast)
    slug = cast.agency.slug
    page_url = reverse("channels:report", kwargs={"slug": slug, "pk": report.pk})
    reply_url = reverse("channels:reply", kwargs={"slug": slug, "pk": report.pk})
    one, two = cast.client(first), cast.client(second)
    form_one, form_two = _form(one, page_url), _form(two, page_url)

    saved = one.post(reply_url, {**form_one, "status": "in_progress", "body": "คำตอบของคนแรก"})
    assert saved.status_code == 302
    refused = two.post(
        reply_url, {**form_two, "status": "rejected", "body": "คำตอบของคนที่สอง", "reason": "ซ้ำ"}
    )

    assert refused.status_code == 409
    assert _state(report) == ("in_progress", "", ["คำตอบของคนแรก"])
    html = refused.content.decode()
    assert 'id="edit-conflict"' in html
    who = cast.users[first].get_full_name() or first
    assert f"{who} แก้ไขข้อมูลนี้เมื่อ" in html and "ยังไม่ได้บันทึก" in html
    table = html.split('id="edit-conflict"')[1].split("</table>")[0]
    assert "คำตอบของคนที่สอง" in table and "คำตอบของคนแรก" in table
    assert "ไม่รับเรื่อง" in table and "กำลังดำเนินการ" in table  # statuses by their labels
    assert "in_progress" not in table and "rejected" not in table
    assert "คำตอบของคนที่สอง" in html.split('id="reply-form"')[1]  # the typed text is kept
    # the form now carries the current version: sending it again saves on purpose
    resent = re.search(r'name="_version" value="([^"]*)"', html.split('id="reply-form"')[1])
    assert resent and resent.group(1) != form_two["_version"]
    again = two.post(
        reply_url,
        {
            "_version": resent.group(1),
            "status": "rejected",
            "body": "คำตอบของคนที่สอง",
            "reason": "ซ้ำ",
        },
    )
    assert again.status_code == 302
    assert _state(report) == ("rejected", "ซ้ำ", ["คำตอบของคนแรก", "คำตอบของคนที่สอง"])


def test_a_reply_form_shows_the_current_reason_so_an_unchanged_one_is_no_conflict(
    cast: Cast, settings: Any
) -> None:
    report = _complaint(cast)
    services.reply(report, cast.users["editor"], body="", status="rejected", reason="ไม่ใช่อำนาจ")
    url = reverse("channels:report", kwargs={"slug": cast.agency.slug, "pk": report.pk})
    form = _form(cast.client("admin"), url)
    html = cast.client("admin").get(url).content.decode()
    assert "ไม่ใช่อำนาจ</textarea>" in html.split('id="reply-form"')[1]
    posted = cast.client("admin").post(
        reverse("channels:reply", kwargs={"slug": cast.agency.slug, "pk": report.pk}),
        {**form, "status": "rejected", "reason": "ไม่ใช่อำนาจ", "body": "แจ้งเหตุผลแล้ว"},
    )
    assert posted.status_code == 302
    assert _state(report) == ("rejected", "ไม่ใช่อำนาจ", ["", "แจ้งเหตุผลแล้ว"])


def test_a_form_opened_in_thai_and_sent_in_english_is_no_conflict(cast: Cast) -> None:
    from django.utils import translation

    report = _complaint(cast)
    services.reply(report, cast.users["editor"], body="รับเรื่องแล้ว", status="in_progress")
    with translation.override("th"):
        opened = versions.token(services.reply_state(report.pk))
    with translation.override("en"):
        services.reply(
            report, cast.users["admin"], body="Fixed", status="done", guard=_guard(report, opened)
        )
    assert _state(report) == ("done", "", ["รับเรื่องแล้ว", "Fixed"])
