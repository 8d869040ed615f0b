"""File bytes → text, and the files that must be refused with a clear Thai message."""

from __future__ import annotations

import codecs
import io
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.docimport import DocumentImportError, extract, import_document
from prongsai.docimport.docx_text import ZipLimits
from prongsai.docimport.text import MERGED_ABOVE

FIXTURES = Path(__file__).parent / "fixtures"
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed"
)


def refused(data: bytes, **options: object) -> DocumentImportError:
    with pytest.raises(DocumentImportError) as caught:
        extract(data, **options)  # type: ignore[arg-type]
    error = caught.value
    assert any("\u0e01" <= ch <= "\u0e7f" for ch in error.message), "the message must be Thai"
    return error


def rezip(
    docx: bytes, replace: dict[str, bytes], *, extra: dict[str, bytes] | None = None
) -> bytes:
    """The DOCX with some members replaced (or added)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def minimal_pdf(content: bytes = b"") -> bytes:
    """A one-page PDF; with `content` as its page content stream."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- what is read ---------------------------------------------------------------------------


def test_docx_paragraphs_and_table_rows_come_out_in_document_order(plan_docx: bytes) -> None:
    lines = extract(plan_docx).text.splitlines()
    assert lines[0] == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert lines[3].split("\t")[0] == "ประเด็น"
    assert lines[-1] == "ผู้จัดทำ สำนักปลัด"
    assert all("\t" in line for line in lines[3:-1])


def test_docx_merged_cells_keep_their_columns_and_repeat_marked_below(plan_docx: bytes) -> None:
    rows = [line.split("\t") for line in extract(plan_docx).text.splitlines() if "\t" in line]
    assert [len(row) for row in rows] == [6, 6, 6, 6, 6]
    assert rows[0][1] == "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ" and rows[0][2] == ""
    assert rows[2][0].startswith("(1)")
    # merged down from the row above: repeated, marked as the continuation of the merge
    assert rows[3][0] == MERGED_ABOVE + rows[2][0]
    assert rows[3][1].startswith("i21")


def test_docx_wingdings_checkboxes_become_box_characters(status_docx: bytes) -> None:
    text = extract(status_docx).text
    assert "☑ ไตรมาส ๑ ☑ ไตรมาส ๒ ☐ ไตรมาส ๓ ☐ ไตรมาส ๔" in text
    assert "✓" in text


@needs_pdftotext
def test_pdf_text_layer_is_read_with_table_columns_as_tabs(
    fixture_file: Callable[[str], bytes],
) -> None:
    extracted = extract(fixture_file("plan_table.pdf"))
    assert extracted.format == "pdf"
    assert extracted.source == "pdf-table-geometry"
    assert extracted.pages == 1 and extracted.ocr_pages == []
    first_row = next(line for line in extracted.text.splitlines() if line.startswith("(1)"))
    cells = first_row.split("\t")
    # The cell whole, not one row per wrapped line (decision 34).
    assert cells[0] == "(1) การใช้ทรัพย์สินของราชการอย่างถูกต้อง"
    assert cells[1] == "i19 บุคลากรทราบแนวปฏิบัติการใช้ทรัพย์สินเพียงใด"
    assert cells[-1] == "กองคลัง"


@needs_pdftotext
def test_pdf_without_text_layer_is_refused() -> None:
    assert refused(minimal_pdf()).code == "pdf_no_text"


@needs_pdftotext
def test_pdf_with_a_little_latin_text_is_read() -> None:
    content = b"BT /F1 12 Tf 72 700 Td (Integrity and Transparency Assessment 2566) Tj ET"
    assert "Integrity and Transparency Assessment" in extract(minimal_pdf(content)).text


@needs_pdftotext
def test_broken_pdf_is_refused() -> None:
    assert refused(b"%PDF-1.7\n" + bytes(range(256)) * 4).code in {"pdf_broken", "pdf_no_text"}


@needs_pdftotext
def test_a_pdf_whose_page_pdfium_cannot_load_gets_a_thai_error_not_a_crash() -> None:
    # found by the mutation test below: a byte of the page tree's /Kids damaged, so the document
    # opens but PDFium's FPDF_LoadPage fails ("Failed to load page." escaped as PdfiumError)
    pdf = bytearray(minimal_pdf(b"BT /F1 12 Tf 72 700 Td (ITA 2566) Tj ET"))
    kids = pdf.index(b"/Kids [3 0 R]")
    pdf[kids + len(b"/Kids [")] = ord("R")
    try:
        result = extract(bytes(pdf))
    except DocumentImportError as error:
        assert error.code in {"pdf_broken", "pdf_no_text"}
        assert any("\u0e01" <= ch <= "\u0e7f" for ch in error.message)
    else:  # poppler may still read the page
        assert "ITA 2566" in result.text


def test_pdf_reader_that_runs_too_long_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    def hang(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired(cmd="pdftotext", timeout=1)

    monkeypatch.setattr(
        "prongsai.docimport.pdf_tables.shutil.which", lambda name: "/usr/bin/pdftotext"
    )
    monkeypatch.setattr("prongsai.docimport.pdf_text.subprocess.run", hang)
    content = b"BT /F1 12 Tf 72 700 Td (Integrity and Transparency Assessment 2566) Tj ET"
    assert refused(minimal_pdf(content)).code == "pdf_timeout"


THAI = "มาตรการส่งเสริมคุณธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\nองค์การบริหารส่วนตำบลทดลอง\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (THAI.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + THAI.encode("utf-8"), "utf-8-sig"),
        (THAI.encode("utf-16"), "utf-16"),
        (THAI.encode("utf-16-le"), "utf-16-le"),
        (THAI.encode("utf-16-be"), "utf-16-be"),
        (THAI.encode("tis-620"), "cp874"),
        (THAI.encode("cp874"), "cp874"),
    ],
)
def test_plain_text_reads_the_same_in_every_thai_encoding(data: bytes, encoding: str) -> None:
    extracted = extract(data)
    assert extracted.format == "text"
    assert extracted.encoding == encoding
    assert extracted.text == THAI


def test_windows_line_ends_become_plain_line_ends() -> None:
    assert extract("ก\r\nข\rค".encode()).text == "ก\nข\nค"


def test_type_is_told_by_content_not_by_file_name(plan_docx: bytes) -> None:
    assert extract(plan_docx, "report.pdf").format == "docx"
    assert extract(THAI.encode(), "plan.docx").format == "text"


# --- what is refused ------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", b"\n" * 100])
def test_empty_file_is_refused(data: bytes) -> None:
    assert refused(data).code == "empty"


def test_file_over_the_size_limit_is_refused_before_reading() -> None:
    assert refused(THAI.encode() * 100, max_bytes=1000).code == "too_large"
    assert refused(b"a" * (20 * 1024 * 1024 + 1)).code == "too_large"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(100),
        b"\xff\xd8\xff\xe0" + bytes(100),
        b"GIF89a" + bytes(100),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
        b"{\\rtf1\\ansi hello}",
        b"\x1f\x8b\x08\x00" + bytes(100),
        b"Rar!\x1a\x07\x00" + bytes(100),
    ],
)
def test_images_archives_and_old_word_files_are_refused(data: bytes) -> None:
    assert refused(data).code == "unsupported_type"


def test_binary_data_is_refused() -> None:
    assert refused(bytes(range(256)) * 20).code == "unsupported_type"
    assert refused(b"\x00\x01\x02text\x00\x00").code == "unsupported_type"


def test_truncated_docx_is_refused(plan_docx: bytes) -> None:
    assert refused(plan_docx[: len(plan_docx) // 2]).code == "broken_zip"


def test_docx_with_a_damaged_member_is_refused(plan_docx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(plan_docx)) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    damaged = bytearray(plan_docx)
    for position in range(start, start + 40):
        damaged[position] ^= 0xFF
    assert refused(bytes(damaged)).code in {"broken_zip", "bad_xml", "bad_docx"}


def test_zip_that_is_not_a_word_document_is_refused() -> None:
    def zipped(members: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return out.getvalue()

    excel = zipped(
        {"[Content_Types].xml": b"<Types>spreadsheetml</Types>", "xl/workbook.xml": b"<x/>"}
    )
    odt = zipped({"mimetype": b"application/vnd.oasis.opendocument.text"})
    other = zipped({"notes.txt": b"hello"})
    assert refused(excel).code == "not_docx"
    assert refused(odt).code == "not_docx"
    assert refused(other).code == "not_docx"


def test_zip_bomb_is_refused_without_inflating_it(plan_docx: bytes) -> None:
    bomb = rezip(plan_docx, {}, extra={"word/media/padding.bin": bytes(30 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    assert refused(bomb).code == "zip_bomb"
    assert time.monotonic() - started < 2


def test_docx_with_too_many_parts_is_refused(plan_docx: bytes) -> None:
    parts = {f"word/extra/part{n}.xml": b"<a/>" for n in range(2100)}
    assert refused(rezip(plan_docx, {}, extra=parts)).code == "zip_bomb"


def test_total_unzipped_size_is_capped(plan_docx: bytes) -> None:
    error = refused(plan_docx, zip_limits=ZipLimits(max_unzipped_bytes=10_000))
    assert error.code == "zip_bomb"


def test_deeply_nested_xml_is_refused(plan_docx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(plan_docx)) as archive:
        document = archive.read("word/document.xml")
    nested = b"<w:customXml>" * 5000 + b"</w:customXml>" * 5000
    deep = document.replace(b"<w:body>", b"<w:body>" + nested, 1)
    assert refused(rezip(plan_docx, {"word/document.xml": deep})).code == "xml_too_deep"


def test_xml_entities_are_refused(plan_docx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(plan_docx)) as archive:
        document = archive.read("word/document.xml")
    laughs = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    head, _, rest = document.partition(b"?>")
    hostile = head + b"?>" + laughs + rest
    assert refused(rezip(plan_docx, {"word/document.xml": hostile})).code == "bad_xml"


def test_docx_with_broken_xml_is_refused(plan_docx: bytes) -> None:
    broken = rezip(plan_docx, {"word/document.xml": b"<w:document><w:body><w:p>"})
    assert refused(broken).code in {"bad_xml", "bad_docx"}


def test_encrypted_zip_member_is_refused(plan_docx: bytes) -> None:
    data = bytearray(plan_docx)
    name = b"word/document.xml"
    with zipfile.ZipFile(io.BytesIO(plan_docx)) as archive:
        local = archive.getinfo(name.decode()).header_offset
    data[local + 6] |= 0x01  # the "encrypted" flag in the local header…
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if bytes(data[central + 46 : central + 46 + length]) == name:
            data[central + 8] |= 0x01  # …and in the central directory
        central = data.find(b"PK\x01\x02", central + 4)
    assert refused(bytes(data)).code == "encrypted"


# --- never anything else, never slow -------------------------------------------------------


def _read_quickly(data: bytes) -> None:
    started = time.monotonic()
    try:
        import_document(data, max_bytes=1024 * 1024)
    except DocumentImportError as error:
        assert error.code and error.message
    assert time.monotonic() - started < 5


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes_only_ever_raise_document_import_error(data: bytes) -> None:
    _read_quickly(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_documents_only_ever_raise_document_import_error(
    plan_docx: bytes, data: st.DataObject
) -> None:
    sources = [
        plan_docx,
        (FIXTURES / "plan_damaged.txt").read_bytes(),
        minimal_pdf(b"BT /F1 12 Tf 72 700 Td (ITA 2566) Tj ET"),
    ]
    original = bytearray(data.draw(st.sampled_from(sources)))
    for _ in range(data.draw(st.integers(min_value=1, max_value=20))):
        position = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
        original[position] = data.draw(st.integers(min_value=0, max_value=255))
    if data.draw(st.booleans()):
        original = original[: data.draw(st.integers(min_value=1, max_value=len(original)))]
    _read_quickly(bytes(original))
