"""The demo plan as PDF and DOCX: the text we put in comes back out, the right agency throughout."""

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document as DocxDocument
from pythainlp.tokenize import word_tokenize

from prongsai.core.demo import demo_build
from prongsai.documents import render
from prongsai.documents.model import Cell, NumberedList, Paragraph, Table
from prongsai.documents.thaibreak import unmark
from prongsai.plans.documents import plan_document
from prongsai.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_plan() -> Plan:
    demo_build()
    return Plan.objects.get(agency__slug="demo", fiscal_year=2567)


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install Debian's poppler-utils (make test does)")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def texts_of(document: Any) -> list[str]:
    """Every piece of user text in the plan's table and paragraphs."""
    out: list[str] = []

    def walk(block: Any) -> None:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, NumberedList):
            for p in block.paragraphs():
                out.append(p.text)
        elif isinstance(block, Table):
            for row in block.header_rows + block.rows:
                for cell in row:
                    walk(cell)
        elif isinstance(block, Cell):
            for item in block.content:
                walk(item)

    for block in document.blocks():
        walk(block)
    return [t for t in out if t.strip()]


def broken_at_line_end(word: str, lines: list[str]) -> bool:
    return any(
        any(line.endswith(word[:i]) for line in lines)
        and any(line.startswith(word[i:]) for line in lines)
        for i in range(1, len(word))
    )


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_thai_word_of_the_plan_comes_back_out_of_the_pdf(
    demo_plan: Plan, tmp_path: Path
) -> None:
    document = plan_document(demo_plan, digits="arabic")
    raw = pdftotext(render(document, "pdf"), tmp_path)
    extracted = squash(raw)
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    words = {
        w
        for text in texts_of(document)
        for w in word_tokenize(text, keep_whitespace=False)
        if re.fullmatch(r"[\u0e00-\u0e7f]+", w)
    }
    assert len(words) > 200
    # A word may be broken across two lines of a table cell (at a syllable boundary the line
    # breaker chose); its halves then end one line and start another, each unchanged.
    missing = sorted(w for w in words if w not in extracted and not broken_at_line_end(w, lines))
    assert not missing, f"words lost or changed in the PDF text: {missing[:20]}"
    assert "ขั้ขั้น" not in extracted and "ขั้นตอน/วิธีการปฏิบัติ" in extracted


def test_the_pdf_names_the_agency_and_no_other(demo_plan: Plan, tmp_path: Path) -> None:
    text = pdftotext(render(plan_document(demo_plan), "pdf"), tmp_path)
    assert "องค์การบริหารส่วนตำบลหนองคันทรอง" in text
    assert "แหลมงอบ" not in text and "ชาราก" not in text
    assert "๒๕๖๗" in text  # Thai digits, the agency's choice


def test_the_fonts_are_embedded(demo_plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "p.pdf"
    path.write_bytes(render(plan_document(demo_plan), "pdf"))
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(" yes " in row for row in rows), fonts
    assert any("Sarabun" in row for row in rows)


def test_layout_b_groups_measures_by_tool_and_indicator(demo_plan: Plan) -> None:
    document = plan_document(demo_plan, layout="B", digits="arabic")
    text = "\n".join(texts_of(document))
    iit, eit = text.index("(IIT)"), text.index("(EIT)")
    assert iit < eit
    assert "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ" in text
    assert "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ" in text


def test_the_docx_opens_with_thai_font_attributes_and_the_plan_table(demo_plan: Plan) -> None:
    data = render(plan_document(demo_plan), "docx")
    doc = DocxDocument(io.BytesIO(data))
    xml = doc.element.xml
    assert 'w:cs="Sarabun"' in xml or 'w:cs="Sarabun"' in doc.styles.element.xml
    tables = doc.tables
    assert tables, "the plan table is a real table"
    body = unmark("\n".join(c.text for t in tables for row in t.rows for c in row.cells))
    assert "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ" in body
    assert "หนองคันทรอง" in unmark("\n".join(p.text for p in doc.paragraphs))


def test_question_codes_keep_their_digits_in_a_thai_digit_document(
    demo_plan: Plan, tmp_path: Path
) -> None:
    text = pdftotext(render(plan_document(demo_plan, digits="thai"), "pdf"), tmp_path)
    assert "i19" in text and "e10" in text
    assert not re.search(r"(?<![A-Za-z])[ieo][\u0e50-\u0e59]", text), (
        "a code written with Thai digits"
    )
    assert "๒๕๖๗" in text  # everything else in Thai digits


def test_documents_stay_thai_when_the_ui_is_in_english(demo_plan: Plan, tmp_path: Path) -> None:
    from django.test import Client
    from django.urls import reverse

    from prongsai.core.demo import DEMO_PASSWORD

    client = Client()
    client.login(username="demo-viewer", password=DEMO_PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    home = client.get("/a/demo/").content.decode()
    assert '<html lang="en">' in home and "องค์การบริหารส่วนตำบลหนองคันทรอง" in home  # names stay Thai
    for url in (
        reverse("plans:download", args=["demo", 2567, "pdf"]),
        reverse("progress:download", args=["demo", 2567, "half", "status", "pdf"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = pdftotext(response.content, tmp_path)
        assert "องค์การบริหารส่วนตำบลหนองคันทรอง" in text
        assert "Subdistrict" not in text and "In progress" not in text


def test_both_plan_layouts_download_under_their_own_names(demo_plan: Plan) -> None:
    from prongsai.plans.document_views import plan_filename

    names = {
        plan_filename(demo_plan, "pdf", layout=lay, digits=d)
        for lay in "AB"
        for d in ("thai", "arabic")
    }
    assert len(names) == 4
    assert plan_filename(demo_plan, "pdf", layout="B", digits="thai") == "plan-B-demo-2567.pdf"


def test_the_cover_page_is_an_option_off_by_default_and_not_counted(demo_plan: Plan) -> None:
    """Like the printed plans (seeds/003): the title and year, the agency, "จัดทำโดย สำนักปลัด"
    with the district and province; no number on it, and the page after it is page 1."""
    from tests.documents.conftest import pdftotext as text_of
    from tests.documents.pdfwords import pdf_words, top_line

    plain = render(plan_document(demo_plan), "pdf")
    assert "จัดทำโดย" not in text_of(plain)
    pdf = render(plan_document(demo_plan, cover=True), "pdf")
    cover = squash(text_of(pdf, 1, 1))
    for line in (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ประจำปีงบประมาณพ.ศ.๒๕๖๗",
        "องค์การบริหารส่วนตำบลหนองคันทรอง",
        "จัดทำโดยสำนักปลัด",
        "อำเภอเมืองตราด",
        "จังหวัดตราด",
    ):
        assert line in cover
    words, sizes = pdf_words(pdf)
    assert len(sizes) == len(pdf_words(plain)[1]) + 1
    assert top_line(words, 1) == "" and top_line(words, 2) == ""  # the cover, then page 1
    assert top_line(words, 3) == "- ๒ -"
    assert squash(text_of(pdf, 2, 2)).startswith(squash(text_of(plain, 1, 1))[:40])


def test_the_docx_cover_page_restarts_the_numbering(demo_plan: Plan) -> None:
    from docx.oxml.ns import qn

    out = DocxDocument(io.BytesIO(render(plan_document(demo_plan, cover=True), "docx")))
    texts = [squash(unmark(p.text)) for p in out.paragraphs[:12]]
    assert "จัดทำโดยสำนักปลัด" in texts
    first, after, *rest = out.sections
    assert first.header.paragraphs[0].text == ""  # no page number on the cover
    numbering = after._sectPr.find(qn("w:pgNumType"))
    assert numbering.get(qn("w:start")) == "1" and numbering.get(qn("w:fmt")) == "thaiNumbers"
    assert after.different_first_page_header_footer  # page 1 carries no number either
    for section in rest:  # later sections go on counting
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) is None
        assert not section.different_first_page_header_footer


def test_the_preview_and_downloads_take_the_cover_option(demo_plan: Plan, tmp_path: Path) -> None:
    from django.test import Client
    from django.urls import reverse

    from prongsai.core.demo import DEMO_PASSWORD

    client = Client()
    client.login(username="demo-viewer", password=DEMO_PASSWORD)
    preview = reverse("plans:preview", args=["demo", 2567])
    without = client.get(preview).content.decode()
    with_cover = client.get(preview + "?cover=1").content.decode()
    assert with_cover.count('class="page"') == without.count('class="page"') + 1
    assert 'name="cover" value="1" checked' in with_cover
    assert with_cover.count("cover=1") >= without.count('class="page"') + 3  # pages, links
    download = reverse("plans:download", args=["demo", 2567, "pdf"])
    assert "จัดทำโดย" in pdftotext(client.get(download + "?cover=1").content, tmp_path)
    assert "จัดทำโดย" not in pdftotext(client.get(download).content, tmp_path)
