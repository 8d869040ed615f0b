"""The people a corruption report names as involved: kept encrypted like the reporter's identity
(absent in clear from every list, export, audit row, mail, log line, oversight page and database
column), read only on the case page of a receiver who may open it, re-encrypted on key rotation,
erased with the identity; a receiver they name cannot open the case, even one named later, and
the admin is told when nobody may (decision 42)."""

from __future__ import annotations

import datetime as dt
import io
import logging
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.audit.models import AuditEntry
from prongsai.channels import crypto, involved, services
from prongsai.channels.models import Kind, Report
from tests.channels.conftest import Cast, form_data
from tests.channels.test_privacy import _database_dump

pytestmark = pytest.mark.django_db
NAMED = "นายผู้ถูกกล่าวหา-KQW5512"


def _file(cast: Cast, named_people: str, **extra: Any) -> Report:
    response = Client().post(
        reverse("channels_public:report", kwargs={"slug": cast.agency.slug}),
        form_data(named_people=named_people, **extra),
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert named_people not in response.content.decode()  # not on the receipt either
    return Report.objects.filter(agency=cast.agency).latest("pk")


def _text(page: Any) -> str:
    kind = page.get("Content-Type", "")
    return page.content.decode("utf-8" if kind.startswith("text") else "latin-1", "replace")


def test_the_people_involved_are_never_in_clear_but_on_the_receivers_case_page(
    cast: Cast, caplog: Any, django_capture_on_commit_callbacks: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        report = _file(cast, NAMED)
    slug = cast.agency.slug
    assert NAMED not in _database_dump()
    assert NAMED.encode() not in bytes(report.involved_ciphertext)
    assert crypto.decrypt(report.involved_ciphertext).decode() == NAMED
    receiver, admin, overseer = (cast.client(n) for n in ("receiver", "admin", "overseer"))
    case = receiver.get(reverse("channels:report", kwargs={"slug": slug, "pk": report.pk}))
    assert NAMED in case.content.decode()  # the receiver handling the case reads them
    province = cast.agency.district.province.code
    pages = [
        receiver.get(reverse("channels:index", kwargs={"slug": slug})),
        receiver.get(reverse("channels:stats", kwargs={"slug": slug})),
        receiver.get(reverse("channels:stats_file", kwargs={"slug": slug, "fmt": "xlsx"})),
        admin.get(reverse("channels:index", kwargs={"slug": slug})),
        admin.get(reverse("channels:report", kwargs={"slug": slug, "pk": report.pk})),
        admin.get(reverse("channels:receivers", kwargs={"slug": slug})),
        admin.get(reverse("audit:log", kwargs={"slug": slug})),
        overseer.get(reverse("channels:report", kwargs={"slug": slug, "pk": report.pk})),
        overseer.get(reverse("channels:stats", kwargs={"slug": slug})),
        overseer.get(reverse("channels_oversight:province", kwargs={"code": province})),
        overseer.get(reverse("audit:log", kwargs={"slug": slug})),
    ]
    receiver.post(
        reverse("channels:reply", kwargs={"slug": slug, "pk": report.pk}),
        {"status": "in_progress", "body": "รับเรื่องแล้ว"},
    )
    for page in pages:
        assert NAMED not in _text(page), (page.status_code, page.get("Content-Type"))
    audit = "\n".join(f"{a.object_repr} {a.changes}" for a in AuditEntry.objects.all())
    assert NAMED not in audit
    assert mail.outbox and not any(NAMED in f"{m.subject} {m.body}" for m in mail.outbox)
    assert NAMED not in caplog.text
    assert NAMED not in _database_dump()


def test_a_receiver_named_in_another_spelling_cannot_open_the_case(cast: Cast) -> None:
    # no title, and sara am written as PDFs write it (nikhahit + sara aa): still "สมชาย สำรองดี"
    report = _file(cast, "สมชาย  ส\u0e4d\u0e32รองดี หัวหน้ากอง")
    url = reverse("channels:report", kwargs={"slug": cast.agency.slug, "pk": report.pk})
    assert cast.client("receiver2").get(url).status_code == 403
    assert cast.client("receiver").get(url).status_code == 200
    assert involved.normalise("นาย สม ชาย") == involved.normalise("นายสมชาย")


def test_a_receiver_named_after_the_report_was_filed_cannot_open_it(cast: Cast) -> None:
    report = _file(cast, "นายใหม่ มาทีหลัง")
    newcomer = cast.users["editor"]
    services.receiver_add(cast.agency, newcomer, "นายใหม่ มาทีหลัง")
    url = reverse("channels:report", kwargs={"slug": cast.agency.slug, "pk": report.pk})
    assert cast.client("editor").get(url).status_code == 403
    assert report.excluded.filter(pk=newcomer.pk).exists()
    listing = cast.client("editor").get(
        reverse("channels:index", kwargs={"slug": cast.agency.slug})
    )
    assert report.subject not in listing.content.decode()


def test_when_every_receiver_is_named_the_admin_is_mailed_the_number_only(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = _file(cast, "นางสมศรี รับเรื่องดี และนายสมชาย สำรองดี")
    assert report.excluded.count() == 2
    to_admin = [m for m in mail.outbox if "admin@example.go.th" in m.to]
    assert len(to_admin) == 1
    message = to_admin[0]
    assert report.display_number in message.subject
    assert "สมศรี" not in f"{message.subject} {message.body}"
    assert report.subject not in f"{message.subject} {message.body}"
    assert not any("receiver@example.go.th" in m.to for m in mail.outbox)
    page = cast.client("admin").get(
        reverse("channels:receivers", kwargs={"slug": cast.agency.slug})
    )
    assert "มีเรื่องที่ไม่มีผู้รับเรื่องเปิดได้" in page.content.decode()


def test_the_people_involved_are_rotated_with_the_keys_and_erased_with_the_identity(
    cast: Cast, settings: Any
) -> None:
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.PRONGSAI_CHANNELS_KEY = old
    filed = services.report_create(
        cast.agency,
        kind=Kind.CORRUPTION,
        subject="ส",
        body="ร",
        named_people="นางสมศรี รับเรื่องดี",
        notify=False,
    )
    settings.PRONGSAI_CHANNELS_KEY = f"{new},{old}"
    call_command("channels", "rotate-keys", stdout=io.StringIO())
    settings.PRONGSAI_CHANNELS_KEY = new  # the old key removed: the names still read
    report = Report.objects.get(pk=filed.report.pk)
    assert involved.read(report) == "นางสมศรี รับเรื่องดี"
    settings.PRONGSAI_CHANNELS_KEY = old
    with pytest.raises(ValueError):
        involved.read(report)
    settings.PRONGSAI_CHANNELS_KEY = new
    # closed, and past the retention period: erased with the identity; who was kept out stays
    services.reply(report, cast.users["receiver2"], body="จบ", status="done")
    assert services.identity_erase_due(now=timezone.now() + dt.timedelta(days=366)) == 1
    report.refresh_from_db()
    assert bytes(report.involved_ciphertext) == b"" and involved.read(report) == ""
    assert report.excluded.filter(pk=cast.users["receiver"].pk).exists()


def test_a_complaint_keeps_no_people_involved(cast: Cast) -> None:
    filed = services.report_create(
        cast.agency, kind=Kind.COMPLAINT, category="road", subject="ถนน", body="หลุม", notify=False
    )
    assert bytes(filed.report.involved_ciphertext) == b""


def test_names_no_configured_key_opens_are_said_so_and_the_case_page_still_opens(
    cast: Cast, settings: Any
) -> None:
    from cryptography.fernet import Fernet

    settings.PRONGSAI_CHANNELS_KEY = Fernet.generate_key().decode()
    report = _file(cast, NAMED)
    settings.PRONGSAI_CHANNELS_KEY = Fernet.generate_key().decode()  # the key was lost
    page = cast.client("receiver").get(
        reverse("channels:report", kwargs={"slug": cast.agency.slug, "pk": report.pk})
    )
    assert page.status_code == 200 and "อ่านไม่ได้" in page.content.decode()


def test_the_last_receiver_standing_aside_has_the_admin_mailed(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    report = _file(cast, "นางสมศรี รับเรื่องดี")  # the first receiver is kept out
    url = reverse("channels:stand_aside", kwargs={"slug": cast.agency.slug, "pk": report.pk})
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("receiver2").post(url)
    to_admin = [m for m in mail.outbox if "admin@example.go.th" in m.to]
    assert len(to_admin) == 1 and report.display_number in to_admin[0].subject
    assert report.subject not in to_admin[0].body
