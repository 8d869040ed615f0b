"""Thai line breaks between words only: the marks `thaibreak` puts in, and what the renderers
make of them (lines break between words, the text layer has no invisible characters)."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from prongsai.documents import model as m
from prongsai.documents import render
from prongsai.documents.thaibreak import NBSP, WJ, ZWSP, mark, unmark
from tests.documents.conftest import pdftotext
from tests.documents.pdfwords import breaks_inside

VOCABULARY = frozenset({"หนองคันทรอง", "นายสมชาย ใจงาม", "นายวีรยุทธ ศรีสุข"})


def words(marked: str) -> list[str]:
    return [w.replace(WJ, "") for w in marked.replace(NBSP, " ").replace(ZWSP, " ").split()]


def test_it_allows_breaks_between_words_and_none_inside_them() -> None:
    marked = mark("ระยะเวลาดำเนินการ", VOCABULARY)
    assert words(marked) == ["ระยะเวลา", "ดำเนินการ"]
    assert WJ in marked  # the clusters of each word are joined


def test_it_keeps_the_agencys_names_and_people_whole() -> None:
    marked = mark("องค์การบริหารส่วนตำบลหนองคันทรอง โดยนายวีรยุทธ ศรีสุข และใจงาม", VOCABULARY)
    assert "หนองคันทรอง" in words(marked)
    assert "วีรยุทธ" + NBSP + "ศรีสุข" in marked.replace(WJ, "").replace(ZWSP, "")
    assert "ใจงาม" in words(marked)


def test_it_keeps_months_and_dates_together() -> None:
    marked = mark("ภายใน ๓๐ กันยายน พ.ศ. ๒๕๖๗ ประจำปีงบประมาณ พ.ศ. 2567")
    plain = marked.replace(WJ, "").replace(ZWSP, "")
    assert "๓๐" + NBSP + "กันยายน" in plain
    assert "พ.ศ." + NBSP + "๒๕๖๗" in plain
    assert "ประจำปีงบประมาณ" + NBSP + "พ.ศ." in plain  # a title never breaks before the year
    assert "กันยายน" in words(marked)


def test_vocabulary_wins_a_tie_in_the_tokeniser() -> None:
    # newmm finds "กำหนด|มาตร|การควบคุม" as good as "กำหนด|มาตรการ|ควบคุม"
    assert "มาตรการ" in words(mark("กำหนดมาตรการควบคุม"))


def test_marks_never_split_a_letter_from_its_marks() -> None:
    for word in ("เรื่อง", "น้ำ", "ขั้นตอน", "ปั้น"):
        for piece in mark(word).split(WJ):
            assert piece and not "\u0e31" <= piece[0] <= "\u0e3a" and piece[0] not in "่้๊๋์ำ"


def test_docx_marks_only_the_vocabulary_and_unmark_restores_the_text() -> None:
    text = "องค์การบริหารส่วนตำบลหนองคันทรอง ได้ดำเนินการตามมาตรการ"
    marked = mark(text, VOCABULARY, glue="vocabulary")
    assert unmark(marked) == text
    assert WJ.join("หนอง") in marked  # the agency's name is joined
    assert ZWSP + "ตาม" + ZWSP in marked  # an everyday word is not


def test_latin_text_is_left_alone() -> None:
    assert mark("https://www.example.go.th/ita o42 i19") == "https://www.example.go.th/ita o42 i19"


def narrow_table() -> m.Document:
    texts = ["องค์การบริหารส่วนตำบลหนองคันทรอง", "นายวีรยุทธ ศรีสุข", "ภายใน ๓๐ กันยายน ๒๕๖๗"]
    rows = [[text, "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบโครงการ"] for text in texts]
    columns = [m.Column("ผู้รับผิดชอบ", 1), m.Column("ระยะเวลา", 1), m.Column("ดำเนินการ", 1)]
    table = m.Table(columns, rows)
    section = m.Section([m.Paragraph("x"), table], orientation="portrait")
    doc = m.Document("t", [section], vocabulary=tuple(VOCABULARY))
    # three narrow columns in a narrow page: force breaks
    doc.sections[0].blocks[1] = m.Table(columns * 3, [row * 3 for row in rows])
    return doc


def test_pdf_lines_break_between_words_and_the_text_layer_is_clean() -> None:
    pdf = render(narrow_table(), "pdf")
    text = pdftotext(pdf)
    assert ZWSP not in text and WJ not in text
    terms = {"หนองคันทรอง", "วีรยุทธ", "ศรีสุข", "กันยายน", "ดำเนินการ", "ผู้รับผิดชอบ"}
    assert breaks_inside(pdf, terms) == []


def test_docx_runs_carry_the_break_marks() -> None:
    data = render(narrow_table(), "docx")
    body = docx.Document(io.BytesIO(data)).element.body
    text = "".join(t.text or "" for t in body.iter(qn("w:t")))
    assert ZWSP in text
    assert WJ.join("หนอง") in text


def test_a_table_cell_may_break_before_the_year_a_title_may_not() -> None:
    text = "ตลอดปีงบประมาณ พ.ศ.๒๕๖๗"

    def plain(marked: str) -> str:
        return marked.replace(WJ, "").replace(ZWSP, "")

    assert "ปีงบประมาณ" + NBSP + "พ.ศ." + NBSP + "๒๕๖๗" in plain(mark(text))
    assert "ปีงบประมาณ พ.ศ." + NBSP + "๒๕๖๗" in plain(mark(text, year_glue=False))
    doc = m.Document.of("t", m.Heading(text), m.Table([m.Column("ก", 1)], [[text]]))
    heading, table = m.mark_breaks(doc, glue="all").sections[0].blocks
    assert isinstance(heading, m.Heading) and NBSP + "พ.ศ." in heading.text
    assert isinstance(table, m.Table) and " พ.ศ." in plain(table.rows[0][0].text)


def test_no_text_runs_over_a_narrow_cells_rules_in_the_pdf() -> None:
    """The annual report's duration column: "ตลอดปีงบประมาณ พ.ศ.๒๕๖๗" glued before the year
    was wider than the cell and ran over the rules on both sides (read from the PDF's glyph
    positions and the table's vertical rules)."""
    import pdfplumber

    text = "ตลอดปีงบประมาณ พ.ศ.๒๕๖๗"
    columns = [m.Column("วิธีการ", 3), m.Column("ระยะเวลา", 1), m.Column("ผล", 4)]
    row = [m.Cell(""), m.Cell(text, align="center"), m.Cell("")]
    pdf = render(m.Document.of("t", m.Table(columns, [row])), "pdf")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        rules = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v"})
        chars = [c for c in page.chars if c["text"].strip()]
    assert len(rules) == 4, rules
    left, right = rules[1], rules[2]  # the narrow column
    body = [c for c in chars if c["top"] > chars[0]["bottom"] + 2]  # below the header row
    assert "".join(c["text"] for c in body).count("๒๕๖๗") == 1
    over = [c["text"] for c in body if c["x0"] < left - 0.5 or c["x1"] > right + 0.5]
    assert over == []


def test_a_compound_too_long_to_glue_breaks_only_between_its_words() -> None:
    """ "ห้างหุ้นส่วนจำกัด" (17 letters) is one dictionary entry, too long to glue whole: left to
    typst it broke as "ห้างหุ้นส่วนจำ/กัด" in the No Gift report's narrow giver column."""
    assert words(mark("ห้างหุ้นส่วนจำกัด รุ่งเรืองการค้า")) == [
        "ห้างหุ้นส่วน",
        "จำกัด",
        "รุ่งเรือง",
        "การค้า",
    ]
    assert words(mark("องค์การบริหารส่วนตำบลหนองคันทรอง", VOCABULARY)) == [
        "องค์การ",
        "บริหาร",
        "ส่วน",
        "ตำบล",
        "หนองคันทรอง",
    ]
    for width in (1.2, 1.4, 1.6, 1.8):  # at 1.6 typst cut "จำ/กัด" before
        columns = [m.Column("ที่", 1), m.Column("ผู้ให้", width), m.Column("โอกาส", 8)]
        row = [m.Cell("๑"), m.Cell("ห้างหุ้นส่วนจำกัด รุ่งเรืองการค้า"), m.Cell("ปีใหม่")]
        pdf = render(m.Document.of("t", m.Table(columns, [row])), "pdf")
        assert breaks_inside(pdf, {"จำกัด", "ห้างหุ้นส่วน", "รุ่งเรือง"}) == [], width


def test_a_documents_own_words_are_used_for_it_only_and_the_dictionary_is_built_once() -> None:
    """Each agency's names join the tokeniser's trie while its text is marked and leave it after:
    a trie of its own per agency cost 0.8 s to build (a third of a worker's time)."""
    from prongsai.documents import thaibreak

    thaibreak._base_trie()
    words_before = len(thaibreak._base_trie())
    name = "ตำบลบ้านกรวดน้อย"
    text = f"ประชุมที่{name}ทุกเดือน"

    assert name in mark(text, {name}).replace(WJ, "")  # the agency's name is one word
    assert name not in mark(text).replace(WJ, "")  # for another document it is four
    mark("ประชุมที่สำนักงานทุกเดือน", {"สำนักงานเทศบาลตำบลหนองปลาไหลใหญ่"})
    assert len(thaibreak._base_trie()) == words_before  # the names were taken out again
    assert thaibreak._base_trie.cache_info().misses == 1
