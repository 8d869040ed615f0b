"""DOCX as Word writes it: paragraphs inside cells, automatic numbering, vertically merged
cells, heading rows inside one long table, Wingdings/Symbol ticks."""

from __future__ import annotations

from prongsai.docimport import extract, import_document
from prongsai.docimport.text import CELL_BREAK, MERGED_ABOVE, clean_line

from .docx_build import BULLET, DECIMAL, THAI, fill_cell, merge_down, new_document, to_bytes

HEADER = ["ประเด็น", "ข้อคำถาม", "ขั้นตอน/วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ"]
TOP = ["มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
       "องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง จังหวัดขอนแก่น"]  # fmt: skip


def _plan(rows: list[list[object]], numbering: int | None = DECIMAL) -> bytes:
    document = new_document()
    for line in TOP:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(rows), cols=len(HEADER))
    for column, text in enumerate(HEADER):
        table.cell(0, column).text = text
    for index, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            if value:
                fill_cell(table.cell(index, column), value, numbering if column == 2 else None)  # type: ignore[arg-type]
    return to_bytes(document)


def test_paragraphs_of_a_cell_stay_apart_as_steps() -> None:
    data = _plan(
        [["(1) การเปิดเผยข้อมูล", "o1", ["จัดทำประกาศ", "เผยแพร่บนเว็บไซต์", "รายงานผู้บริหาร"],
          "ไตรมาส ๒", "สำนักปลัด"]],
        numbering=None,
    )  # fmt: skip
    assert CELL_BREAK in extract(data).text
    (measure,) = import_document(data)["measures"]
    assert measure["steps"] == ["จัดทำประกาศ", "เผยแพร่บนเว็บไซต์", "รายงานผู้บริหาร"]


def test_word_automatic_numbering_is_read_as_numbered_items() -> None:
    data = _plan(
        [["(1) การเปิดเผยข้อมูล", "o1", ["จัดทำประกาศ", "เผยแพร่บนเว็บไซต์"], "ไตรมาส ๒", "กองคลัง"],
         ["(2) การรับฟังความเห็น", "e8", ["ทำป้ายคิวอาร์โค้ด", "สรุปผลความเห็น"], "ไตรมาส ๓", "สำนักปลัด"]]
    )  # fmt: skip
    text = extract(data).text
    assert "1. จัดทำประกาศ" in text and "2. เผยแพร่บนเว็บไซต์" in text
    assert "3. ทำป้ายคิวอาร์โค้ด" in text  # Word's list counts on in the next row's cell
    measures = import_document(data)["measures"]
    assert [m["steps"] for m in measures] == [
        ["จัดทำประกาศ", "เผยแพร่บนเว็บไซต์"],
        ["ทำป้ายคิวอาร์โค้ด", "สรุปผลความเห็น"],
    ]


def test_thai_and_bullet_numbering_formats() -> None:
    for numbering, first in ((THAI, "๑) "), (BULLET, "- ")):
        data = _plan([["(1) ก", "o1", ["จัดทำประกาศ", "เผยแพร่"], "ไตรมาส ๒", "กองคลัง"]], numbering)
        assert first + "จัดทำประกาศ" in extract(data).text
        assert import_document(data)["measures"][0]["steps"] == ["จัดทำประกาศ", "เผยแพร่"]


def test_a_vertically_merged_cell_applies_to_every_row_it_spans() -> None:
    document = new_document()
    for line in TOP:
        document.add_paragraph(line)
    table = document.add_table(rows=4, cols=len(HEADER))
    for column, text in enumerate(HEADER):
        table.cell(0, column).text = text
    rows = [["(1) การใช้ทรัพย์สิน", "i19", "จัดทำคู่มือ", "ไตรมาส ๑", "กองคลัง"],
            ["", "i21", "ประชาสัมพันธ์คู่มือ", "ไตรมาส ๒", ""],
            ["(2) การรับฟังความเห็น", "e8", "ทำป้าย", "ไตรมาส ๓", ""]]  # fmt: skip
    for index, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            if value:
                table.cell(index, column).text = value
    merge_down(table, 0, 1, 2)  # the issue over its two question rows
    merge_down(table, 4, 1, 3)  # one office responsible for both measures
    data = to_bytes(document)
    lines = [line for line in extract(data).text.splitlines() if "\t" in line]
    assert lines[2].split("\t")[0] == MERGED_ABOVE + "(1) การใช้ทรัพย์สิน"
    assert lines[3].split("\t")[4] == MERGED_ABOVE + "กองคลัง"
    first, second = import_document(data)["measures"]
    assert first["question_codes"] == ["i19", "i21"]
    assert first["steps"] == ["จัดทำคู่มือ", "ประชาสัมพันธ์คู่มือ"]
    assert first["responsible"] == "กองคลัง"  # counted once although merged over its rows
    assert second["responsible"] == "กองคลัง"  # the merge reaches the second measure too
    assert second["question_codes"] == ["e8"]


def test_tool_heading_rows_inside_one_table_apply_to_the_rows_under_them() -> None:
    document = new_document()
    for line in TOP:
        document.add_paragraph(line)
    table = document.add_table(rows=5, cols=len(HEADER))
    for column, text in enumerate(HEADER):
        table.cell(0, column).text = text
    rows = [["แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"],
            ["(1) การปฏิบัติงาน", "ข้อ 1 ปฏิบัติงานตามมาตรฐาน", "อบรมบุคลากร", "ไตรมาส ๒", "สำนักปลัด"],
            ["แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)"],
            ["(2) คุณภาพการดำเนินงาน", "ข้อ 1 บริการตามขั้นตอน", "ทำแผนผังขั้นตอน", "ไตรมาส ๓", "กองช่าง"]]  # fmt: skip
    for index, values in enumerate(rows, start=1):
        if len(values) == 1:
            merged = table.cell(index, 0).merge(table.cell(index, len(HEADER) - 1))
            merged.text = values[0]
            continue
        for column, value in enumerate(values):
            table.cell(index, column).text = value
    first, second = import_document(to_bytes(document))["measures"]
    assert (first["tool"], second["tool"]) == ("IIT", "EIT")
    assert first["question_codes"] == ["i1"] and second["question_codes"] == ["e1"]


def test_symbol_font_ticks_and_private_use_glyphs() -> None:
    document = new_document()
    paragraph = document.add_paragraph()
    from .docx_build import symbol

    symbol(paragraph, "F0FE")  # Wingdings ticked box
    symbol(paragraph, "F0A8")  # Wingdings empty box
    symbol(paragraph, "0050", "Wingdings 2")  # tick
    symbol(paragraph, "0052", "Wingdings 2")  # ticked box
    symbol(paragraph, "F0D6", "Symbol")  # √ used as a tick
    run = paragraph.add_run("þ¨")
    run.font.name = "Wingdings"
    assert extract(to_bytes(document)).text.startswith("☑☐✓☑✓☑☐")
    assert clean_line("\uf0fc \uf0fe \uf0a8") == "✓ ☑ ☐"
