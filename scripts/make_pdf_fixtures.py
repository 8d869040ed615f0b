"""The PDF fixtures of the importer's corpus, from DOCX written the way Word writes them.

    .venv/bin/python scripts/make_pdf_fixtures.py        (from the repository root)

For every DOCX of the corpus (tests/docimport/fixtures/corpus/NAME.docx: the seeds and our text
fixtures rebuilt as Word documents by scripts/make_import_fixtures.py), and for a plan built
here (`long_plan`: Word tables with merged cells, Word's numbering and typed numbers, in
tests/docimport/fixtures/plan_word_table.*), writes next to it:

    NAME.pdf          LibreOffice's export (`soffice --headless --convert-to pdf`), a text layer
    NAME.scan.pdf     the same pages as pictures only (pdftoppm at 150 dpi, saved back to a PDF
                      by Pillow; black and white for the corpus, as office scanners save them,
                      grey for plan_word_table, its first page): an agency's scanned copy

and plan_10pages.pdf (a plan of 10 pages, for `prongsai bench import`). LibreOffice is given
the Sarabun fonts the project ships (fontpkg-sarabun) through a fontconfig file of its own, so
the PDFs carry real Thai glyphs even where the system has no Thai font. Needs soffice and
pdftoppm (scripts/system-deps.sh installs both).
"""

# ruff: noqa: S603, S607 - fixed commands on files this script writes

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "docimport" / "fixtures"
CORPUS = FIXTURES / "corpus"  # NAME.docx → NAME.pdf, NAME.scan.pdf (docs/import-schema.md)
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.docimport.docx_build import (  # noqa: E402
    DECIMAL,
    fill_cell,
    merge_down,
    new_document,
    to_bytes,
)

ISSUES = [
    ("การปฏิบัติหน้าที่", "i1", "บุคลากรบางส่วนยังไม่ทราบแนวทางการปฏิบัติงานที่โปร่งใส"),
    ("การใช้งบประมาณ", "i7", "บุคลากรไม่ทราบข้อมูลงบประมาณของหน่วยงาน"),
    ("การใช้อำนาจ", "i13", "การมอบหมายงานยังไม่เป็นธรรมในความเห็นของบุคลากรบางส่วน"),
    ("การใช้ทรัพย์สินของราชการ", "i19", "การยืมทรัพย์สินของราชการยังไม่มีขั้นตอนที่ชัดเจน"),
    ("การแก้ไขปัญหาการทุจริต", "i25", "ผู้บริหารยังไม่ได้ประกาศเจตจำนงสุจริตต่อบุคลากร"),
    ("คุณภาพการดำเนินงาน", "e4", "ผู้รับบริการบางรายเคยถูกเรียกรับสิ่งของนอกเหนือค่าธรรมเนียม"),
    ("ประสิทธิภาพการสื่อสาร", "e8", "ผู้รับบริการไม่ทราบช่องทางติชมการให้บริการ"),
    ("การปรับปรุงระบบการทำงาน", "e13", "ยังไม่มีระบบการให้บริการออนไลน์ที่ครบถ้วน"),
    ("การเปิดเผยข้อมูล", "o1", "ข้อมูลพื้นฐานบนเว็บไซต์ยังไม่ครบถ้วนตามแบบตรวจ"),
    ("การเปิดเผยข้อมูล", "o10", "แผนการใช้จ่ายงบประมาณประจำปียังไม่ได้เผยแพร่"),
    ("การป้องกันการทุจริต", "o33", "ยังไม่มีการประเมินความเสี่ยงการทุจริตประจำปี"),
    ("การป้องกันการทุจริต", "o36", "ยังไม่ได้จัดทำแผนปฏิบัติการป้องกันการทุจริต"),
]
STEPS = [
    "จัดประชุมชี้แจงแนวทางให้บุคลากรทุกคนทราบ และบันทึกรายงานการประชุมไว้เป็นหลักฐาน",
    "จัดทำคู่มือหรือประกาศแนวปฏิบัติ และเผยแพร่บนเว็บไซต์ของหน่วยงาน",
    "ติดตามผลการดำเนินการทุกไตรมาส และรายงานผู้บริหารทราบ",
]
MONTHS = ["มกราคม - มีนาคม ๒๕๖๗", "ไตรมาส ๒-๓", "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๗"]
UNITS = ["สำนักปลัด", "กองคลัง", "กองช่าง"]


def long_plan(measures: int = 12, repeat: int = 1) -> bytes:
    """A plan in layout A: a two-row header (a merged header cell), issue cells merged down
    over two question rows, steps numbered by Word or typed in, every measure its own row."""
    document = new_document()
    document.add_paragraph("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    document.add_paragraph("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗")
    document.add_paragraph("องค์การบริหารส่วนตำบลโคกสำราญใต้ อำเภอบ้านแฮด จังหวัดขอนแก่น")
    rows = [ISSUES[n % len(ISSUES)] for n in range(measures * repeat)]
    table = document.add_table(rows=2 + 2 * len(rows), cols=6)
    table.style = "Table Grid"
    header = ["ประเด็น", "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ", "", "ขั้นตอน/วิธีการปฏิบัติ",
              "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ"]  # fmt: skip
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(1, 1).text = "ข้อคำถาม"
    table.cell(1, 2).text = "ข้อค้นพบ"
    merge_down(table, 0, 0, 1)
    for number, (issue, code, finding) in enumerate(rows, start=1):
        top = 2 * number
        digits = str(number).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        fill_cell(table.cell(top, 0), f"{digits}. {issue}")
        fill_cell(table.cell(top, 1), f"{code} ท่านทราบแนวปฏิบัติของหน่วยงานเรื่อง{issue}มากน้อยเพียงใด")
        fill_cell(table.cell(top, 2), finding)
        if number % 2:  # Word's automatic numbering (LibreOffice numbers on across cells)
            fill_cell(table.cell(top, 3), STEPS, numbering=DECIMAL)
        else:  # numbers typed in, one paragraph each
            fill_cell(table.cell(top, 3), [f"{n}. {step}" for n, step in enumerate(STEPS, 1)])
        fill_cell(table.cell(top, 4), MONTHS[number % len(MONTHS)])
        fill_cell(table.cell(top, 5), UNITS[number % len(UNITS)])
        fill_cell(table.cell(top + 1, 1), "ผู้รับบริการเห็นว่าควรปรับปรุงเรื่องนี้เพียงใด")
        for column in (0, 3, 4, 5):
            merge_down(table, column, top, top + 1)
    document.add_paragraph("ผู้จัดทำ สำนักปลัด")
    return to_bytes(document)


def _fontconfig(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig knows the Sarabun fonts the project ships."""
    import fontpkg_sarabun

    fonts = Path(fontpkg_sarabun.__file__).parent / "files"
    conf = folder / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
        f"<dir>{fonts}</dir><cachedir>{folder / 'cache'}</cachedir>"
        "<alias><family>Calibri</family><prefer><family>Sarabun</family></prefer></alias>"
        "<alias><family>Times New Roman</family><prefer><family>Sarabun</family></prefer></alias>"
        "</fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(folder)}


def to_pdf(docx: bytes, name: str, folder: Path) -> bytes:
    source = folder / f"{name}.docx"
    source.write_bytes(docx)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True,
        timeout=180,
        env=_fontconfig(folder),
        capture_output=True,
    )
    return (folder / f"{name}.pdf").read_bytes()


def scanned(pdf: bytes, dpi: int = 150, *, bilevel: bool = False) -> bytes:
    """The pages as grey (or black-and-white, as office scanners save them) pictures in a PDF
    without any text."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(Path(folder) / "p")],
            check=True,
            timeout=180,
        )
        pages = [Image.open(path).convert("L") for path in sorted(Path(folder).glob("p-*.png"))]
        if bilevel:
            pages = [page.point(lambda v: 255 if v > 160 else 0).convert("1") for page in pages]
        out = io.BytesIO()
        pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
        return out.getvalue()


def main() -> None:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (scripts/system-deps.sh installs it)")
    sources = {"plan_word_table": long_plan(4)}
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(CORPUS.glob("*.docx")):
            pdf = to_pdf(path.read_bytes(), path.stem, Path(folder))
            path.with_suffix(".pdf").write_bytes(pdf)
            path.with_suffix(".scan.pdf").write_bytes(scanned(pdf, bilevel=True))
            print(f"corpus/{path.stem}.pdf, corpus/{path.stem}.scan.pdf")
        for name, docx in sources.items():
            pdf = to_pdf(docx, name, Path(folder))
            (FIXTURES / f"{name}.pdf").write_bytes(pdf)
            (FIXTURES / f"{name}.scan.pdf").write_bytes(scanned(_first_page(pdf)))
            print(f"{name}.pdf, {name}.scan.pdf")
        header = _header_scan(to_pdf(long_plan(1), "plan_header", Path(folder)))
        (FIXTURES / "plan_header.scan.pdf").write_bytes(header)
        print("plan_header.scan.pdf")
        bench = to_pdf(long_plan(21), "plan_10pages", Path(folder))
        (FIXTURES / "plan_10pages.pdf").write_bytes(bench)
        print("plan_10pages.pdf")


def _header_scan(pdf: bytes, dpi: int = 200) -> bytes:
    """The top of the first page (title, year, agency) as a small scanned page: the OCR test
    reads it in a few seconds."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", "1", "-l", "1",
             str(source), str(Path(folder) / "p")],
            check=True,
            timeout=120,
        )  # fmt: skip
        page = Image.open(Path(folder) / "p.png").convert("L")
        top = page.crop((0, 0, page.width, page.height // 5))
        out = io.BytesIO()
        top.save(out, "PDF", resolution=dpi)
        return out.getvalue()


def _first_page(pdf: bytes) -> bytes:
    """The first page only: the scanned fixtures stay small and their OCR test fast."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    single = pdfium.PdfDocument.new()
    single.import_pages(document, [0])
    out = io.BytesIO()
    single.save(out)
    return out.getvalue()


if __name__ == "__main__":
    main()
