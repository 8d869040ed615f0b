"""Any text made of the words real documents use parses and checks without failing."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.docimport import check_document
from prongsai.docimport.parse import parse_text

WORDS = [
    "ประเด็น", "ข้อคำถาม", "ข้อค้นพบ", "ขั้นตอน/วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ",
    "ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้ว", "ผลการดำเนินการ", "ข้อเสนอแนะ",
    "ผลลัพธ์", "(ต่อ)", "ตัวชี้วัดที่", "การใช้อำนาจ", "การปฏิบัติหน้าที่", "แบบวัด", "(IIT)", "(EIT)",
    "(OIT)", "บันทึกข้อความ", "เรื่อง", "เรียน", "วันที่", "ที่", "สส", "(นายสมมุติ ใจดี)", "อบต.",
    "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "อำเภอ", "จังหวัด", "น่าน", "ดอนแก้ว",
    "ประจำปีงบประมาณ พ.ศ.", "รอบ ๖ เดือน", "ตุลาคม", "มีนาคม", "ก.พ.", "ไตรมาส", "ทุกไตรมาส",
    "ดำเนินการเมื่อวันที่", "๑.", "2.", "-", "i19", "119", "E๑๑", "๐๘", "l22", "ข้อ ๑๓", "คะแนน",
    "97.37", "อยู่ในระดับ", "AA", "ผ่านดี", "☑", "☐", "✓", "<p>", "</p>",
    '<input checked="" type="checkbox"/>', "&amp;", "2566", "๒๕๖๗", "31", "๓๑", "/",
]  # fmt: skip
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(["\t", "\n", " ", "\t\t", "\n\n"]),
    st.text(alphabet="กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะาิีึืุูเแโใไ่้๊๋์ํ๐๑๒๓๔๕๖๗๘๙0123456789.", max_size=8),
)
CODES = {f"i{n}" for n in range(1, 31)} | {f"e{n}" for n in range(1, 16)}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=300))
def test_any_mix_of_document_words_parses_and_checks_quickly(pieces: list[str]) -> None:
    text = " ".join(pieces)
    started = time.monotonic()
    parsed = parse_text(text, known_codes_for_year=lambda year: CODES)
    findings = check_document(parsed, known_codes=CODES, agency_name="อบต.ดอนแก้ว", text=text)
    assert all(f.severity in {"error", "warning", "info"} and f.message for f in findings)
    assert time.monotonic() - started < 5


def test_a_very_long_line_and_many_lines_are_bounded() -> None:
    text = ("ประเด็น\tขั้นตอน\tระยะเวลา\tผู้รับผิดชอบ\n" + "๑.ก\t" * 20_000 + "\n") * 20
    started = time.monotonic()
    parsed = parse_text(text)
    check_document(parsed, known_codes=None, text=text)
    assert time.monotonic() - started < 10
