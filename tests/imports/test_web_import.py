import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.documents import render
from prongsai.imports.models import ImportDraft
from prongsai.plans.documents import plan_document
from prongsai.plans.models import Measure, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> Client:
    demo_build()
    Plan.objects.filter(agency__slug="demo").delete()
    client = Client()
    assert client.login(username="demo-editor", password=DEMO_PASSWORD)
    return client


def upload(client: Client, name: str, data: bytes) -> Any:
    return client.post(
        reverse("imports:upload", args=["demo"]), {"file": SimpleUploadedFile(name, data)}
    )


def test_seed_000_becomes_a_draft_plan_that_renders_back_into_a_document(
    editor: Client, seeds_dir: Path
) -> None:
    data = next(seeds_dir.glob("000_*.txt")).read_bytes()
    response = upload(editor, "plan-2566.txt", data)
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/{draft.pk}/")
    assert draft.kind == "plan" and draft.fiscal_year == 2566
    assert any(f["code"] == "other_agency_name" and "ชาราก" in f["message"] for f in draft.findings)
    assert not Plan.objects.filter(agency__slug="demo").exists()  # nothing saved before review

    page = editor.get(response["Location"]).content.decode()
    assert "เทศบาลตำบลชาราก" in page  # the finding is shown
    assert 'name="m-TOTAL_FORMS" value="7"' in page

    form = {"fiscal_year": "2566", "m-TOTAL_FORMS": "7", "m-INITIAL_FORMS": "7"}
    for i, m in enumerate(draft.data["measures"]):
        form.update(
            {
                f"m-{i}-include": "on",
                f"m-{i}-issue": m["issue"],
                f"m-{i}-title": (m["finding"] or m["issue"])[:200],
                f"m-{i}-question_codes": ", ".join(m["question_codes"]),
                f"m-{i}-finding": m["finding"] or "",
                f"m-{i}-steps": "\n".join(m["steps"]),
                f"m-{i}-start_month": "4",
                f"m-{i}-end_month": "6",
                f"m-{i}-responsible": m["responsible"] or "",
            }
        )
    form["m-6-title"] = "มาตรการที่แก้ชื่อระหว่างตรวจทาน"
    saved = editor.post(response["Location"], form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    plan = Plan.objects.get(agency__slug="demo", fiscal_year=2566)
    assert not plan.is_locked
    measures = Measure.objects.filter(issue__plan=plan)
    assert measures.count() == 7
    assert measures.filter(title="มาตรการที่แก้ชื่อระหว่างตรวจทาน").exists()
    assert ["i19", "i20", "i21"] in [sorted(m.question_codes) for m in measures]
    draft.refresh_from_db()
    assert draft.status == "saved" and draft.plan == plan
    pdf = render(plan_document(plan), "pdf")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.docx", b"", "ว่าง"),
        ("picture.docx", b"\x89PNG\r\n\x1a\n" + b"0" * 100, None),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 50, None),
        ("random.pdf", bytes(range(256)) * 4, None),
        # text that is no ITA document (a draft with no kind used to end in a server error)
        ("notes.txt", "บันทึกการประชุมประจำเดือน เรื่องทั่วไป".encode(), "ไม่พบเนื้อหาเอกสาร ITA"),
        ("one-byte.pdf", b"\x01", "ไม่พบเนื้อหาเอกสาร ITA"),
    ],
)
def test_malformed_files_get_a_thai_error_and_change_nothing(
    editor: Client, name: str, data: bytes, expected: str | None
) -> None:
    response = upload(editor, name, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="errorlist' in body
    if expected:
        assert expected in body
    assert not ImportDraft.objects.exists()
    assert not Plan.objects.filter(agency__slug="demo").exists()


def test_a_zip_bomb_is_refused(editor: Client) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<a>" + "A" * 200_000_000 + "</a>")
    response = upload(editor, "bomb.docx", buffer.getvalue())
    assert 'class="errorlist' in response.content.decode()
    assert not ImportDraft.objects.exists()


def test_a_draft_names_its_kind_for_the_officer_in_the_page_language() -> None:
    from django.utils import translation

    assert ImportDraft(kind="plan").kind_label == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    assert ImportDraft(kind="").kind_label == "ไม่ทราบชนิดเอกสาร"
    with translation.override("en"):
        assert ImportDraft(kind="annual_report").kind_label == "Annual progress report"
