from __future__ import annotations

import dataclasses
import itertools
import re
import subprocess
from typing import Any

from pythainlp.tokenize import word_tokenize

from prongsai.documents import model as m
from prongsai.documents import render
from prongsai.documents.sample import SPECIAL
from prongsai.documents.thaibreak import mark, unmark
from tests.documents.conftest import page_count, pdftotext, poppler, squash
from tests.documents.pdfwords import Word, column_streams, pdf_words, top_line

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def user_strings(value: Any) -> list[str]:
    """Every printed string of a block tree (option fields and URLs left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [s for item in value for s in user_strings(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: list[str] = []
        for f in dataclasses.fields(value):
            if not f.metadata.get("raw"):
                out += user_strings(getattr(value, f.name))
        return out
    return []


def printed_words(doc: m.Document) -> set[str]:
    local = m.localise(doc, doc.digits)
    words: set[str] = set()
    for section in local.sections:
        for text in user_strings(section.blocks):
            words.update(w for w in word_tokenize(text, keep_whitespace=False) if w.strip())
    return words


def missing_words(words: set[str], extracted: str) -> list[str]:
    """Words not found in the extracted text. A word may be broken across two lines of a
    table cell, and pdftotext interleaves the lines of neighbouring cells, so a word also
    counts as found when a line ends with its head and another line starts with its tail."""
    text = squash(extracted)
    lines = [squash(line) for line in extracted.splitlines() if line.strip()]
    heads = {line[-k:] for line in lines for k in range(1, min(len(line), 40) + 1)}
    tails = {line[:k] for line in lines for k in range(1, min(len(line), 40) + 1)}

    def found(word: str) -> bool:
        if word in text:
            return True
        return any(word[:k] in heads and word[k:] in tails for k in range(1, len(word)))

    return sorted(w for w in words if not found(w))


def test_pdf_text_round_trips_every_thai_word(thai_doc: m.Document, thai_pdf: bytes) -> None:
    words = printed_words(thai_doc)
    assert len(words) > 100
    assert missing_words(words, pdftotext(thai_pdf)) == []


def test_word_check_tolerates_words_broken_across_cell_lines() -> None:
    assert missing_words({"ขั้นตอน", "ปฏิบัติ"}, "ก ขั้น\nตอน ข\nปฏิ") == ["ปฏิบัติ"]


def test_pdf_text_has_no_doubled_thai_clusters(thai_pdf: bytes) -> None:
    # typst 0.15 writes "ขั้ขั้นตอน" for "ขั้นตอน" in the text layer (see pdf_text.py).
    text = pdftotext(thai_pdf)
    doubled = re.findall(r"([ก-ฮ][ัิีึื็]?[่้๊๋์])\1", text)
    assert doubled == []
    assert "ขั้ขั้" not in text
    assert text.count("ขั้นตอน/วิธีการปฏิบัติ") >= 2  # the bold header, on several pages


def cell_text(cell: m.Cell, digits: m.Digits, *, labels: bool = True) -> str:
    """The cell's text, squashed; `labels=False` without the numbers of numbered lists (Word
    numbers them itself)."""
    parts: list[str] = []
    for item in cell.content:
        if isinstance(item, m.Paragraph):
            parts.append(item.text)
        else:
            for i, p in enumerate(item.paragraphs()):
                label = (
                    m.numbered_label(item, i, digits) if labels or item.marker != "number" else ""
                )
                parts.append(label + p.text)
    return squash("".join(parts))


def test_every_table_cell_comes_out_whole_once_and_in_order(
    thai_doc: m.Document, thai_pdf: bytes
) -> None:
    table = m.localise(thai_doc, "thai").sections[1].blocks[2]
    assert isinstance(table, m.Table)
    words, sizes = pdf_words(thai_pdf)
    pages = range(2, 2 + sum(1 for w, h in sizes[1:] if w > h))  # the landscape pages
    width = sizes[1][0]
    left, right = 3 / 2.54 * 72, width - 2 / 2.54 * 72
    edges, x = [left], left
    for fraction in table.fractions:
        x += fraction * (right - left)
        edges.append(x)
    edges[-1] += 1
    # Everything down to the last header row (repeated on each page) is left out.
    below = {}
    for page in pages:
        header = [w.y1 for w in words if w.page == page and w.text == "ระยะเวลาดำเนินการ"]
        assert header, f"no repeated header on page {page}"
        below[page] = min(header)
    streams = column_streams(words, pages, edges, below)
    nhead = len(table.header_rows)
    # An issue that goes on to the next page is repeated there with "(ต่อ)" (checked in
    # test_a_row_group_continued_on_the_next_page_repeats_its_label): not a cell's text.
    for row in table.rows:
        if row and row[0].rowspan > 1:
            streams[0] = streams[0].replace(squash(row[0].text + "(ต่อ)"), "")
    cursor = [0] * len(table.columns)
    for (row, col), cell in sorted(table.positions().items()):
        if row < nhead:
            continue
        expected = cell_text(cell, "thai")
        found = streams[col].find(expected, cursor[col])
        assert found == cursor[col], (
            row,
            col,
            expected,
            streams[col][cursor[col] : cursor[col] + 80],
        )
        cursor[col] = found + len(expected)
    assert cursor == [len(s) for s in streams]  # nothing left over, nothing doubled


def test_paragraphs_come_out_whole_and_in_order(thai_doc: m.Document, thai_pdf: bytes) -> None:
    text = squash(pdftotext(thai_pdf))
    local = m.localise(thai_doc, "thai")
    for block in local.sections[0].blocks:
        if isinstance(block, m.Paragraph):
            assert squash(block.text) in text


def test_typst_special_characters_come_out_literally(thai_pdf: bytes) -> None:
    # Proves the document travels as data: none of # $ * _ < @ [ ] \ " is read as markup.
    assert squash(m.localise_text(SPECIAL, "thai")) in squash(pdftotext(thai_pdf))


def test_markup_in_every_kind_of_block_is_literal() -> None:
    nasty = '#set page(width: 1cm) $x^2$ *b* _i_ <l> @r [c] \\ "q" // not a comment'
    doc = m.Document.of(
        nasty,
        m.Heading(nasty),
        m.Paragraph(nasty),
        m.NumberedList([nasty]),
        m.Table([m.Column(nasty)], [[nasty]], title=nasty),
        m.SignatureBlock(nasty, [nasty]),
        m.Memo(nasty, nasty, nasty, nasty, nasty),
        digits="arabic",
    )
    text = pdftotext(render(doc, "pdf"))
    assert text.count(nasty) >= 1
    assert squash(text).count(squash(nasty)) >= 11


def test_fonts_are_embedded_real_sarabun_regular_and_bold(thai_pdf: bytes) -> None:
    result = subprocess.run(
        [poppler("pdffonts"), "-"], input=thai_pdf, capture_output=True, check=True
    )
    rows = [line.split() for line in result.stdout.decode().splitlines()[2:]]
    fonts = {row[0].split("+")[-1]: row for row in rows}
    assert {"Sarabun-Regular", "Sarabun-Bold"} <= fonts.keys()
    for row in rows:
        emb, sub, uni = row[-5], row[-4], row[-3]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_long_table_spans_pages_and_repeats_its_header(thai_pdf: bytes) -> None:
    assert page_count(thai_pdf) > 3
    page2, page3 = pdftotext(thai_pdf, 2, 2), pdftotext(thai_pdf, 3, 3)
    for header in ("ขั้นตอน/วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ", "การดำเนินงาน"):
        assert header in page2 and header in page3
    assert "(ต่อ)" not in page2
    assert "ตารางที่ ๑ มาตรการส่งเสริมคุณธรรมและความโปร่งใส (ต่อ)" in page3


def test_page_numbers_are_thai_digits_from_the_second_page(thai_pdf: bytes) -> None:
    words, sizes = pdf_words(thai_pdf)
    assert top_line(words, 1) == ""
    assert [top_line(words, page) for page in range(2, len(sizes) + 1)] == [
        f"- {m.localise_text(str(page), 'thai')} -" for page in range(2, len(sizes) + 1)
    ]


def test_arabic_digit_style_leaves_no_thai_digit_anywhere(arabic_pdf: bytes) -> None:
    text = pdftotext(arabic_pdf)
    assert not set(THAI_DIGITS) & set(text)
    words, _ = pdf_words(arabic_pdf)
    assert top_line(words, 2) == "- 2 -"
    assert "2567" in text


def test_thai_digit_style_keeps_arabic_digits_only_where_asked(thai_pdf: bytes) -> None:
    text = pdftotext(thai_pdf)
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"\bi[0-9]+\b", "", text)  # ITA codes marked keep_digits in the sample
    assert re.findall(r"[0-9]", text) == []
    assert set(THAI_DIGITS) <= set(text)


def test_sections_switch_between_portrait_and_landscape(thai_pdf: bytes) -> None:
    result = subprocess.run(
        [poppler("pdfinfo"), "-f", "1", "-l", "3", "-"],
        input=thai_pdf,
        capture_output=True,
        check=True,
    )
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", result.stdout.decode())
    (w1, h1), (w2, h2) = (tuple(map(float, s)) for s in sizes[:2])
    assert w1 < h1  # memo: portrait
    assert w2 > h2  # plan table: landscape


def test_chart_image_is_placed_in_the_pdf(thai_pdf: bytes) -> None:
    result = subprocess.run(
        [poppler("pdfimages"), "-list", "-"], input=thai_pdf, capture_output=True, check=True
    )
    assert len(result.stdout.decode().splitlines()) >= 3  # two header lines + the chart


MEMO_BODY = [
    "ตามที่องค์การบริหารส่วนตำบลหนองคันทรอง ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการ"
    "ดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment : ITA) ประจำปีงบประมาณ "
    "พ.ศ.2566 และได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
    "พ.ศ.2567 เพื่อแก้ไขข้อบกพร่องและพัฒนาการดำเนินงานของหน่วยงานให้ดีขึ้น นั้น",
    "บัดนี้ ได้ติดตามผลการดำเนินการตามมาตรการดังกล่าว รอบ 6 เดือน (ตุลาคม 2566 ถึง มีนาคม 2567) แล้ว "
    "จากมาตรการทั้งหมด 12 มาตรการ ดำเนินการแล้ว 8 มาตรการ อยู่ระหว่างดำเนินการ 3 มาตรการ "
    "ยังไม่ดำเนินการ 1 มาตรการ มาตรการที่ยังไม่แล้วเสร็จตามกำหนด 1 มาตรการ ได้ระบุสาเหตุ "
    "ปัญหาอุปสรรค และข้อเสนอแนะไว้แล้ว รายละเอียดตามรายงานที่แนบมาพร้อมนี้",
    "จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบ ขอได้โปรดลงนาม และอนุญาตให้เผยแพร่รายงานดังกล่าว"
    "บนเว็บไซต์ของหน่วยงานต่อไป",
]


def memo_lines(align: m.Align) -> tuple[list[list[Word]], float]:
    """The memo body's lines (word boxes left to right), and the right edge of the text."""
    head = m.Memo(unit="สำนักปลัด", ref="ที่", date="วันที่", subject="เรื่อง", to="นายก")
    body = [m.Paragraph(p, indent_first_line=True, align=align) for p in MEMO_BODY]
    pdf = render(m.Document("memo", [m.Section([head, *body])]), "pdf")
    words, sizes = pdf_words(pdf)
    lines: dict[float, list[Word]] = {}
    for w in words:
        if w.page == 1:
            lines.setdefault(round(w.y0), []).append(w)
    ordered = [sorted(ws, key=lambda w: w.x0) for _, ws in sorted(lines.items())]
    start = next(i for i, line in enumerate(ordered) if line[0].text == "เรียน") + 1
    right = sizes[0][0] - 2 / 2.54 * 72  # 2 cm right margin
    return ordered[start:], right


def gaps(line: list[Word]) -> list[float]:
    return [b.x0 - a.x1 for a, b in itertools.pairwise(line)]


def test_justified_memo_lines_spread_between_letters_not_into_wide_spaces() -> None:
    """Thai distributed justification, as in the DOCX ("thaiDistribute"): a full line's slack
    goes between the letter clusters, so no gap between words is much wider than a space."""
    plain, _ = memo_lines("left")
    space = min(g for line in plain for g in gaps(line))  # a natural space
    lines, right = memo_lines("justify")
    full = [line for line in lines if line[-1].x1 > right - 3]  # every line but the last ones
    assert len(full) >= 6
    widest = max(g for line in full for g in gaps(line))
    assert widest <= 1.6 * space, f"a gap of {widest:.1f} pt (a space is {space:.1f} pt)"


def test_justified_memo_text_keeps_its_words_whole() -> None:
    """The letter spacing stays below the gap at which pdftotext starts a new word: every
    extracted line is a piece of the typed text, no space added inside a word."""
    lines, _ = memo_lines("justify")
    typed = " ".join(unmark(mark(m.localise_text(p, "thai"))) for p in MEMO_BODY)
    for line in lines:
        text = " ".join(w.text for w in line)
        assert text in typed, text


def body_tops(pdf: bytes, header: str) -> dict[int, tuple[float, list[Word]]]:
    """For each page with the table's header: the y where its body starts (below the header
    word) and the body's words, top to bottom."""
    words, _sizes = pdf_words(pdf)
    out: dict[int, tuple[float, list[Word]]] = {}
    for page in sorted({w.page for w in words}):
        head = [w.y1 for w in words if w.page == page and w.text == header]
        if head:
            below = [w for w in words if w.page == page and w.y0 > max(head)]
            out[page] = (max(head), sorted(below, key=lambda w: (round(w.y0), w.x0)))
    return out


LONG = "ขั้นตอนการดำเนินงานที่ต้องอธิบายให้ครบถ้วนและชัดเจน " * 6


def test_a_row_group_continued_on_the_next_page_repeats_its_label() -> None:
    """A rowspan (an issue over its measures) that goes on over a page break: the next page
    starts its first column with the issue and "(ต่อ)", at the top, level with the other
    columns' first line."""
    rows: list[list[m.CellLike]] = []
    for g in range(3):
        for i in range(5):
            row: list[m.CellLike] = []
            if i == 0:
                row.append(m.Cell(f"ประเด็นที่ {g + 1} การเปิดเผยข้อมูล", rowspan=5, bold=True))
            row += [f"มาตรการย่อย {g + 1}.{i + 1}", LONG]
            rows.append(row)
    table = m.Table([m.Column("ประเด็น"), m.Column("มาตรการ"), m.Column("ขั้นตอน", 3)], rows)
    pdf = render(m.Document("t", [m.Section([table], "landscape")]), "pdf")
    pages = body_tops(pdf, "ขั้นตอน")
    assert len(pages) >= 3
    edge = 3 / 2.54 * 72 + (pages_width(pdf) - 5 / 2.54 * 72) / 5  # the first column's right
    continued = 0
    for page, (_top, words) in pages.items():
        first_column = [w for w in words if w.x1 < edge]
        top = min(w.y0 for w in first_column)
        label = squash(" ".join(w.text for w in first_column if w.y0 < top + 30))
        assert label.startswith("ประเด็นที่"), (page, label)
        if page > 1 and label.endswith("(ต่อ)"):
            continued += 1
            others = [w for w in words if w.x0 > edge and abs(w.y0 - top) < 2]
            assert others, f"page {page}: the label is not level with the first line"
    assert continued >= 1
    assert squash(pdftotext(pdf)).count("(ต่อ)") == continued


def pages_width(pdf: bytes) -> float:
    return pdf_words(pdf)[1][0][0]


def test_a_row_broken_over_a_page_repeats_its_measure_with_ต่อ() -> None:
    """A single row taller than a page: its parts on the next pages start with the measure's
    name and "(ต่อ)" in the first column."""
    rows: list[list[m.CellLike]] = [
        [m.Cell(m.Paragraph("มาตรการที่หนึ่ง", bold=True)), "ก"],
        [m.Cell([m.Paragraph("มาตรการเผยแพร่ข้อมูล", bold=True), "i19"]), LONG * 20],
    ]
    table = m.Table([m.Column("มาตรการ"), m.Column("ขั้นตอน", 3)], rows)
    pdf = render(m.Document("t", [m.Section([table], "landscape")]), "pdf")
    assert page_count(pdf) == 3
    assert "(ต่อ)" not in pdftotext(pdf, 1, 1)
    for page in (2, 3):  # each page the row goes on to, before its text
        text = pdftotext(pdf, page, page)
        assert text.count("(ต่อ)") == 1
        assert text.index("มาตรการเผยแพร่ข้อมูล (ต่อ)") < text.index("ขั้นตอนการดำเนินงาน")


def test_group_rows_repeat_with_ต่อ_at_the_top_of_the_pages_their_group_goes_on_to() -> None:
    """A tool and its indicator (group rows, nested) are repeated under the header of each
    page their measures go on to, with "(ต่อ)"; a new group row replaces its level."""
    rows: list[list[m.CellLike]] = []
    for tool in range(2):
        rows.append([m.Cell(f"เครื่องมือที่ {tool + 1}", colspan=2, bold=True)])
        for ind in range(2):
            name = f"ตัวชี้วัดที่ {tool + 1}.{ind + 1}"
            rows.append([m.Cell(name, colspan=2, bold=True, group_level=2)])
            rows += [[f"มาตรการ {tool + 1}.{ind + 1}.{i + 1}", LONG] for i in range(6)]
    table = m.Table([m.Column("มาตรการ"), m.Column("ขั้นตอน", 3)], rows)
    pdf = render(m.Document("t", [m.Section([table], "landscape")]), "pdf")
    pages = body_tops(pdf, "ขั้นตอน")
    assert len(pages) >= 4
    current = ["", ""]  # the tool and the indicator in force at the end of each page
    for page, (_top, words) in pages.items():
        lines: dict[int, str] = {}
        for w in words:
            lines[round(w.y0)] = lines.get(round(w.y0), "") + w.text
        texts = [squash(t) for _y, t in sorted(lines.items())]
        if page > 1 and not texts[0].startswith("เครื่องมือ"):
            # the page goes on with the tool and the indicator of the page before
            assert texts[:2] == [current[0] + "(ต่อ)", current[1] + "(ต่อ)"], (page, texts[:3])
        elif page > 1 and not texts[1].startswith("ตัวชี้วัด"):
            assert texts[0] == current[0] + "(ต่อ)", (page, texts[:3])
        for t in texts:
            if t.startswith("เครื่องมือที่") and not t.endswith("(ต่อ)"):
                current[0] = t
            elif t.startswith("ตัวชี้วัดที่") and not t.endswith("(ต่อ)"):
                current[1] = t


def signed_table(rows: int) -> m.Document:
    table = m.Table(
        [m.Column("ลำดับ", 1), m.Column("รายการ", 4)],
        [[m.Cell(str(i)), m.Cell(f"รายการที่ {i}")] for i in range(1, rows + 1)],
    )
    return m.Document.of(
        "t",
        m.Paragraph("หัวเรื่อง"),
        table,
        m.SignatureBlock("นายสมชาย ใจดี", ["ปลัด"]),
        digits="arabic",
    )


def test_a_signature_after_a_table_keeps_the_tables_last_row_on_its_page() -> None:
    """Tables of 32 to 37 rows end at the foot of the first page: the signature after them
    (without a paragraph between) goes on to the next page with the table's last row, under
    the repeated header, never alone (the risk report's signature stood alone on page 2)."""
    for rows in range(32, 38):
        pdf = render(signed_table(rows), "pdf")
        pages = [pdftotext(pdf, n, n) for n in range(1, page_count(pdf) + 1)]
        signed = next(p for p in pages if "ลงชื่อ" in p)
        assert f"รายการที่ {rows}" in signed, rows
        assert "(นายสมชาย ใจดี)" in signed and "ปลัด" in signed
