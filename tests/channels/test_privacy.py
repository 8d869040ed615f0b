"""Privacy tests that fail on a leak: the reporter's identity (a distinctive marker) is absent
from every list, export, audit row, mail, log line, error page, overseer page and database
column in clear; only the receiver's explicit, logged request shows it."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from prongsai.audit.models import AuditEntry
from prongsai.channels import crypto, services
from prongsai.channels.models import IdentityView, Kind, Report, ReportIdentity
from tests.channels.conftest import EMAIL, MARK, PHONE, Cast, form_data, identity_data

pytestmark = pytest.mark.django_db
SECRETS = (MARK, PHONE, EMAIL)


def _file(cast: Cast, client: Client | None = None, **extra: Any) -> tuple[Report, str]:
    client = client or Client()
    response = client.post(
        reverse("channels_public:report", kwargs={"slug": cast.agency.slug}),
        form_data(**identity_data(), **extra),
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    text = response.content.decode()
    code = re.search(r'class="case-code"[^>]*>([0-9A-Z-]+)<', text)
    assert code, text
    report = Report.objects.get(agency=cast.agency)
    for secret in SECRETS:
        assert secret not in text  # the receipt shows no identity either
    return report, code.group(1)


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def _database_dump() -> str:
    """Every text and binary value of every table, as one string."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the schema
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        parts.append(bytes(value).decode("utf-8", "replace"))
                    elif value is not None:
                        parts.append(str(value))
    return "\n".join(parts)


def test_the_identity_is_never_in_clear_anywhere_but_the_receivers_logged_view(
    cast: Cast, caplog: Any, django_capture_on_commit_callbacks: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        report, code = _file(cast)
    slug = cast.agency.slug
    # the database holds ciphertext only, and no case code
    assert not _leaks(_database_dump())
    assert code not in _database_dump()
    stored = ReportIdentity.objects.get(report=report)
    assert MARK.encode() not in bytes(stored.ciphertext)
    assert crypto.decrypt_json(stored.ciphertext)["name"] == MARK
    # the receiver's pages without the explicit request
    receiver = cast.client("receiver")
    pages = [
        receiver.get(reverse("channels:index", kwargs={"slug": slug})),
        receiver.get(reverse("channels:report", kwargs={"slug": slug, "pk": report.pk})),
        receiver.get(reverse("channels:stats", kwargs={"slug": slug})),
        receiver.get(reverse("channels:stats_file", kwargs={"slug": slug, "fmt": "xlsx"})),
    ]
    receiver.post(
        reverse("channels:reply", kwargs={"slug": slug, "pk": report.pk}),
        {"status": "in_progress", "body": "รับเรื่องแล้ว"},
    )
    # the admin, the overseer, the audit trail, errors
    admin, overseer = cast.client("admin"), cast.client("overseer")
    pages += [
        admin.get(reverse("channels:index", kwargs={"slug": slug})),
        admin.get(reverse("channels:report", kwargs={"slug": slug, "pk": report.pk})),
        admin.get(reverse("audit:log", kwargs={"slug": slug})),
        admin.get(reverse("channels:receivers", kwargs={"slug": slug})),
        overseer.get(reverse("channels:report", kwargs={"slug": slug, "pk": report.pk})),
        overseer.get(reverse("channels:stats", kwargs={"slug": slug})),
        overseer.get(
            reverse(
                "channels_oversight:province", kwargs={"code": cast.agency.district.province.code}
            )
        ),
        overseer.get(reverse("audit:log", kwargs={"slug": slug})),
        cast.client("other_receiver").get(
            reverse("channels:report", kwargs={"slug": slug, "pk": report.pk})
        ),
        Client().post(reverse("channels_public:follow", kwargs={"slug": slug}), {"code": code}),
    ]
    for page in pages:
        body = (
            page.content.decode("utf-8", "replace")
            if page.get("Content-Type", "").startswith("text")
            else page.content.decode("latin-1")
        )
        assert not _leaks(body), (page.status_code, page.get("Content-Type"))
    assert pages[5].status_code == 403 and pages[8].status_code == 403
    assert pages[12].status_code == 404
    audit = "\n".join(f"{a.object_repr} {a.changes}" for a in AuditEntry.objects.all())
    assert not _leaks(audit)
    assert not any(_leaks(f"{m.subject} {m.body} {m.to}") for m in mail.outbox)
    assert mail.outbox, "the receivers are told of the new case (without its content)"
    assert not any(report.subject in f"{m.subject} {m.body}" for m in mail.outbox)
    assert not _leaks(caplog.text)
    assert not IdentityView.objects.exists()
    # the explicit request shows it, and logs who and when (never what)
    shown = receiver.post(reverse("channels:identity", kwargs={"slug": slug, "pk": report.pk}))
    assert MARK in shown.content.decode()
    view = IdentityView.objects.get()
    assert view.user == cast.users["receiver"] and view.report == report
    assert not _leaks(caplog.text) and not _leaks(_database_dump())


def test_a_receiver_the_report_names_cannot_open_it_and_the_admin_is_told(cast: Cast) -> None:
    report, _code = _file(cast, named_people="นางสมศรี รับเรื่องดี ปลัด")
    slug = cast.agency.slug
    url = reverse("channels:report", kwargs={"slug": slug, "pk": report.pk})
    named = cast.client("receiver")
    assert named.get(url).status_code == 403
    assert (
        named.post(reverse("channels:identity", kwargs={"slug": slug, "pk": report.pk})).status_code
        == 403
    )
    listing = named.get(reverse("channels:index", kwargs={"slug": slug})).content.decode()
    assert report.subject not in listing
    assert cast.client("receiver2").get(url).status_code == 200
    # the second receiver stands aside: nobody is left, the admin is told to name another
    cast.client("receiver2").post(
        reverse("channels:stand_aside", kwargs={"slug": slug, "pk": report.pk})
    )
    assert cast.client("receiver2").get(url).status_code == 403
    page = (
        cast.client("admin")
        .get(reverse("channels:receivers", kwargs={"slug": slug}))
        .content.decode()
    )
    assert "มีเรื่องที่ไม่มีผู้รับเรื่องเปิดได้" in page and report.subject not in page


def test_another_agencys_receiver_and_other_officers_cannot_open_a_report(cast: Cast) -> None:
    report, _code = _file(cast)
    url = reverse("channels:report", kwargs={"slug": cast.agency.slug, "pk": report.pk})
    assert cast.client("other_receiver").get(url).status_code == 404
    assert cast.client("admin").get(url).status_code == 403
    assert cast.client("editor").get(url).status_code == 403
    assert cast.client("overseer").get(url).status_code == 403
    other_url = reverse("channels:report", kwargs={"slug": cast.other_agency.slug, "pk": report.pk})
    assert cast.client("other_receiver").get(other_url).status_code == 404


def test_a_receiver_who_left_the_agency_loses_the_role(cast: Cast) -> None:
    report, _code = _file(cast)
    from prongsai.orgs.models import Membership

    Membership.objects.filter(user=cast.users["receiver2"]).delete()
    url = reverse("channels:report", kwargs={"slug": cast.agency.slug, "pk": report.pk})
    assert cast.client("receiver2").get(url).status_code == 404


def test_case_codes_are_long_random_and_kept_only_as_a_keyed_hash(cast: Cast) -> None:
    codes = {crypto.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code.replace("-", "")) * 5 >= 100
        assert crypto.normalise_code(code.lower().replace("-", " ")) == code
    report, code = _file(cast)
    assert report.code_hash == crypto.code_hash(code) and code not in report.code_hash
    # a near miss finds nothing
    near = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert services.report_by_code(cast.agency, near) is None
    assert services.report_by_code(cast.agency, code) == report
    # the code of one agency does not open a case of another
    assert services.report_by_code(cast.other_agency, code) is None


def test_guessing_case_codes_is_rate_limited_even_for_the_right_code(
    cast: Cast, settings: Any
) -> None:
    settings.PRONGSAI_ABUSE_RATES = {"channels-code": ((5, 600),)}
    _report, code = _file(cast)
    client = Client()
    url = reverse("channels_public:follow", kwargs={"slug": cast.agency.slug})
    for _ in range(5):
        guess = client.post(url, {"code": crypto.new_code()})
        assert guess.status_code == 200 and "ไม่พบเรื่องที่ใช้รหัสนี้" in guess.content.decode()
    refused = client.post(url, {"code": code})
    assert refused.status_code == 429
    assert "เรียกรับเงิน" not in refused.content.decode()


def test_the_reporter_follows_the_case_adds_information_and_reads_the_reply(cast: Cast) -> None:
    report, code = _file(cast)
    slug = cast.agency.slug
    url = reverse("channels_public:follow", kwargs={"slug": slug})
    client = Client()
    added = client.post(url, {"code": code.lower(), "body": "เพิ่มเติม: เกิดเมื่อวันจันทร์"})
    assert "เพิ่มข้อมูลแล้ว" in added.content.decode()
    assert report.messages.get().body == "เพิ่มเติม: เกิดเมื่อวันจันทร์"
    cast.client("receiver").post(
        reverse("channels:reply", kwargs={"slug": slug, "pk": report.pk}),
        {"status": "rejected", "body": "", "reason": "ไม่อยู่ในอำนาจหน้าที่ ส่งต่อ ป.ป.ช."},
    )
    page = client.post(url, {"code": code}).content.decode()
    assert "ไม่รับเรื่อง" in page and "ไม่อยู่ในอำนาจหน้าที่" in page
    report.refresh_from_db()
    assert report.is_closed and report.closed_at is not None
    # a closed case takes no more information
    client.post(url, {"code": code, "body": "อีก"})
    assert report.messages.filter(author="reporter").count() == 1


def test_rejecting_needs_a_reason(cast: Cast) -> None:
    report, _code = _file(cast)
    response = cast.client("receiver").post(
        reverse("channels:reply", kwargs={"slug": cast.agency.slug, "pk": report.pk}),
        {"status": "rejected", "body": "", "reason": ""},
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == "received"


def test_no_address_or_browser_data_is_kept_with_a_report(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="198.51.100.77", HTTP_USER_AGENT="UniqueBrowser/9.9 ZQX")
    _file(cast, client=client)
    dump = _database_dump()
    assert "198.51.100.77" not in dump and "UniqueBrowser" not in dump


def test_the_honeypot_and_the_fill_time_refuse_and_write_nothing(cast: Cast) -> None:
    import time

    from prongsai.core import abuse

    url = reverse("channels_public:report", kwargs={"slug": cast.agency.slug})
    Client().post(url, form_data(website="http://spam.example"))
    Client().post(url, form_data(started=abuse.start_token(time.time())))
    assert not Report.objects.exists()


def test_the_national_channels_are_on_every_public_page(cast: Cast) -> None:
    for name in ("report", "complaint", "follow"):
        page = Client().get(reverse(f"channels_public:{name}", kwargs={"slug": cast.agency.slug}))
        text = page.content.decode()
        assert "https://wbs.nacc.go.th/" in text and "https://www.pacc.go.th/e-service/" in text
        assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]


def test_a_complaint_is_handled_by_the_agencys_writers_and_its_contact_erased_after_close(
    cast: Cast,
) -> None:
    import datetime as dt

    from django.utils import timezone

    filed = services.report_create(
        cast.agency,
        kind=Kind.COMPLAINT,
        category="light",
        subject="ไฟดับ",
        body="หน้าบ้าน",
        identity={"name": MARK, "phone": PHONE},
    )
    url = reverse("channels:report", kwargs={"slug": cast.agency.slug, "pk": filed.report.pk})
    assert cast.client("editor").get(url).status_code == 200
    assert cast.client("overseer").get(url).status_code == 403
    services.reply(filed.report, cast.users["editor"], body="ซ่อมแล้ว", status="done")
    assert services.identity_erase_due() == 0  # within the retention period
    later = timezone.now() + dt.timedelta(days=366)
    assert services.identity_erase_due(now=later) == 1
    assert not ReportIdentity.objects.exists()
    filed.report.refresh_from_db()
    assert filed.report.identity_erased_at is not None
