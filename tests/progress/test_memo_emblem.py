"""The Garuda emblem on every บันทึกข้อความ: uploaded once by the agency's admin (checked by
content, size-limited), printed 1.5 cm high at the top left of the memo in PDF and DOCX; without
one the memo page says so. The emblem here is generated: no real Garuda image is in the repo."""

from __future__ import annotations

import io
import re
import subprocess
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from prongsai.core import files
from prongsai.documents import render
from prongsai.orgs.models import Agency
from prongsai.plans.models import Plan
from prongsai.progress.documents import report_document
from prongsai.progress.models import Period
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db


def emblem_bytes(fmt: str = "PNG", size: tuple[int, int] = (120, 150)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def login(name: str, world: Any) -> Client:
    client = Client()
    assert client.login(username=name, password=PASSWORD)
    return client


def upload(client: Client, agency: Agency, data: bytes, name: str = "garuda.png") -> Any:
    return client.post(
        reverse("orgs:settings", args=[agency.slug]),
        {
            "address": "",
            "phone": "",
            "website": "",
            "digit_style": "thai",
            "emblem": SimpleUploadedFile(name, data, content_type="image/png"),
        },
    )


def test_the_admin_uploads_an_emblem_and_it_is_kept_as_a_clean_png(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    response = upload(login("admin", world), world.agency, emblem_bytes("JPEG"), "g.jpg")
    assert response.status_code == 302
    world.agency.refresh_from_db()
    kept = files.read_bytes(world.agency.emblem_path)
    assert kept.startswith(b"\x89PNG\r\n\x1a\n")  # re-encoded
    assert Image.open(io.BytesIO(kept)).size == (120, 150)
    first = world.agency.emblem_path
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(login("admin", world), world.agency, emblem_bytes("PNG"), "g2.png")
    assert response.status_code == 302
    world.agency.refresh_from_db()
    assert world.agency.emblem_path != first and files.exists(world.agency.emblem_path)
    assert not files.exists(first)  # the replaced emblem does not stay behind in the store


@pytest.mark.parametrize(
    "data",
    [
        b"not an image at all",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,  # a PNG signature and nothing readable
        b"%PDF-1.7\n",
        emblem_bytes("GIF"),
        emblem_bytes(size=(5000, 20)),
    ],
)
def test_an_upload_that_is_not_a_usable_image_is_refused_and_changes_nothing(
    world: Any, data: bytes
) -> None:
    response = upload(login("admin", world), world.agency, data)
    assert response.status_code == 200
    assert "ตราครุฑ" in response.content.decode()
    world.agency.refresh_from_db()
    assert world.agency.emblem_path == ""


def test_an_emblem_too_big_is_refused(world: Any) -> None:
    response = upload(login("admin", world), world.agency, emblem_bytes() + b"\0" * 2_200_000)
    assert response.status_code == 200
    world.agency.refresh_from_db()
    assert world.agency.emblem_path == ""


def test_only_the_admin_can_set_the_emblem(world: Any) -> None:
    response = upload(login("editor", world), world.agency, emblem_bytes())
    assert response.status_code == 403
    world.agency.refresh_from_db()
    assert world.agency.emblem_path == ""


def test_the_memo_carries_the_emblem_in_pdf_and_docx(world: Any, plan: Plan) -> None:
    upload(login("admin", world), world.agency, emblem_bytes())
    plan.agency.refresh_from_db()
    document = report_document(plan, Period.HALF, "memo")
    pdf = render(document, "pdf")
    listing = subprocess.run(
        ["pdfimages", "-list", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    images = [line for line in listing.splitlines()[2:] if line.strip()]
    assert len(images) == 1 and " 120 " in images[0] and " 150 " in images[0]
    # 1.5 cm high at the top left of the page (pdftotext -bbox has no images: use the size
    # the template gives it, checked through the image's resolution: 150 px / 1.5 cm)
    ppi = [int(v) for v in images[0].split()[12:14]]
    assert all(250 <= v <= 260 for v in ppi), images[0]  # 150 px / (1.5 / 2.54 in) = 254
    out = docx.Document(io.BytesIO(render(document, "docx")))
    first = out.paragraphs[0]
    drawing = first._p.xml
    assert "<pic:pic" in drawing
    extent = re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"', drawing)
    assert extent and abs(int(extent.group(2)) - 540000) < 1000  # 1.5 cm in EMU


def test_the_memo_page_says_when_the_memo_has_no_emblem(world: Any, plan: Plan) -> None:
    url = reverse("progress:reports", args=[world.agency.slug, plan.fiscal_year])
    page = login("admin", world).get(url).content.decode()
    assert "ยังไม่มีตราครุฑ" in page
    upload(login("admin", world), world.agency, emblem_bytes())
    page = login("admin", world).get(url).content.decode()
    assert "ยังไม่มีตราครุฑ" not in page


def memo_post(client: Client, plan: Plan, **fields: Any) -> Any:
    data = {"memo_unit": "สำนักปลัด", "memo_ref": "", "memo_date": "", "memo_to": "", **fields}
    url = reverse("progress:memo_edit", args=[plan.agency.slug, plan.fiscal_year, "half"])
    return client.post(url, data)


def test_the_memo_subject_closing_and_signers_are_edited_in_the_app(world: Any, plan: Plan) -> None:
    from prongsai.orgs.models import Person
    from prongsai.progress.models import ProgressReport
    from tests.progress.conftest import document_text

    signer = Person.objects.create(agency=world.agency, name="นางสาวใจงาม วีรยุทธ", position="รองปลัด")
    response = memo_post(
        login("editor", world),
        plan,
        memo_subject="รายงานผลตามมาตรการ รอบ ๖ เดือน (แก้ไข)",
        memo_closing="จึงเรียนมาเพื่อโปรดทราบ",
        memo_signer_palad=str(signer.pk),
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(plan=plan, period="half")
    assert report.memo_signer_palad == signer
    text = document_text(report_document(plan, Period.HALF, "memo"))
    assert "รายงานผลตามมาตรการ รอบ ๖ เดือน (แก้ไข)" in text
    assert "จึงเรียนมาเพื่อโปรดทราบ" in text and "โปรดพิจารณา" not in text
    assert "นางสาวใจงาม วีรยุทธ" in text and "รองปลัด" in text


def test_a_signer_of_another_agency_is_refused(world: Any, plan: Plan) -> None:
    from prongsai.orgs.models import Person
    from prongsai.progress.models import ProgressReport

    stranger = Person.objects.create(agency=world.other_agency, name="นายอื่น", position="ปลัด")
    response = memo_post(login("editor", world), plan, memo_signer_head=str(stranger.pk))
    assert response.status_code == 200
    assert not ProgressReport.objects.filter(plan=plan, memo_signer_head=stranger).exists()
