"""Attachments (content check, size, metadata stripped, kept encrypted, served to the receiver
only), reminders, retention, key rotation and the daily command."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.channels import attachments, crypto, services
from prongsai.channels.models import Attachment, Kind, Report, ReportIdentity
from prongsai.core import files
from tests.channels.conftest import MARK, Cast, form_data

pytestmark = pytest.mark.django_db


def _jpeg_with_exif() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (8, 8), (200, 10, 10))
    exif = Image.Exif()
    exif[0x013B] = MARK.encode("utf-8").decode("latin-1")  # Artist
    exif[0x010F] = "SecretCamZQX"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"SecretCommentZQX")
    return out.getvalue()


def _pdf_with_info() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:creator"] = ["SecretXmpZQX"]
    pdf.docinfo["/Author"] = "SecretAuthorZQX"
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _post(cast: Cast, *uploads: Any) -> Any:
    return Client().post(
        reverse("channels_public:report", kwargs={"slug": cast.agency.slug}),
        {**form_data(), "attachments": list(uploads)},
    )


def test_attached_pictures_and_pdfs_lose_their_metadata_and_are_kept_encrypted(cast: Cast) -> None:
    jpeg, pdf = _jpeg_with_exif(), _pdf_with_info()
    assert b"SecretCamZQX" in jpeg and b"SecretAuthorZQX" in pdf and b"SecretXmpZQX" in pdf
    response = _post(
        cast, SimpleUploadedFile("IMG_0001.jpg", jpeg), SimpleUploadedFile("งาน.pdf", pdf)
    )
    assert response.status_code == 200
    report = Report.objects.get()
    kept = {a.kind: a for a in report.attachments.all()}
    assert set(kept) == {"jpeg", "pdf"}
    for a in kept.values():
        raw = files.read_bytes(a.path)
        assert b"Secret" not in raw and not raw.startswith((b"%PDF", b"\xff\xd8"))  # encrypted
        assert "IMG_0001" not in a.path and "งาน" not in a.path
    clean_jpeg = attachments.read(kept["jpeg"].path)
    clean_pdf = attachments.read(kept["pdf"].path)
    assert clean_jpeg.startswith(b"\xff\xd8") and b"SecretCamZQX" not in clean_jpeg
    assert b"Exif" not in clean_jpeg and b"SecretCommentZQX" not in clean_jpeg
    assert clean_pdf.startswith(b"%PDF") and b"SecretAuthorZQX" not in clean_pdf
    assert b"SecretXmpZQX" not in clean_pdf
    # served to the receiver only, as a download
    url = reverse(
        "channels:attachment",
        kwargs={"slug": cast.agency.slug, "pk": report.pk, "file_pk": kept["pdf"].pk},
    )
    got = cast.client("receiver").get(url)
    assert got.status_code == 200 and got.content == clean_pdf
    assert got["Content-Disposition"].startswith("attachment")
    assert cast.client("admin").get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_a_file_that_is_not_what_it_says_or_too_big_is_refused_and_nothing_is_written(
    cast: Cast, settings: Any
) -> None:
    response = _post(cast, SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a picture"))
    assert "ตรวจจากเนื้อไฟล์" in response.content.decode()
    settings.PRONGSAI_CHANNELS_MAX_FILE_BYTES = 2048
    big = _post(cast, SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 5000))
    assert "ไฟล์ใหญ่เกินกำหนด" in big.content.decode()
    too_many = _post(cast, *[SimpleUploadedFile(f"{i}.jpg", _jpeg_with_exif()) for i in range(4)])
    assert "แนบไฟล์ได้ไม่เกิน" in too_many.content.decode()
    assert not Report.objects.exists() and not Attachment.objects.exists()
    assert not list(files.all_names(attachments.FOLDER))


def test_overdue_cases_remind_their_receivers_once_a_day_without_their_content(cast: Cast) -> None:
    filed = services.report_create(
        cast.agency, kind=Kind.CORRUPTION, subject="เรื่องลับมาก", body=f"เนื้อหา {MARK}", notify=False
    )
    today = timezone.localdate() + dt.timedelta(days=16)
    assert services.remind_due(today) == 1
    assert services.remind_due(today) == 0  # once a day
    sent = mail.outbox[-1]
    assert set(sent.to) == {"receiver@example.go.th", "receiver2@example.go.th"}
    assert filed.report.display_number in sent.subject
    assert "เรื่องลับมาก" not in sent.subject + sent.body and MARK not in sent.body
    services.reply(filed.report, cast.users["receiver"], body="ตอบแล้ว", status="in_progress")
    assert services.remind_due(today + dt.timedelta(days=1)) == 0  # answered


def test_the_daily_command_erases_identities_after_the_retention_period(cast: Cast) -> None:
    filed = services.report_create(
        cast.agency,
        kind=Kind.CORRUPTION,
        subject="ส",
        body="ร",
        identity={"name": MARK},
        uploads=[SimpleUploadedFile("a.pdf", _pdf_with_info())],
        notify=False,
    )
    path = filed.report.attachments.get().path
    services.settings_save(cast.agency, reply_days=15, identity_retention_days=0)
    call_command("channels", "daily", stdout=io.StringIO())
    assert ReportIdentity.objects.exists()  # still open: kept
    services.reply(filed.report, cast.users["receiver"], body="จบ", status="done")
    out = io.StringIO()
    call_command("channels", "erase", stdout=out)
    assert "identities erased: 1" in out.getvalue()
    assert not ReportIdentity.objects.exists() and not Attachment.objects.exists()
    assert Report.objects.get().identity_erased_at is not None
    assert Report.objects.get().subject == "ส"  # the case itself stays (the statistics need it)
    del path  # the file goes on commit (not reached inside the test's transaction)


def test_keys_rotate_the_old_key_still_reads_until_rotation(cast: Cast, settings: Any) -> None:
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.PRONGSAI_CHANNELS_KEY = old
    filed = services.report_create(
        cast.agency,
        kind=Kind.COMPLAINT,
        subject="ส",
        body="ร",
        identity={"name": MARK},
        notify=False,
    )
    settings.PRONGSAI_CHANNELS_KEY = f"{new},{old}"
    stored = ReportIdentity.objects.get(report=filed.report)
    assert crypto.decrypt_json(stored.ciphertext)["name"] == MARK  # the old key still reads
    out = io.StringIO()
    call_command("channels", "rotate-keys", stdout=out)
    settings.PRONGSAI_CHANNELS_KEY = new  # the old key removed
    stored.refresh_from_db()
    assert crypto.decrypt_json(stored.ciphertext)["name"] == MARK
    settings.PRONGSAI_CHANNELS_KEY = old
    with pytest.raises(ValueError):
        crypto.decrypt(stored.ciphertext)


def test_production_without_channel_keys_warns_and_a_placeholder_is_an_error(settings: Any) -> None:
    from prongsai.channels.checks import channels_key_check

    settings.PRONGSAI_PRODUCTION = True
    settings.PRONGSAI_CHANNELS_KEY = ""
    settings.PRONGSAI_CHANNELS_CODE_KEY = ""
    assert {m.id for m in channels_key_check(None)} == {"channels.W001", "channels.W002"}
    settings.PRONGSAI_CHANNELS_KEY = "change-me-prongsai-channels-new-key"
    settings.PRONGSAI_CHANNELS_CODE_KEY = "change-me-to-48-random-characters"
    assert {m.id for m in channels_key_check(None)} == {"channels.E001", "channels.E002"}
