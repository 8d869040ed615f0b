"""The สขร. ๑ registers: entries, nil months, closing with official copies, reopening, the
documents (every column, Thai money, bidders in their cell, landscape, the form code)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.core import files
from prongsai.documents import render
from prongsai.procurement import documents, selectors, services
from prongsai.procurement.models import MonthEvent, ProcurementEntry
from prongsai.procurement.services import EntryInput
from tests.procurement.conftest import D, clean_slate, client_for

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> tuple[str, tuple[float, float]]:
    """The text (poppler's pdftotext) and the first page's size."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sorkhor1.pdf"
        path.write_bytes(data)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        return text.stdout.decode(), (page.width, page.height)


def test_the_month_pdf_is_landscape_with_the_form_code_every_column_and_the_bidders(
    october: Any,
) -> None:
    data = documents.month_data(october)
    pdf = render(documents.month_document(october.agency, data, "thai"), "pdf")
    text, (width, height) = _pdf_text(pdf)
    assert width > height  # A4 landscape
    flat = text.replace("\n", " ")
    assert "แบบ สขร. ๑" in flat
    assert "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนตุลาคม ๒๕๖๘" in flat
    for title, _w in documents.COLUMNS:
        assert title.split()[0][:8] in flat.replace(" ", "")
    assert "๔๘๕,๐๐๐.๐๐" in flat and "๔๘๒,๖๐๐.๕๐" in flat
    for bidder in ("หจก.เพชรเกษมก่อสร้าง", "บริษัท ศรีนครวิศวกรรม จำกัด"):
        assert bidder.replace(" ", "") in flat.replace(" ", "")
    assert "๑,๔๗๙,๐๐๐.๒๕" in flat

    arabic, _size = _pdf_text(
        render(documents.month_document(october.agency, data, "arabic"), "pdf")
    )
    assert "485,000.00" in arabic and "แบบ สขร. 1" in arabic


def test_a_nil_month_says_there_was_no_procurement(world: Any) -> None:
    clean_slate(world)
    register = services.month_get_or_create(world.agency, 2569, 12)
    register = services.month_set_nil(register, True, user=None)
    text, _size = _pdf_text(
        render(documents.month_document(world.agency, documents.month_data(register)), "pdf")
    )
    assert "ไม่มีการจัดซื้อจัดจ้าง" in text and "ธันวาคม ๒๕๖๘" in text


def test_a_month_with_entries_cannot_be_marked_nil(october: Any) -> None:
    with pytest.raises(ValidationError):
        services.month_set_nil(october, True, user=None)


def test_closing_keeps_the_pdf_and_xlsx_and_freezes_the_month_until_reopened(october: Any) -> None:
    event = services.month_close(october, user=None)
    assert event.copy_path and event.xlsx_path and event.copy_size > 0
    assert files.read_bytes(event.copy_path).startswith(b"%PDF")
    with pytest.raises(ValidationError):
        services.entry_add(october, EntryInput(title="x", budget=D(1), method="y"), user=None)
    assert ProcurementEntry.objects.filter(register=october).count() == 2
    with pytest.raises(ValidationError):
        services.month_reopen(october, "  ", user=None)
    services.month_reopen(october, "แก้เลขที่สัญญา", user=None)
    services.entry_add(october, EntryInput(title="x", budget=D(1), method="y"), user=None)
    assert [e.action for e in MonthEvent.objects.filter(register=october)] == [
        "reopened",
        "closed",
    ]


def test_an_empty_month_cannot_be_closed(world: Any) -> None:
    clean_slate(world)
    register = services.month_get_or_create(world.agency, 2569, 11)
    with pytest.raises(ValidationError):
        services.month_close(register, user=None)


def test_the_xlsx_keeps_amounts_as_numbers_and_formula_like_text_as_data(october: Any) -> None:
    services.entry_add(
        october,
        EntryInput(title='=HYPERLINK("http://x")', budget=D("1000"), method="-เฉพาะเจาะจง"),
        user=None,
    )
    book = load_workbook(
        io.BytesIO(documents.month_xlsx(october.agency, [documents.month_data(october)]))
    )
    ws = book.worksheets[0]
    assert ws["J1"].value == "แบบ สขร. ๑"
    assert ws["C6"].value == 485000 and ws["C6"].number_format == "#,##0.00"
    assert "หจก.เพชรเกษมก่อสร้าง" in ws["F6"].value and ws["F6"].value.count("\n") == 2
    assert ws["B8"].value == '=HYPERLINK("http://x")' and ws["B8"].data_type == "s"


def test_the_year_bundle_has_one_landscape_section_per_recorded_month(october: Any) -> None:
    december = services.month_get_or_create(october.agency, 2569, 12)
    services.month_set_nil(december, True, user=None)
    services.month_get_or_create(october.agency, 2569, 11)  # nothing recorded: left out
    months = selectors.months_for_bundle(october.agency, 2569)
    assert [m.month for m in months] == [10, 12]
    doc = documents.bundle_document(october.agency, documents.bundle_title(2569), months)
    assert [s.orientation for s in doc.sections] == ["landscape", "landscape"]
    assert selectors.months_for_bundle(october.agency, 2569, quarter=2) == []


def test_roles_viewer_reads_editor_writes_admin_closes(october: Any, world: Any) -> None:
    args = {"slug": world.agency.slug, "year": 2569, "month": 10}
    close = reverse("procurement:close", kwargs=args)
    assert client_for("viewer").get(reverse("procurement:month", kwargs=args)).status_code == 200
    assert client_for("viewer").post(reverse("procurement:nil", kwargs=args)).status_code == 403
    assert client_for("editor").post(close).status_code == 403
    assert client_for("admin").post(close).status_code == 302
    october.refresh_from_db()
    assert october.closed


def test_the_entry_form_saves_bidders_from_the_formset(world: Any) -> None:
    clean_slate(world)
    url = reverse(
        "procurement:entry_new", kwargs={"slug": world.agency.slug, "year": 2569, "month": 11}
    )
    answer = client_for("editor").post(
        url,
        {
            "title": "จัดซื้อหมึกพิมพ์", "budget": "4500", "method": "เฉพาะเจาะจง",
            "winner": "ร้านเอ", "winner_price": "4400", "contract_date": "12/11/2568",
            "bid-TOTAL_FORMS": "3", "bid-INITIAL_FORMS": "0",
            "bid-0-name": "ร้านเอ", "bid-0-price": "4400", "bid-1-name": "ร้านบี", "bid-1-price": "4480",
            "bid-2-name": "", "bid-2-price": "",
        },
    )  # fmt: skip
    assert answer.status_code == 302, answer.content.decode()[:3000]
    entry = ProcurementEntry.objects.get(title="จัดซื้อหมึกพิมพ์")
    assert [(b.name, b.price) for b in entry.bidders.all()] == [
        ("ร้านเอ", D("4400")),
        ("ร้านบี", D("4480")),
    ]
    assert entry.contract_date.isoformat() == "2025-11-12" and entry.number == 1


def test_a_closed_month_is_a_public_document_with_its_xlsx_and_answers_o11(
    october: Any, world: Any
) -> None:
    from django.test import Client

    from prongsai.oit.documents import document_links, official_documents, public_documents

    event = services.month_close(october, user=None)
    docs = [d for d in public_documents(world.agency) if d.kind == "procurement_month"]
    assert [(d.key, d.part, d.fiscal_year) for d in docs] == [
        (f"procurement-{event.pk}", "2568-10", 2569)
    ]
    assert "เดือนตุลาคม 2568" in docs[0].title
    assert (world.agency.pk, "procurement_month", 2569) in official_documents(
        [world.agency.pk], [2569]
    )
    anon = Client()
    slug = world.agency.slug
    pdf = anon.get(reverse("oit_public:document_pdf", kwargs={"slug": slug, "key": docs[0].key}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = anon.get(
        reverse(
            "oit_public:document_file", kwargs={"slug": slug, "key": docs[0].key, "ext": "xlsx"}
        )
    )
    assert xlsx.status_code == 200
    links = document_links(world.agency, 2569, {"o11": ("procurement_month", 2569)})
    assert "o11" in links
    # closed again after a reopening: the new copy is current, the old one superseded
    services.month_reopen(october, "แก้ไขเลขที่สัญญา", user=None)
    newer = services.month_close(october, user=None)
    current = [
        d for d in public_documents(world.agency) if d.kind == "procurement_month" and d.current
    ]
    assert [d.key for d in current] == [f"procurement-{newer.pk}"]


def test_a_closed_month_becomes_dated_evidence_of_a_measure_in_one_action(
    world: Any, settings: Any
) -> None:
    from prongsai.progress.models import Action

    settings.PRONGSAI_SITE_URL = "https://ours.example.go.th"

    clean_slate(world)
    register = services.month_set_nil(
        services.month_get_or_create(world.agency, 2567, 10), True, user=None
    )
    event = services.month_close(register, user=None)
    measure = world.objects["measure"]
    url = reverse(
        "procurement:evidence", kwargs={"slug": world.agency.slug, "year": 2567, "month": 10}
    )
    editor = client_for("editor")
    page = editor.get(url).content.decode()
    assert "เผยแพร่สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนตุลาคม ๒๕๖๖" in page
    answer = editor.post(
        url, {"measure": measure.pk, "date": "15/06/2567", "text": "เผยแพร่ สขร. ๑ เดือนตุลาคม"}
    )
    assert answer.status_code == 302, answer.content.decode().split("<main>")[1][:3000]
    action = Action.objects.get(measure=measure, text="เผยแพร่ สขร. ๑ เดือนตุลาคม")
    assert action.date.isoformat() == "2024-06-15"
    link = action.evidence.get()
    assert (
        link.url
        == f"https://ours.example.go.th/p/{world.agency.slug}/d/procurement-{event.pk}/pdf/"
    )
