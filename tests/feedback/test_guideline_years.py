"""The O16 complaint-handling guideline of any fiscal year: preview, publication per year (the
OIT register row and public page of that year), and the CLI."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from prongsai.core.files import read_bytes
from prongsai.feedback.models import Guideline, GuidelineCopy
from prongsai.oit.documents import official_documents, public_documents
from tests.feedback.test_feedback import _officer

pytestmark = pytest.mark.django_db


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.read("word/document.xml").decode()


def _years_in(text: str, year: int) -> bool:
    from prongsai.core.thai import to_thai_digits

    return str(year) in text or to_thai_digits(str(year)) in text


@pytest.fixture
def saved(small: Any) -> Any:
    Guideline.objects.create(agency=small.agency, steps="รับเรื่อง\nตรวจสอบ", days_to_finish=10)
    return small


def test_the_guideline_of_a_past_year_is_previewed_and_published_for_that_year(saved: Any) -> None:
    officer = _officer(saved)
    slug = saved.agency.slug
    page = officer.get(reverse("feedback:guideline", kwargs={"slug": slug}), {"year": "2566"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="year" value="๒๕๖๖"' in html and "?year=2566" in html  # the agency's digits
    typed = officer.get(reverse("feedback:guideline", kwargs={"slug": slug}), {"year": "๒๕๖๖"})
    assert "?year=2566" in typed.content.decode()  # Thai digits typed are read
    preview = officer.get(
        reverse("feedback:guideline_preview", kwargs={"slug": slug, "fmt": "docx"}), {"year": 2566}
    )
    assert preview.status_code == 200
    assert "guideline-fb-2566.docx" in preview["Content-Disposition"]
    assert _years_in(_docx_text(preview.content), 2566)

    publish = reverse("feedback:guideline_publish", kwargs={"slug": slug})
    assert officer.post(publish, {"year": "2566"}).status_code == 302
    assert officer.post(publish, {"year": "2569"}).status_code == 302
    copies = {c.fiscal_year: c for c in GuidelineCopy.objects.filter(agency=saved.agency)}
    assert set(copies) == {2566, 2569}
    assert _years_in(_docx_text(read_bytes(copies[2566].docx_path)), 2566)
    assert not _years_in(_docx_text(read_bytes(copies[2566].docx_path)), 2569)
    # each year's OIT row and public document is that year's copy
    official = set(official_documents([saved.agency.pk], [2566, 2567, 2569]))
    assert {(saved.agency.pk, "complaint_guideline", y) for y in (2566, 2569)} <= official
    assert (saved.agency.pk, "complaint_guideline", 2567) not in official
    years = {
        d.fiscal_year for d in public_documents(saved.agency) if d.kind == "complaint_guideline"
    }
    assert years == {2566, 2569}


def test_a_year_that_is_not_a_fiscal_year_is_refused_and_nothing_is_published(saved: Any) -> None:
    officer = _officer(saved)
    slug = saved.agency.slug
    preview = reverse("feedback:guideline_preview", kwargs={"slug": slug, "fmt": "pdf"})
    for bad in ("abc", "3000", "2569.5", "-1"):
        assert officer.get(preview, {"year": bad}).status_code == 404
        page = officer.get(reverse("feedback:guideline", kwargs={"slug": slug}), {"year": bad})
        assert page.status_code == 200 and "ปีงบประมาณไม่ถูกต้อง" in page.content.decode()
        refused = officer.post(
            reverse("feedback:guideline_publish", kwargs={"slug": slug}), {"year": bad}, follow=True
        )
        assert "ปีงบประมาณไม่ถูกต้อง" in refused.content.decode()
    assert not GuidelineCopy.objects.exists()


def test_without_a_year_the_current_fiscal_year_is_published(saved: Any) -> None:
    from django.utils import timezone

    from prongsai.core.thai import fiscal_year

    officer = _officer(saved)
    officer.post(reverse("feedback:guideline_publish", kwargs={"slug": saved.agency.slug}))
    assert GuidelineCopy.objects.get().fiscal_year == fiscal_year(timezone.localdate())


def test_the_cli_renders_and_publishes_the_guideline_of_any_year(
    saved: Any, tmp_path: Path
) -> None:
    out = tmp_path / "guideline.docx"
    text = io.StringIO()
    call_command(
        "complaints", "guideline", "--org", "fb", "--year", "2565", "--format", "docx",
        "--out", str(out), stdout=text,
    )  # fmt: skip
    assert _years_in(_docx_text(out.read_bytes()), 2565)
    assert not GuidelineCopy.objects.exists()
    call_command(
        "complaints", "guideline", "--org", "fb", "--year", "2565", "--out",
        str(tmp_path / "g.pdf"), "--publish", stdout=text,
    )  # fmt: skip
    assert (tmp_path / "g.pdf").read_bytes().startswith(b"%PDF")
    assert GuidelineCopy.objects.get().fiscal_year == 2565
    with pytest.raises(CommandError):
        call_command("complaints", "guideline", "--org", "fb", "--year", "1999", "--out", str(out))
