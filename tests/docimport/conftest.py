"""Shared pieces for the document import tests: framework codes, fixture and seed files, and
DOCX documents built on the fly with python-docx (our own wording)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = (Path(__file__).parents[2] / ".." / "shared" / "seeds").resolve()

# FY2566 question codes: IIT i1–i30, EIT e1–e15, OIT o1–o43 (reference/ita-framework REPORT.md).
CODES_2566 = (
    {f"i{n}" for n in range(1, 31)}
    | {f"e{n}" for n in range(1, 16)}
    | {f"o{n}" for n in range(1, 44)}
)


def codes_for_year(year: int) -> set[str] | None:
    """Stands in for the framework data: FY2566 is complete, later years share IIT/EIT and
    have their own OIT list, earlier years are unknown."""
    if year < 2566:
        return None
    return CODES_2566


@pytest.fixture
def known_codes_for_year() -> Callable[[int], set[str] | None]:
    return codes_for_year


@pytest.fixture
def codes_2566() -> set[str]:
    return set(CODES_2566)


@pytest.fixture
def fixture_file() -> Callable[[str], bytes]:
    """The bytes of a file in tests/docimport/fixtures."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
def seed() -> Callable[[str], str]:
    """The text of a real document in ../shared/seeds by its number ("000"); skips the test
    when the folder is absent."""

    def read(prefix: str) -> str:
        if not SEEDS.is_dir():
            pytest.skip("../shared/seeds not present: real-document tests need it")
        matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
        if not matches:
            pytest.skip(f"../shared/seeds has no {prefix}_*.txt: real-document tests need it")
        return matches[0].read_text(encoding="utf-8")

    return read


def _symbol(paragraph: object, char: str) -> None:
    """A Wingdings symbol run, as Word writes checkboxes."""
    run = paragraph.add_run()._r  # type: ignore[attr-defined]
    symbol = OxmlElement("w:sym")
    symbol.set(qn("w:font"), "Wingdings")
    symbol.set(qn("w:char"), char)
    run.append(symbol)


def build_plan_docx() -> bytes:
    """A plan in layout A with a two-row header (a merged header cell) and an issue cell merged
    down over two question rows."""
    document = docx.Document()
    document.add_paragraph("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    document.add_paragraph("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗")
    document.add_paragraph("องค์การบริหารส่วนตำบลโคกสำราญใต้ อำเภอบ้านแฮด จังหวัดขอนแก่น")
    table = document.add_table(rows=5, cols=6)
    table.style = "Table Grid"
    header = ["ประเด็น", "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ", "", "ขั้นตอน/วิธีการปฏิบัติ",
              "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ"]  # fmt: skip
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(1, 1).text = "ข้อคำถาม"
    table.cell(1, 2).text = "ข้อค้นพบ"
    rows = [
        ["(1) การใช้ทรัพย์สินของราชการอย่างถูกต้อง", "i19 บุคลากรทราบแนวปฏิบัติการใช้ทรัพย์สินเพียงใด",
         "บุคลากรบางส่วนไม่ทราบแนวปฏิบัติ", "- จัดทำคู่มือการยืม - ประชาสัมพันธ์คู่มือ",
         "มกราคม - มีนาคม ๒๕๖๗", "กองคลัง"],
        ["", "i21 การยืมทรัพย์สินทำถูกต้องเพียงใด", "มีการยืมโดยไม่บันทึก", "", "", ""],
        ["(2) ช่องทางรับฟังความคิดเห็น", "e8 มีช่องทางติชมการให้บริการหรือไม่",
         "ผู้รับบริการไม่ทราบช่องทาง", "- ทำป้ายคิวอาร์โค้ดรับความเห็นที่จุดบริการ",
         "ไตรมาส ๒-๓", "สำนักปลัด"],
    ]  # fmt: skip
    for offset, values in enumerate(rows, start=2):
        for column, text in enumerate(values):
            if text:
                table.cell(offset, column).text = text
    table.cell(2, 0).merge(table.cell(3, 0))
    document.add_paragraph("ผู้จัดทำ สำนักปลัด")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_status_docx() -> bytes:
    """A status report table whose timeline uses Wingdings checkboxes and whose status columns
    carry a tick."""
    document = docx.Document()
    document.add_paragraph("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    document.add_paragraph("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน (ตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗)")
    document.add_paragraph("เทศบาลตำบลหนองหินขาว อำเภอเมืองขอนแก่น จังหวัดขอนแก่น")
    document.add_paragraph("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)")
    table = document.add_table(rows=2, cols=7)
    header = ["ตัวชี้วัด", "ผู้รับผิดชอบ", "ขั้นตอนหรือวิธีปฏิบัติ", "ระยะเวลาดำเนินการ",
              "ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้ว"]  # fmt: skip
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    table.cell(1, 0).text = "ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน ข้อ ๒"
    table.cell(1, 1).text = "สำนักปลัด"
    table.cell(1, 2).text = "๑.ปรับปรุงคู่มือบริการ ๒.ติดประกาศขั้นตอน"
    timeline = table.cell(1, 3).paragraphs[0]
    for quarter, ticked in ((1, True), (2, True), (3, False), (4, False)):
        _symbol(timeline, "F0FE" if ticked else "F0A8")
        timeline.add_run(f" ไตรมาส {'๑๒๓๔'[quarter - 1]} ")
    _symbol(table.cell(1, 5).paragraphs[0], "F0FC")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="session")
def plan_docx() -> bytes:
    return build_plan_docx()


@pytest.fixture(scope="session")
def status_docx() -> bytes:
    return build_status_docx()
