import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prongsai.progress import services
from prongsai.progress.evidence_files import safe_name
from prongsai.progress.models import Action, Evidence
from tests.authz.world import PASSWORD
from tests.progress.conftest import act
from tests.progress.factories import measures

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office(kind: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buf.getvalue()


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def new_files(plan: Any, settings: Any) -> Any:
    """The files written under MEDIA_ROOT since the test started (the world has some already)."""
    root = Path(settings.MEDIA_ROOT)
    before = files_under(root)
    return lambda: files_under(root) - before


@pytest.mark.parametrize(
    ("name", "data", "stored_as", "content_type"),
    [
        ("รายงาน.pdf", PDF, "pdf", "application/pdf"),
        ("photo.PNG", PNG, "png", "image/png"),
        ("รูป.jpeg", JPEG, "jpg", "image/jpeg"),
        ("คำสั่ง.docx", office("docx"), "docx", "wordprocessingml"),
        ("สรุป.xlsx", office("xlsx"), "xlsx", "spreadsheetml"),
        ("mislabelled.txt", PDF, "pdf", "application/pdf"),  # the content decides
    ],
)
def test_files_are_accepted_by_their_content(
    plan: Any,
    settings: Any,
    name: str,
    data: bytes,
    stored_as: str,
    content_type: str,
    new_files: Any,
) -> None:
    action = act(measures(plan)[0], dt.date(2023, 11, 1), "ก")
    (e,) = services.evidence_add(action, user=None, upload=SimpleUploadedFile(name, data))
    assert e.kind == "file" and e.file_path.endswith(f".{stored_as}")
    assert e.file_name.endswith(f".{stored_as}") and content_type in e.content_type
    assert e.size == len(data) and len(e.sha256) == 64
    stored = Path(settings.MEDIA_ROOT) / e.file_path
    assert stored.read_bytes() == data
    assert new_files() == {stored}  # no temporary file left


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("virus.pdf", b"MZ\x90\x00 this is a windows program"),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 40),  # a broken zip
        ("empty.pdf", b""),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused_and_nothing_stays(
    plan: Any, settings: Any, name: str, data: bytes, new_files: Any
) -> None:
    with pytest.raises(ValidationError):
        services.action_add(
            measures(plan)[0],
            user=None,
            data={"date": dt.date(2023, 11, 1), "text": "ก"},
            upload=SimpleUploadedFile(name, data),
        )
    assert not Action.objects.filter(text="ก").exists()
    assert new_files() == set()


def test_a_zip_that_is_not_a_word_or_excel_file_is_refused(
    plan: Any, settings: Any, new_files: Any
) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("payload.exe", "MZ")
    action = act(measures(plan)[0], dt.date(2023, 11, 1), "ก")
    with pytest.raises(ValidationError, match="PDF, PNG, JPEG, DOCX, XLSX"):
        services.evidence_add(
            action, user=None, upload=SimpleUploadedFile("x.docx", buf.getvalue())
        )
    assert new_files() == set()


def test_files_over_the_size_limit_are_refused(plan: Any, settings: Any, new_files: Any) -> None:
    settings.PRONGSAI_MAX_UPLOAD_BYTES = 2048
    action = act(measures(plan)[0], dt.date(2023, 11, 1), "ก")
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 4096)
    with pytest.raises(ValidationError, match="ไฟล์ใหญ่เกินกำหนด"):
        services.evidence_add(action, user=None, upload=big)
    big.size = None  # a size the client did not declare is counted while writing
    big.seek(0)
    with pytest.raises(ValidationError, match="ไฟล์ใหญ่เกินกำหนด"):
        services.evidence_add(action, user=None, upload=big)
    assert not action.evidence.exists() and new_files() == set()


def test_a_database_failure_after_the_file_is_written_removes_the_file(
    plan: Any, settings: Any, monkeypatch: Any, new_files: Any
) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database went away")

    action = act(measures(plan)[0], dt.date(2023, 11, 1), "ก")
    monkeypatch.setattr(Evidence.objects, "create", boom)
    with pytest.raises(RuntimeError):
        services.evidence_add(action, user=None, upload=SimpleUploadedFile("a.pdf", PDF))
    assert new_files() == set()


def test_uploaded_names_are_cleaned_and_take_the_real_extension() -> None:
    assert safe_name("../../etc/คำสั่ง แต่งตั้ง.exe", "pdf") == "คำสั่ง แต่งตั้ง.pdf"
    assert safe_name('a"b\r\n<c>.png', "png") == "a_b_c.png"
    assert safe_name("", "jpg") == "evidence.jpg"


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_a_file_is_served_only_as_an_attachment_through_the_access_check(
    plan: Any, world: Any
) -> None:
    action = act(measures(plan)[0], dt.date(2023, 11, 1), "ก")
    (e,) = services.evidence_add(action, user=None, upload=SimpleUploadedFile("คำสั่ง.pdf", PDF))
    url = reverse("progress:evidence_file", kwargs={"slug": "ours", "year": 2567, "pk": e.pk})
    response = _client("viewer").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E0%B8%84" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert _client("other").get(url).status_code == 404
    # the same evidence through another agency's address does not exist either
    other = reverse("progress:evidence_file", kwargs={"slug": "theirs", "year": 2567, "pk": e.pk})
    assert _client("other").get(other).status_code == 404


def test_an_officer_records_an_action_with_a_link_and_a_file_in_one_form(
    plan: Any, world: Any
) -> None:
    m = measures(plan)[0]
    url = reverse("progress:action_add", kwargs={"slug": "ours", "year": 2567, "pk": m.pk})
    response = _client("editor").post(
        url,
        {
            "date": "2567-01-15",  # a B.E. year typed into the date box
            "text": "เผยแพร่คู่มือบนเว็บไซต์",
            "completes": "on",
            "url": "https://www.example.go.th/manual",
            "evidence_title": "คู่มือ",
            "file": SimpleUploadedFile("คู่มือ.pdf", PDF),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(measure=m)
    assert action.date == dt.date(2024, 1, 15) and action.completes
    assert action.created_by == world.users["editor"]
    assert sorted(action.evidence.values_list("kind", flat=True)) == ["file", "link"]


def test_a_refused_file_in_the_form_shows_the_error_and_saves_nothing(
    plan: Any, settings: Any, new_files: Any
) -> None:
    m = measures(plan)[0]
    url = reverse("progress:action_add", kwargs={"slug": "ours", "year": 2567, "pk": m.pk})
    response = _client("editor").post(
        url,
        {
            "date": "2024-01-15",
            "text": "ก",
            "file": SimpleUploadedFile("x.pdf", b"MZ not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "PDF, PNG, JPEG, DOCX, XLSX" in response.content.decode()
    assert not Action.objects.filter(text="ก").exists() and new_files() == set()
