"""The corrections of OCR text: misread Thai words, years against the fiscal year, quarters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from prongsai.docimport import extract, ocr_fix
from prongsai.docimport.ocr_fields import correct_quarters, correct_years, fiscal_year_of
from prongsai.docimport.ocr_fix import correct_document, correct_text
from prongsai.docimport.ocr_words import correct_words
from prongsai.docimport.pdf_tables import TableBlock, TextBlock

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("เมือวันที", "เมื่อวันที่"),  # marks dropped
        ("ทกไตรมาส", "ทุกไตรมาส"),
        ("ปกปิดชือผู้แจ้ง", "ปกปิดชื่อผู้แจ้ง"),
        ("การก้ากับดูแล", "การกำกับดูแล"),  # sara am read as mai tho and sara aa
        ("ท้าคู่มือ", "ทำคู่มือ"),
        ("ส้านักปลัด", "สำนักปลัด"),
        ("ดาเนินการ", "ดำเนินการ"),  # sara am without its circle
        ("ตูลาคม", "ตุลาคม"),  # month names
        ("มูกราคม", "มกราคม"),
        ("มนาคม", "มีนาคม"),
        ("ฮธินวาคม", "ธันวาคม"),  # a stray ฮ and a confused vowel
        ("ขี้แจง", "ชี้แจง"),  # look-alike consonants
        ("ประพฤติมิซอบ", "ประพฤติมิชอบ"),
        ("ตำเนินการ", "ดำเนินการ"),
        ("ซ่องทาง", "ช่องทาง"),
        ("ไห้บริการ", "ให้บริการ"),  # leading vowels
        ("การใไห้บริการ", "การให้บริการ"),
        ("เตรมาส", "ไตรมาส"),
        ("ตัวชีวัดที 4", "ตัวชี้วัดที่ 4"),
        ("ขันตอน/วิธีการ", "ขั้นตอน/วิธีการ"),
        ("ปฏิบัติหน้าทีภายในหน่วยงาน", "ปฏิบัติหน้าที่ภายในหน่วยงาน"),  # "ที" alone is "ที่"
    ],
)
def test_misread_thai_words_are_put_right(read: str, meant: str) -> None:
    assert correct_words(read) == meant


@pytest.mark.parametrize(
    "text",
    [
        "ทีมงานทีละขั้น",  # words that start with ที
        "เมษายน - มิถุนายน 2567",  # "นาย" inside a month is no title
        "อบต.หนองคันทร้ง ทต.หนองบัวงาร",  # names after a unit's abbreviation, as written
        "นายสมชาย อินทรโชติ",  # a titled name and its surname
        "องค์การบริหารส่วนตำบลบ้านปรก",
        "ความเสียงดัง",  # a common word is never traded for another common word
        "Integrity and Transparency (ITA) 2567",
    ],
)
def test_correct_words_and_names_are_left_alone(text: str) -> None:
    assert correct_words(text) == text


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []


def test_the_text_layer_of_the_corpus_is_not_corrected() -> None:
    """Every string of the expected records (what the text-layer PDFs and DOCX say) comes out
    of the corrector unchanged: no false corrections."""
    strings = {
        s
        for path in sorted(CORPUS.glob("*.expected.json"))
        for s in _strings(json.loads(path.read_text(encoding="utf-8")))
    }
    assert len(strings) > 200
    changed = {s: correct_text(s) for s in strings if correct_text(s) != s}
    assert changed == {}
    assert correct_years(sorted(strings), TODAY) == sorted(strings)


def test_the_fiscal_year_is_the_one_the_misread_years_fit_best() -> None:
    texts = [
        "ประจำปีงบประมาณ พ.ศ. ๒๕๒๕",  # ๖ read as ๒, ๗ as ๕
        "ช่วงเดือนตุลาคม ๒๕๒๐ - มีนาคม ๒๕๒๓",
        "ดำเนินการเมื่อวันที่ ๕ ธันวาคม พ.ศ. ๒๕๖๖",
    ]
    assert fiscal_year_of(texts, TODAY) == 2567
    assert correct_years(texts, TODAY) == [
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        "ช่วงเดือนตุลาคม ๒๕๖๖ - มีนาคม ๒๕๒๓",  # two plain misreads away: left for the reader
        "ดำเนินการเมื่อวันที่ ๕ ธันวาคม พ.ศ. ๒๕๖๖",
    ]


def test_plausible_years_are_never_changed() -> None:
    texts = [
        "ปีงบประมาณ พ.ศ. 2567",
        "ตามพระราชบัญญัติการจัดซื้อจัดจ้าง พ.ศ. 2560",  # a law of another year
        "ประกาศ ณ วันที่ 1 ตุลาคม 2565",  # a real date before the fiscal year
        "ลงวันที่ 10 ตุลาคม 2506",  # implausible, one digit from 2566 (October: FY-1)
    ]
    assert correct_years(texts, TODAY) == [*texts[:3], "ลงวันที่ 10 ตุลาคม 2566"]


def test_years_are_left_alone_when_the_document_does_not_tell_its_fiscal_year() -> None:
    assert fiscal_year_of(["ไม่มีปี"], TODAY) is None
    # one year alone does not tell: ๒๕๒๕ could be 2565 (๖ read as ๒) or 2567 (and ๗ as ๕)
    assert correct_years(["เดือนมีนาคม ๒๕๒๕"], TODAY) == ["เดือนมีนาคม ๒๕๒๕"]


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("ไตรมาส ๕", "ไตรมาส ๔"),
        ("ไตรมาส ๑-๕", "ไตรมาส ๑-๔"),
        ("ไตรมาส ®", "ไตรมาส ๑"),
        ("ไตรมาส 2-4", "ไตรมาส 2-4"),
        ("ข้อ ๕", "ข้อ ๕"),
    ],
)
def test_quarters_are_one_to_four(read: str, meant: str) -> None:
    assert correct_quarters(read) == meant


def test_noise_between_thai_words_is_dropped_across_a_cells_lines() -> None:
    assert correct_text("เผยแพร่ข้อมูลการ ae ee จัดซ้อจัดจ้าง") == "เผยแพร่ข้อมูลการ จัดซื้อจัดจ้าง"
    assert correct_text("หน่วยงาน . ตอบ ~ ข้อซักถาม") == "หน่วยงาน ตอบ ข้อซักถาม"
    assert correct_text("ระบบ E-Service No Gift Policy") == "ระบบ E-Service No Gift Policy"
    assert correct_text("มกราคม - มีนาคม") == "มกราคม - มีนาคม"
    assert correct_text(", ดำเนินการแล้ว /.") == "ดำเนินการแล้ว"  # stray signs at the ends
    assert correct_text("ITA .") == "ITA ."


def test_a_scanned_documents_blocks_are_corrected_as_a_whole() -> None:
    pages: dict[int, list[TableBlock | TextBlock]] = {
        0: [TextBlock(0.0, "ประจำปีงบประมาณ พ.ศ. ๒๕๒๕")],
        1: [
            TableBlock(
                0.0,
                (0.0, 0.0, 1.0, 1.0),
                [0.0, 1.0],
                [["เผยแพร่ทกไตรมาส", "ดำเนินการเมือวันที ๓ ตุลาคม ๒๕๐๖"]],
            )
        ],
    }
    correct_document(pages, TODAY)
    assert isinstance(pages[0][0], TextBlock)
    assert pages[0][0].text == "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
    table = pages[1][0]
    assert isinstance(table, TableBlock)
    assert table.rows == [["เผยแพร่ทุกไตรมาส", "ดำเนินการเมื่อวันที่ ๓ ตุลาคม ๒๕๖๖"]]


def test_a_text_layer_pdf_never_goes_through_the_corrector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the OCR corrector ran on a text layer")

    monkeypatch.setattr(ocr_fix, "correct_document", refuse)
    extracted = extract((CORPUS / "plan_clean.pdf").read_bytes(), "plan_clean.pdf")
    assert extracted.source != "ocr"
    assert "ชี้แจงในที่ประชุมประจำเดือน" in extracted.text.replace(" ", "")


def test_an_ocr_issue_starts_with_the_code_ocr_damaged() -> None:
    from prongsai.core.ita_codes import scan_question_codes
    from prongsai.docimport.measures import _repaired_code_at_start

    known = {"i8", "i20", "e9"}
    for read, meant in [
        ("18 บุคลากรมีส่วนร่วมเพียงใด", "i8 บุคลากรมีส่วนร่วมเพียงใด"),  # the I read as 1
        ("120 การขออนุญาตยืมทรัพย์สิน", "i20 การขออนุญาตยืมทรัพย์สิน"),
        ("e9 หน่วยงานตอบข้อซักถาม", "e9 หน่วยงานตอบข้อซักถาม"),  # written right: as it is
        ("15 ข้อ ไม่ใช่รหัส", "15 ข้อ ไม่ใช่รหัส"),  # not a known code: a number
    ]:
        scan = scan_question_codes([read], known)
        assert _repaired_code_at_start(read, scan) == meant
