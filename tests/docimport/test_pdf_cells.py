"""What the geometry reader and the cleaning make of the text inside PDF table cells: one cause
each of the fields the corpus' PDFs got wrong (decision 45)."""

from __future__ import annotations

from prongsai.docimport.parse import parse_text
from prongsai.docimport.pdf_tables import Char, Line, _cut, join_wrapped
from prongsai.docimport.text import CELL_BREAK, CHECKED, UNCHECKED, clean_line


def word(text: str, x0: float, x1: float, top: float = 100.0) -> Char:
    return Char(text, x0, top, x1, top + 14.3)


def test_a_mark_poppler_boxed_apart_goes_back_on_the_word_it_sits_on() -> None:
    # LibreOffice draws the tone mark of "เพิ่ม" as a zero-width glyph after "ม", at the
    # x where "เพิ" ends; poppler makes three words of it.
    line = Line([word("เพิ", 196.1, 207.397), word("ม", 207.4, 214.154), word("่", 207.4, 207.4)])
    assert line.text() == "เพิ่ม"
    # two marks after the base, tone mark first: reordered by the one normaliser
    line = Line([word("ดีข", 230.0, 268.442), word("้", 268.4, 268.4), word("ึ", 268.409, 268.409),
                 word("น", 268.5, 275.0)])  # fmt: skip
    assert line.text() == "ดีขึ้น"


def test_marks_wrapped_to_the_start_of_the_next_line_join_the_word_above() -> None:
    # "ต" ends one line of a cell, its marks start the next one (before "งงบ")
    second = Line([word("้", 186.0, 186.0), word("ั", 186.1, 186.1), word("งงบ", 186.1, 203.2)])
    assert join_wrapped(["2) ต", second.text()]) == "2) ตั้งงบ"


def test_words_apart_keep_their_space_after_a_tone_mark() -> None:
    line = Line([word("การเมื่อวันที่", 435.7, 489.061), word("๓", 492.647, 500.281)])
    assert line.text() == "การเมื่อวันที่ ๓"


def test_a_number_wrapped_next_to_a_thai_word_keeps_its_space() -> None:
    assert join_wrapped(["ลงวันที่", "๑๐", "ตุลาคม", "๒๕๖๖"]) == "ลงวันที่ ๑๐ ตุลาคม ๒๕๖๖"
    assert join_wrapped(["ตลอด", "ปีงบประมาณ"]) == "ตลอดปีงบประมาณ"


def test_a_checkbox_tag_wrapped_inside_a_narrow_cell_is_still_a_checkbox() -> None:
    cell = '<inpu t check ed="" type= "chec kbox"/> ไตรมาส ๑ <inpu t type= "chec kbox"/> ไตรมาส ๒'
    assert clean_line(cell) == f"{CHECKED} ไตรมาส ๑ {UNCHECKED} ไตรมาส ๒"


def test_a_row_cut_by_the_page_break_in_the_middle_of_an_item_is_joined() -> None:
    last = ["3. ช่องทาง", "e10 ผู้รับ", "ผู้รับบริการ", "• ติด", "ไตรมาส 2-4"]
    first = ["ร้องเรียนและการคุ้มครองผู้แจ้ง", "บริการรู้ช่องทาง", "บางราย",
             f"ป้ายช่องทางร้องเรียน{CELL_BREAK}• เพิ่มแบบฟอร์ม", ""]  # fmt: skip
    assert _cut(last, first)
    # a new row of the same table, even one whose steps have no bullet, is not
    assert not _cut(last, ["4. การเปิดเผย", "o1 ข้อมูล", "ยังไม่ครบ", "ปรับปรุงเว็บไซต์", ""])
    assert not _cut(["ตัวชี้วัดที่ ๖", "สำนักปลัด", "7) พัฒนา"], ["ตัวชี้วัดที่ ๗", "กองคลัง", "ประชุม"])


def test_a_row_whose_cells_close_a_tag_the_row_above_opened_is_joined() -> None:
    last = ["<p>7.กลไกและมาตรการภายในหน่วย", "<p>i25 ผู้บริหาร", "<p>หน่วยงานยังขาด"]
    first = ["งาน</p>", "แก้ไขปัญหา</p>", "ควร</p>"]
    assert _cut(last, first)
    assert not _cut(["<p>7.กลไก</p>", "<br>i25", "x"], ["<p>8.การ</p>", "</p>", "y"])


def test_a_reporting_period_wrapped_onto_the_next_line_is_found() -> None:
    text = "\n".join(
        [
            "เรื่อง รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
            "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            "ซึ่งมีรายละเอียดผลการดำเนินการ เดือน ตุลาคม ๒๕๖๕ - มีนาคม",
            "๒๕๖๖ รายละเอียดตามตารางแนบท้าย",
        ]
    )
    assert parse_text(text)["period"] == {"start": "2022-10-01", "end": "2023-03-31"}


def test_an_unnumbered_first_row_after_numbered_rows_continues_the_last_one() -> None:
    # OCR reads a pasted "<p>" as "<0>": the numbering carries the decision, not the tag
    rows = [["<0>6 .กระบวนการควบคุม", "e10", "x"], ["<0>7.กลไกและมาตรการภายในหน่วย", "i25", "y"]]
    first = ["งาน</0>", "แก้ไขปัญหา</0>", "ควร</0>"]
    assert _cut(rows[-1], first, rows)
    assert not _cut(rows[-1], ["8. การเปิดเผย", "o1", "z"], rows)


def test_column_headings_misread_by_ocr_still_name_their_columns() -> None:
    from prongsai.docimport.tables import role_of

    assert role_of("ข้อค้าถาม") == "questions"  # sara am read as mai tho + sara aa
    assert role_of("ขันตอน/วิธีการปฏิบัติ") == "steps"  # the tone mark dropped
    assert role_of("ระยะเวลาดาเนนการ") == "timeline"
    assert role_of("หมายเหตุ") is None


def test_a_header_row_repeated_with_ocr_slips_is_dropped_on_the_next_page() -> None:
    from prongsai.docimport.pdf_tables import TableBlock, _continue

    header = ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ"]
    row = ["1. เผยแพร่ข้อมูล", "1. สรุปผล", "ตุลาคม 2566", "กองคลัง"]
    first = TableBlock(0, (0, 0, 1, 1), [0, 1, 2, 3, 4], [header, row])
    again = ["มาตรการ/แนวทาง", "วิธีการ ดำเนินการ", "ระยะเวลาดาเนนการ", "ผู้รับผิดซอบ"]
    more = ["1. เผยแพร่ข้อมูล (ตอ)", "", "", ""]
    _continue(first, [header], TableBlock(0, (0, 0, 1, 1), [0, 1, 2, 3, 4], [again, more]))
    assert first.rows == [header, row]


def test_a_year_whose_six_ocr_split_in_two_is_read_as_four_digits() -> None:
    from prongsai.docimport.text import normalise_thai

    assert normalise_thai("ประจำปีงบประมาณ พ.ศ.๒๕๒๐๒๐") == "ประจำปีงบประมาณ พ.ศ.๒๕๖๖"
    assert normalise_thai("พ.ศ.๒๕๒๐๕ และ") == "พ.ศ.๒๕๖๕ และ"
    assert normalise_thai("ตุลาคม ๒๕๒๐๕ - มีนาคม ๒๕๒๐๒๐") == "ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖"
    assert normalise_thai("งบประมาณ ๒๕๒๐๐ บาท") == "งบประมาณ ๒๕๒๐๐ บาท"  # an amount, no year
    # four digits, a phone number and a longer number stay as they are
    assert normalise_thai("พ.ศ. ๒๕๒๐ โทร ๐ ๒๕๒๐ ๑๒๓๔ เลข ๑๒๕๒๐๒๐") == (
        "พ.ศ. ๒๕๒๐ โทร ๐ ๒๕๒๐ ๑๒๓๔ เลข ๑๒๕๒๐๒๐"
    )


def test_memo_headings_whose_tone_mark_ocr_dropped_are_still_read() -> None:
    from prongsai.docimport.memo import parse_memo

    memo = parse_memo(
        [
            "บันทึกข้อความ",
            "ส่วนราชการ องค์การบริหารส่วนตำบลบ้านปรก สำนักปลัด",
            "ที สส ๗๑๘๐๑/- วันที ๓ เมษายน ๒๕๖๖",
            "เรือง รายงานผลการดำเนินการตามมาตรการ",
            "เรียน นายก",
        ]
    )
    assert memo.number == "สส ๗๑๘๐๑/-"
    assert memo.memo is not None and memo.memo["subject"] == "รายงานผลการดำเนินการตามมาตรการ"
    assert memo.memo["date"] == "2023-04-03"


def test_a_date_wrapped_after_when_it_was_done_goes_on_the_sentence() -> None:
    """annual_report.pdf: "…ดำเนินการเมื่อวันที่" / "15 ตุลาคม 2567" is one action, not two."""
    lines = ["รายงานสรุปผลประจำปี ดำเนินการเมื่อวันที่", "15 ตุลาคม 2567"]
    assert join_wrapped(lines) == "รายงานสรุปผลประจำปี ดำเนินการเมื่อวันที่ 15 ตุลาคม 2567"
    # a date after a finished sentence still starts an item of its own
    assert join_wrapped(["ประชุมแล้ว", "15 ตุลาคม 2567 อบรม"]) == (
        f"ประชุมแล้ว{CELL_BREAK}15 ตุลาคม 2567 อบรม"
    )
