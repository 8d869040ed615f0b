"""The text-layer repair for typst's doubled Thai clusters (see pdf_text.py)."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
import typst
from pythainlp.corpus import thai_words

from prongsai.documents.pdf_text import fix_split_clusters
from prongsai.documents.render_pdf import fonts
from tests.documents.conftest import pdftotext, poppler, squash

STACKED = (
    "ขั้นตอน ปั่น ปั้น ปั๊ม กิ่ง กิ้ง ตั้ง ทั้ง นั้น รั้ว สั่ง ซึ่ง ยิ่ง ฟื้นฟู ปื้น ฟื่น ฝั่ง ดื้อ ที่ นี่ น้ำ"
    " ผู้ใหญ่ ญุ ฐุ ศึกษา ก็ ป้องกัน ฝ่าย ปี่ ปุ๋ย ฟ้อง ฝ้าย ปิ๊ป ผั้ง หั่น ถั่วงอก ชุณหปักษ์ ทุพภาษิต"
)


def raw_typst(weight: int) -> bytes:
    source = (
        "#set page(width: 16cm, height: auto, margin: 5mm)\n"
        f'#set text(font: "Sarabun", size: 11pt, lang: "th", weight: {weight})\n'
        "#sys.inputs.text\n"
    )
    return typst.compile(source.encode(), font_paths=fonts(), sys_inputs={"text": STACKED})


@pytest.mark.parametrize("weight", [400, 700])
def test_typst_alone_doubles_stacked_clusters_in_the_text_layer(weight: int) -> None:
    # Documents the upstream bug (typst issue #7610). If this fails, typst fixed it and
    # fix_split_clusters may be removable.
    assert "ขั้ขั้นตอน" in pdftotext(raw_typst(weight))


@pytest.mark.parametrize("weight", [400, 700])
def test_repaired_text_layer_gives_back_every_word_unchanged(weight: int) -> None:
    text = pdftotext(fix_split_clusters(raw_typst(weight)))
    assert text.split() == STACKED.split()


@pytest.mark.parametrize("weight", [400, 700])
def test_thousands_of_dictionary_words_come_back_character_for_character(weight: int) -> None:
    words = sorted(w for w in thai_words() if " " not in w)
    sample = random.Random(2567).sample(words, 3000)
    source = (
        "#set page(width: 16cm, height: auto, margin: 5mm)\n"
        f'#set text(font: "Sarabun", size: 11pt, lang: "th", weight: {weight})\n'
        "#sys.inputs.text\n"
    )
    pdf = typst.compile(source.encode(), font_paths=fonts(), sys_inputs={"text": " ".join(sample)})
    assert squash(pdftotext(fix_split_clusters(pdf))) == "".join(sample)


def test_repair_does_not_change_the_drawing(tmp_path: Path) -> None:
    raw = raw_typst(400)
    fixed = fix_split_clusters(raw)
    assert fixed != raw

    def png(pdf: bytes, name: str) -> bytes:
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(
            [poppler("pdftoppm"), "-r", "100", "-png", "-singlefile",
             str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
            check=True,
        )  # fmt: skip
        return (tmp_path / f"{name}.png").read_bytes()

    assert png(fixed, "fixed") == png(raw, "raw")


def test_repair_leaves_pdfs_without_the_problem_byte_identical() -> None:
    source = b'#set text(font: "Sarabun")\nHello 123'
    pdf = typst.compile(source, font_paths=fonts())
    assert fix_split_clusters(pdf) is pdf


def test_repair_returns_unreadable_input_unchanged() -> None:
    junk = b"%PDF-1.7\nnot really a pdf"
    assert fix_split_clusters(junk) is junk


@pytest.mark.seeds
def test_real_documents_text_comes_back_character_for_character(seeds_dir: Path) -> None:
    """The three real documents' text, as paragraphs: pdftotext gives back every character.
    (Hyphens are left out of the comparison: pdftotext joins a line ending in "-".)"""
    from prongsai.documents import model as m
    from prongsai.documents import render

    for path in sorted(seeds_dir.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        section = m.Section([m.Paragraph(m.Run(line, keep_digits=True)) for line in lines])
        section.page_numbers = False
        pdf = render(m.Document(path.name, [section], digits="arabic"), "pdf")
        got = squash(pdftotext(pdf)).replace("-", "")
        assert got == squash("".join(lines)).replace("-", ""), path.name
