"""The checker reports whole names only, counts every occurrence, and flags impossible dates,
disagreeing years and real digit mixes."""

from __future__ import annotations

from prongsai.docimport import check_file

HEAD = (
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\n"
    "องค์การบริหารส่วนตำบลหนองคันทรอง อำเภอเมืองตราด จังหวัดตราด\n"
    "ประเด็น\tขั้นตอน/วิธีการปฏิบัติ\tระยะเวลาดำเนินการ\tผู้รับผิดชอบ\n"
    "๑. การเปิดเผยข้อมูล\tจัดทำประกาศ\tไตรมาส ๒\tสำนักปลัด\n"
)


def _codes(text: str) -> list[str]:
    _parsed, findings = check_file(text.encode())
    return [finding.code for finding in findings]


def _finding(text: str, code: str) -> str:
    _parsed, findings = check_file(text.encode())
    return next(f.message for f in findings if f.code == code)


def test_the_own_name_cut_by_a_line_break_is_not_another_agency() -> None:
    text = HEAD + "ผลการดำเนินงานของ องค์การบริหารส่วนตำบลหนองคัน\nทรอง ในรอบปี\n"
    assert "other_agency_name" not in _codes(text)


def test_every_occurrence_of_another_agency_is_counted() -> None:
    text = HEAD + "เทศบาลตำบลชาราก ได้ดำเนินการ\nตามแนวทางของ เทศบาลตำบลชาราก\n"
    assert "(พบ 2 แห่ง)" in _finding(text, "other_agency_name")


def test_an_impossible_date_is_flagged() -> None:
    text = HEAD + "ประชุมเมื่อวันที่ ๓๑ กุมภาพันธ์ ๒๕๖๗\n"
    assert "๓๑ กุมภาพันธ์ ๒๕๖๗" in _finding(text, "impossible_date")


def test_the_documents_own_year_stated_otherwise_is_flagged() -> None:
    text = HEAD + "รายงานผลประจำปีงบประมาณ พ.ศ. ๒๕๖๕\n"
    assert "2565" in _finding(text, "fiscal_years_disagree")
    # another year that is not the document's own (last year's result) is normal
    assert "fiscal_years_disagree" not in _codes(HEAD + "ผลการประเมิน ITA ปี ๒๕๖๖\n")


def test_scores_and_list_labels_are_not_a_digit_mix_but_prose_digits_are() -> None:
    assert "mixed_digits" not in _codes(HEAD + "ได้คะแนน 86.50 คะแนน\n")
    assert "mixed_digits" in _codes(HEAD + "ประชุมเมื่อวันที่ 3 มกราคม 2567\n")
