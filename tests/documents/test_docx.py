from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from prongsai.core.fonts import font_path
from prongsai.documents import model as m
from prongsai.documents import render
from prongsai.documents.docx_fonts import obfuscate
from prongsai.documents.thaibreak import unmark
from tests.documents.conftest import pdftotext, squash
from tests.documents.test_pdf import cell_text, printed_words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def attr(element: Any, name: str) -> str | None:
    value = element.get(qn(f"w:{name}"))
    return None if value is None else str(value)


def assert_thai_fonts(rpr: Any) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts is not None
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert attr(fonts, slot) == "Sarabun", slot
    assert attr(fonts, "hint") == "cs"
    assert not any(attr(fonts, a) for a in THEME_ATTRS)


def plan_table(document: Any) -> Any:
    tables = [t for t in document.tables if len(t.columns) == 6]
    assert len(tables) == 1
    return tables[0]


def test_defaults_and_normal_style_use_sarabun_for_thai_with_cs_size(thai_docx: Any) -> None:
    styles = thai_docx.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert_thai_fonts(rpr)
    assert attr(rpr.find(qn("w:sz")), "val") == attr(rpr.find(qn("w:szCs")), "val") == "22"
    lang = rpr.find(qn("w:lang"))
    assert attr(lang, "bidi") == "th-TH" and attr(lang, "val") == "th-TH"
    assert_thai_fonts(thai_docx.styles["Normal"].element.find(qn("w:rPr")))
    assert_thai_fonts(thai_docx.styles["Heading 1"].element.find(qn("w:rPr")))


def test_no_theme_fonts_are_left_anywhere_in_the_styles(thai_docx: Any) -> None:
    for fonts in thai_docx.styles.element.iter(qn("w:rFonts")):
        assert not any(attr(fonts, a) for a in THEME_ATTRS), fonts.attrib


def test_every_run_sets_complex_script_font_size_and_weight(thai_docx: Any) -> None:
    body = thai_docx.element.body
    runs = list(body.iter(qn("w:r")))
    assert len(runs) > 500
    for run in runs:
        if run.find(qn("w:drawing")) is not None or run.find(qn("w:fldChar")) is not None:
            continue
        rpr = run.find(qn("w:rPr"))
        assert rpr is not None
        fonts = rpr.find(qn("w:rFonts"))
        assert attr(fonts, "cs") in ("Sarabun", "Segoe UI Symbol")
        assert attr(fonts, "hint") == "cs"
        sz, szcs = rpr.find(qn("w:sz")), rpr.find(qn("w:szCs"))
        assert (sz is None) == (szcs is None)
        if sz is not None:
            assert attr(sz, "val") == attr(szcs, "val")
        assert (rpr.find(qn("w:b")) is None) == (rpr.find(qn("w:bCs")) is None)


def test_bold_header_cells_are_bold_for_thai(thai_docx: Any) -> None:
    header_cell = plan_table(thai_docx).rows[0].cells[3]
    assert unmark(header_cell.text) == "ขั้นตอน/วิธีการปฏิบัติ"
    rpr = header_cell.paragraphs[0].runs[0]._r.find(qn("w:rPr"))
    assert rpr.find(qn("w:b")) is not None and rpr.find(qn("w:bCs")) is not None


def test_header_rows_repeat_on_every_page(thai_docx: Any) -> None:
    rows = plan_table(thai_docx).rows
    flags = [
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in rows
    ]
    assert flags[:2] == [True, True]
    assert not any(flags[2:])


def test_table_grid_has_one_width_per_column_matching_the_fractions(
    thai_doc: m.Document, thai_docx: Any
) -> None:
    table = plan_table(thai_docx)
    grid = [int(attr(col, "w") or 0) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    model_table = thai_doc.sections[1].blocks[2]
    assert isinstance(model_table, m.Table)
    assert len(grid) == len(model_table.columns) == 6
    text_width = round(Cm(29.7 - 3 - 2) / 635)  # twips (1 twip = 635 EMU)
    assert abs(sum(grid) - text_width) <= 1
    for width, fraction in zip(grid, model_table.fractions, strict=True):
        assert abs(width - fraction * text_width) <= 6  # rounding goes to the last column
    assert attr(table._tbl.tblPr.find(qn("w:tblLayout")), "type") == "fixed"


def test_merged_cells_use_gridspan_and_vmerge(thai_docx: Any) -> None:
    rows = plan_table(thai_docx)._tbl.findall(qn("w:tr"))
    first = rows[0].findall(qn("w:tc"))
    assert len(first) == 5  # "การดำเนินงาน" spans the last two columns
    span = first[4].tcPr.find(qn("w:gridSpan"))
    assert attr(span, "val") == "2"
    for tc in first[:4]:
        assert attr(tc.tcPr.find(qn("w:vMerge")), "val") == "restart"
    for tc in rows[1].findall(qn("w:tc"))[:4]:
        vmerge = tc.tcPr.find(qn("w:vMerge"))
        assert vmerge is not None and attr(vmerge, "val") in (None, "continue")
    # The issue column: one cell over three body rows.
    issue = [r.findall(qn("w:tc"))[0].tcPr.find(qn("w:vMerge")) for r in rows[2:5]]
    assert attr(issue[0], "val") == "restart"
    assert all(v is not None and attr(v, "val") in (None, "continue") for v in issue[1:])


def test_plan_section_is_landscape_and_memo_portrait(thai_docx: Any) -> None:
    memo, plan, analysis = thai_docx.sections
    assert memo.orientation == WD_ORIENT.PORTRAIT and memo.page_width < memo.page_height
    assert plan.orientation == WD_ORIENT.LANDSCAPE and plan.page_width > plan.page_height
    assert analysis.orientation == WD_ORIENT.PORTRAIT
    assert abs(memo.left_margin - Cm(3)) < Cm(0.01) and abs(memo.right_margin - Cm(2)) < Cm(0.01)


def test_page_number_field_in_the_header_with_thai_number_format(thai_docx: Any) -> None:
    for index, section in enumerate(thai_docx.sections):
        header = section.header._element
        assert " PAGE " in [t.text for t in header.iter(qn("w:instrText"))]
        assert [attr(f, "fldCharType") for f in header.iter(qn("w:fldChar"))] == [
            "begin",
            "separate",
            "end",
        ]
        pgnum = section._sectPr.find(qn("w:pgNumType"))
        assert attr(pgnum, "fmt") == "thaiNumbers"
        assert section.different_first_page_header_footer == (index == 0)


def test_arabic_documents_have_no_thai_digits_and_no_thai_page_format(
    arabic_doc: m.Document,
) -> None:
    out = docx.Document(io.BytesIO(render(arabic_doc, "docx")))
    text = "".join(t.text or "" for t in out.element.body.iter(qn("w:t")))
    assert not set("๐๑๒๓๔๕๖๗๘๙") & set(text)
    assert out.sections[0]._sectPr.find(qn("w:pgNumType")) is None


def test_docx_text_has_every_word_and_every_cell_in_order(
    thai_doc: m.Document, thai_docx: Any
) -> None:
    body_text = squash("".join(t.text or "" for t in thai_docx.element.body.iter(qn("w:t"))))
    assert [w for w in printed_words(thai_doc) if w not in body_text] == []
    table = m.localise(thai_doc, "thai").sections[1].blocks[2]
    assert isinstance(table, m.Table)
    out = plan_table(thai_docx)
    cursor = 0
    table_text = squash("".join(t.text or "" for t in out._tbl.iter(qn("w:t"))))
    for _, cell in sorted(table.positions().items()):
        expected = cell_text(cell, "thai", labels=False)
        found = table_text.find(expected, cursor)
        assert found == cursor, expected
        cursor += len(expected)


def test_chart_and_hyperlink_are_in_the_docx(thai_docx: Any, thai_docx_bytes: bytes) -> None:
    assert len(thai_docx.inline_shapes) == 1
    links = list(thai_docx.element.body.iter(qn("w:hyperlink")))
    assert len(links) == 1
    target = thai_docx.part.rels[links[0].get(qn("r:id"))].target_ref
    assert target == "https://www.banmai.go.th/ita/2566/o43"


def test_checkbox_glyphs_get_a_symbol_font(thai_docx: Any) -> None:
    symbol_runs = [
        r
        for r in thai_docx.element.body.iter(qn("w:r"))
        if any(ch in (r.xpath("string(.)") or "") for ch in "☐☑✓")
    ]
    assert symbol_runs
    for run in symbol_runs:
        assert attr(run.find(qn("w:rPr")).find(qn("w:rFonts")), "cs") == "Segoe UI Symbol"


def test_libreoffice_shows_the_docx_in_sarabun_from_the_file_itself(
    thai_docx_bytes: bytes, tmp_path: Path
) -> None:
    """No Sarabun on this "computer" (the system fonts only, as on an office PC): the document
    still comes out in Sarabun, from the fonts embedded in it."""
    (tmp_path / "s.docx").write_bytes(thai_docx_bytes)
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<cachedir>{tmp_path}/fc</cachedir></fontconfig>"
    )
    system = subprocess.run(
        ["fc-list"], env={"FONTCONFIG_FILE": str(conf)}, capture_output=True, check=True
    ).stdout.decode()
    assert "Sarabun" not in system
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "s.docx")],
        env={"FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    pdf = (tmp_path / "s.pdf").read_bytes()
    # (LibreOffice's own PDF text layer splits some Thai clusters, so compare loosely.)
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in pdftotext(pdf, 2, 2)
    fonts = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Sarabun-Regular" in fonts and "Sarabun-Bold" in fonts


def _part(document: Any, name: str) -> Any:
    return next(p for p in document.part.package.iter_parts() if p.partname == name)


def test_the_docx_embeds_regular_and_bold_sarabun_that_read_back_exactly(
    thai_docx_bytes: bytes,
) -> None:
    document = docx.Document(io.BytesIO(thai_docx_bytes))
    table = _part(document, "/word/fontTable.xml")
    root = etree.fromstring(table.blob)
    font = next(f for f in root.findall(qn("w:font")) if attr(f, "name") == "Sarabun")
    embedded = {child.tag.split("}")[1]: child for child in font if "embed" in child.tag}
    assert set(embedded) == {"embedRegular", "embedBold"}  # no italic text in this one
    for tag, weight in (("embedRegular", 400), ("embedBold", 700)):
        part = table.rels[embedded[tag].get(qn("r:id"))].target_part
        assert part.content_type == "application/vnd.openxmlformats-officedocument.obfuscatedFont"
        original = font_path(weight).read_bytes()
        assert part.blob != original
        assert obfuscate(part.blob, attr(embedded[tag], "fontKey")) == original
    settings = [child.tag.split("}")[1] for child in document.settings.element]
    assert settings.index("embedTrueTypeFonts") == settings.index("zoom") + 1


def test_the_same_document_gives_the_same_docx_fonts() -> None:
    doc = m.Document(
        title="ท",
        agency="ก",
        sections=[m.Section(blocks=[m.Paragraph([m.Run("เอียง", italic=True)])])],
    )
    first, second = (docx.Document(io.BytesIO(render(doc, "docx"))) for _ in range(2))
    blobs = [
        [p.blob for p in d.part.package.iter_parts() if p.partname.startswith("/word/fonts/")]
        for d in (first, second)
    ]
    assert len(blobs[0]) == 4 and blobs[0] == blobs[1]  # italics embedded when used


def test_numbered_steps_are_word_numbered_lists_restarting_at_one(thai_docx: Any) -> None:
    """Inserting a step in Word renumbers the rest: the numbers are Word's, not typed text."""
    numbering = thai_docx.part.numbering_part.element
    formats = {
        a.get(qn("w:abstractNumId")): a.find(qn("w:lvl")).find(qn("w:numFmt")).get(qn("w:val"))
        for a in numbering.findall(qn("w:abstractNum"))
    }
    used = [
        p
        for p in thai_docx.element.body.iter(qn("w:p"))
        if p.find(".//" + qn("w:numId")) is not None
    ]
    assert len(used) >= 4
    num_ids = {p.find(".//" + qn("w:numId")).get(qn("w:val")) for p in used}
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) in num_ids:
            abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
            assert formats[abstract] == "thaiNumbers"
            start = num.find(".//" + qn("w:startOverride")).get(qn("w:val"))
            assert start == "1"
    assert not any(squash(p.xpath("string(.)")).startswith("๑.") for p in used)


def test_docx_properties_name_the_agency_and_prongsai(thai_doc: m.Document) -> None:
    import datetime as dt
    import zipfile

    data = render(thai_doc, "docx")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.author == thai_doc.agency
    assert props.created is not None
    assert abs(props.created - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any("thumbnail" in n for n in names)
    app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    assert "<Application>Prongsai</Application>" in app and "Macintosh" not in app


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_still_shows_arabic_page_numbers_in_a_thai_docx(tmp_path: Path) -> None:
    """A canary, like the typst one in test_pdf_text: LibreOffice 7.4 has no way to read Thai
    page numbers from a DOCX (w:pgNumType thaiNumbers and every other w:fmt come out Arabic,
    PAGE \\* ThaiArabic as Thai letters ก ข ค; its own "Native Numbering" is exported to DOCX
    as ARABIC). Word shows ๒ ๓ from thaiNumbers. Also tried on 7.4.7: PAGE \\* thaiNumbers and
    \\* THAIARABIC (Arabic), w:fldSimple with \\* ThaiArabic (letters), th-TH header runs
    (Arabic); its DOCX import maps ThaiArabic to CHARS_THAI and has no thaiNumbers (the
    documents README). When this fails, LibreOffice learnt it: make the DOCX use what it reads,
    and this test check for Thai digits instead."""
    doc = m.Document("t", [m.Section([m.Paragraph("หน้า ๑"), m.PageBreak(), m.Paragraph("หน้า ๒")])])
    (tmp_path / "p.docx").write_bytes(render(doc, "docx"))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "p.docx")],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    second = pdftotext((tmp_path / "p.pdf").read_bytes(), 2, 2)
    assert "2" in second.split("หน้า")[0] and "๒" not in second.split("หน้า")[0]


def test_a_label_that_heads_what_follows_is_kept_with_it() -> None:
    doc = m.Document.of(
        "t", m.Paragraph("ข้อบกพร่อง", bold=True, keep_with_next=True), m.Paragraph("ข้อความ")
    )
    body = docx.Document(io.BytesIO(render(doc, "docx"))).paragraphs
    label = next(p for p in body if "ข้อบกพร่อง" in p.text.replace("\u2060", ""))
    assert label.paragraph_format.keep_with_next
    assert not next(p for p in body if "ข้อความ" in p.text).paragraph_format.keep_with_next


def test_a_signature_after_a_table_keeps_the_tables_last_row_with_it() -> None:
    table = m.Table(
        [m.Column("ลำดับ", 1), m.Column("รายการ", 4)],
        [[m.Cell(str(i)), m.Cell(f"รายการที่ {i}")] for i in range(1, 4)],
    )
    doc = m.Document.of("t", table, m.SignatureBlock("นายสมชาย ใจดี", ["ปลัด"]))
    rows = docx.Document(io.BytesIO(render(doc, "docx"))).tables[0].rows
    last = rows[-1]._tr
    assert last.trPr is not None and last.trPr.find(qn("w:cantSplit")) is not None
    assert all(p.pPr.find(qn("w:keepNext")) is not None for p in last.iter(qn("w:p")))
    first = rows[1]._tr  # (rows[0] is the header row)
    assert first.trPr is None or first.trPr.find(qn("w:cantSplit")) is None
