from __future__ import annotations

import pytest

from prongsai.documents import model as m
from prongsai.documents import render


def test_localise_writes_every_user_string_in_thai_digits() -> None:
    doc = m.Document.of(
        "รายงาน 2566",
        m.Heading("ปี 2567"),
        m.Table([m.Column("ข้อ 1")], [["ร้อยละ 75.50"]], title="ตารางที่ 3"),
        m.SignatureBlock("นาย ก", ["ตำแหน่ง 2"]),
    )
    local = m.localise(doc, "thai")
    assert local.title == "รายงาน ๒๕๖๖"
    blocks = local.blocks()
    assert isinstance(blocks[0], m.Heading) and blocks[0].text == "ปี ๒๕๖๗"
    table = blocks[1]
    assert isinstance(table, m.Table)
    assert table.title == "ตารางที่ ๓"
    assert table.header_rows[0][0].text == "ข้อ ๑"
    assert table.rows[0][0].text == "ร้อยละ ๗๕.๕๐"
    assert isinstance(blocks[2], m.SignatureBlock) and blocks[2].positions == ["ตำแหน่ง ๒"]


def test_localise_leaves_the_original_document_untouched() -> None:
    doc = m.Document.of("ปี 2566", m.Paragraph("ข้อ 1"))
    m.localise(doc, "thai")
    assert doc.title == "ปี 2566"
    block = doc.blocks()[0]
    assert isinstance(block, m.Paragraph) and block.text == "ข้อ 1"


def test_localise_keeps_urls_emails_options_and_keep_digits_runs() -> None:
    p = m.Paragraph(
        ["ดูที่ https://www.x.go.th/a/2566?id=12 หรือ ita2566@x.go.th ข้อ 3 ", m.Run("o42", keep_digits=True)],
        size=11.0,
        space_after=0.5,
    )  # fmt: skip
    local = m.localise(p, "thai")
    assert local.text == "ดูที่ https://www.x.go.th/a/2566?id=12 หรือ ita2566@x.go.th ข้อ ๓ o42"
    assert local.size == 11.0 and local.space_after == 0.5


def test_localise_to_arabic_converts_thai_digits_back() -> None:
    assert m.localise_text("วันที่ ๓ เมษายน ๒๕๖๖", "arabic") == "วันที่ 3 เมษายน 2566"


def test_table_without_header_rows_gets_a_bold_header_from_column_titles() -> None:
    table = m.Table([m.Column("ก", 1), m.Column("ข", 3)], [["1", "2"]])
    assert [c.text for c in table.header_rows[0]] == ["ก", "ข"]
    assert all(c.bold for c in table.header_rows[0])
    assert table.fractions == [0.25, 0.75]


def test_table_needs_columns_with_positive_widths() -> None:
    with pytest.raises(ValueError):
        m.Table([], [])
    with pytest.raises(ValueError):
        m.Table([m.Column("ก", 0)], [])


def test_cell_rejects_empty_spans() -> None:
    with pytest.raises(ValueError):
        m.Cell("x", colspan=0)


def test_cell_holds_lines_and_lists() -> None:
    cell = m.Cell(["บรรทัดแรก", m.NumberedList(["ขั้นที่หนึ่ง", "ขั้นที่สอง"])])
    assert cell.text == "บรรทัดแรก\nขั้นที่หนึ่ง\nขั้นที่สอง"


def test_numbered_list_labels_follow_the_digit_style() -> None:
    lst = m.NumberedList(["ก", "ข"], start=9)
    assert [m.numbered_label(lst, i, "thai") for i in range(2)] == ["๙.", "๑๐."]
    assert m.numbered_label(m.NumberedList(["ก"], marker="bullet"), 0, "thai") == "•"


def test_image_format_is_detected_from_the_bytes() -> None:
    assert m.Image(b"\x89PNG\r\n\x1a\n....").format == "png"
    assert m.Image(b'<?xml version="1.0"?><svg/>').format == "svg"
    with pytest.raises(ValueError):
        _ = m.Image(b"GIF89a").format


def test_render_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown document format"):
        render(m.Document.of("x"), "odt")  # type: ignore[arg-type]


def test_every_block_renders_to_pdf_and_docx() -> None:
    from prongsai.documents import charts

    png = charts.line_chart(["2565", "2566"], {"รวม": [88.0, 97.4]}, width_cm=8)
    doc = m.Document(
        "ทุกบล็อก",
        [
            m.Section(
                [
                    m.Memo("สำนักปลัด", "ชม 1/2567", "1 ตุลาคม 2566", "ทดสอบ", "นายก", emblem=png),
                    m.Heading("หัวข้อ", level=3),
                    m.Paragraph([m.Run("ตัวเอียง", italic=True), m.Run(" ขีดเส้น", underline=True)]),
                    m.NumberedList(["ก", "ข"], marker="bullet"),
                    m.NumberedList(["ก"], marker="dash"),
                    m.Spacer(1.0),
                    m.PageBreak(),
                    m.Image(png, width_cm=8, caption="แผนภูมิ"),
                    m.SignatureBlock("นาย ก", ["ตำแหน่ง"], sign_label=None, align="center"),
                    m.SignatureRow(
                        [m.SignatureBlock("ก"), m.SignatureBlock("ข"), m.SignatureBlock("ค")]
                    ),
                ],
                page_numbers=False,
            ),
            m.Section(
                [
                    m.Table(
                        [m.Column("ก"), m.Column("ข")],
                        [[m.Cell("กว้าง", colspan=2, fill="#ffeeee")]],
                    )
                ],
                "landscape",
            ),
        ],
        number_first_page=True,
    )
    pdf, docx = render(doc, "pdf"), render(doc, "docx")
    assert pdf.startswith(b"%PDF") and docx.startswith(b"PK")


def test_a_cell_spanning_outside_its_table_is_an_error() -> None:
    table = m.Table([m.Column("ก"), m.Column("ข")], [[m.Cell("x", colspan=3)]])
    with pytest.raises(ValueError, match="spans outside"):
        render(m.Document.of("x", table), "pdf")
    with pytest.raises(ValueError, match="spans outside"):
        render(m.Document.of("x", table), "docx")
