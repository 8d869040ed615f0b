"""Every Thai UI string in the source has its English translation in the catalogue."""

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from django.test import Client
from django.urls import reverse

from tests.authz.world import PASSWORD

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "po_update.py"


def test_every_ui_string_has_an_english_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("po_update", SCRIPT)
    assert spec and spec.loader
    po_update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(po_update)
    catalogue = tmp_path / "django.po"
    catalogue.write_bytes(po_update.PO.read_bytes())
    monkeypatch.setattr(po_update, "PO", catalogue)
    po_update.main()  # collects the source strings into the copy, keeping the translations
    with catalogue.open("rb") as f:
        missing = [m.id for m in read_po(f) if m.id and not m.string]
    assert not missing, f"strings without English (run scripts/po_update.py): {missing[:10]}"


@pytest.mark.django_db
def test_a_blocktranslate_string_is_translated(world: object) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("plans:list", args=["ours"])).content.decode()
    assert "Copy as the plan for" in body


@pytest.mark.django_db
def test_the_english_pages_show_arabic_digits_and_english_statuses(world: object) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    home = client.get(reverse("orgs:home", args=["ours"]) + "?fy=2567").content.decode()
    assert "Measures: 1 · Draft" in home
    assert not any(d in home for d in "๐๑๒๓๔๕๖๗๘๙")
    analysis = client.get(reverse("analysis:year", args=["ours", 2566])).content.decode()
    assert "lowest in IIT" in analysis and "ต่ำสุดใน" not in analysis


@pytest.mark.django_db
def test_the_thai_pages_keep_thai_digits_and_thai_reasons(world: object) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    home = client.get(reverse("orgs:home", args=["ours"]) + "?fy=2567").content.decode()
    assert "๑ มาตรการ · ร่าง" in home
    analysis = client.get(reverse("analysis:year", args=["ours", 2566])).content.decode()
    assert "ต่ำสุดใน IIT" in analysis


@pytest.mark.django_db
def test_a_document_built_while_the_ui_is_english_keeps_its_thai_labels(world: object) -> None:
    from django.utils import translation

    from prongsai.core.documents import DocumentOptions, build_document
    from prongsai.orgs.models import Agency

    with translation.override("en"):
        doc = build_document("analysis", Agency.objects.get(slug="ours"), 2566, DocumentOptions())
        text = repr(doc)
    assert "ตัวชี้วัดที่" in text and "indicator " not in text


@pytest.mark.django_db
def test_the_english_progress_page_gives_timelines_and_quarters_in_english(world: object) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("progress:plan", args=["ours", 2567])).content.decode()
    assert "2567" in page and not any(d in page for d in "๐๑๒๓๔๕๖๗๘๙")


@pytest.mark.django_db
def test_the_english_oversight_page_gives_its_date_and_score_bands_in_english(world: Any) -> None:
    client = Client()
    client.login(username="overseer_above", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("oversight:district", args=[world.agency.district.code]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "below 60" in body and "95 and over" in body and "ต่ำกว่า" not in body
    from pythainlp.util.date import thai_full_months

    assert "Late measures counted as of" in body
    assert not any(month in body for month in thai_full_months)


@pytest.mark.django_db
def test_a_refusal_is_in_the_language_of_the_page(world: Any) -> None:
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from prongsai.plans import services

    empty = services.plan_create(
        agency=world.agency, fiscal_year=2568, based_on_year=2567, user=None
    )
    for language, text in (("en", "There are no measures yet"), ("th", "ยังไม่มีมาตรการ")):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            services.plan_approve(empty, user=None)
        assert text in caught.value.messages[0]


@pytest.mark.django_db
def test_the_english_report_and_deadline_pages_have_no_thai_sentences_of_ours(
    world: object,
) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    reports = client.get(reverse("progress:reports", args=["ours", 2567])).content.decode()
    assert "6-month period (October 2566 – March 2567)" in reports
    assert "The measure “มาตรการทดสอบ” was not completed on time (30 September 2567)" in reports
    assert "ต้องระบุ" not in reports and "รอบ 6 เดือน" not in reports
    deadlines = client.get(reverse("progress:deadlines", args=["ours"]) + "?year=2567")
    body = deadlines.content.decode()
    assert "Report, 6-month period" in body and "Not completed on time" in body
    assert "รายงานรอบ" not in body and "ยังไม่แล้วเสร็จ" not in body
    form = client.get(
        reverse("plans:measure_add", args=["ours", 2567, world.objects["issue"].pk])  # type: ignore[attr-defined]
    ).content.decode()
    assert ">October 2566<" in form and "ตุลาคม" not in form
