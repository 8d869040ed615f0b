"""The analysis of a year's result: weak items with drafts, the officer's kept texts, trend,
charts and the document section."""

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.analysis import knowledge
from prongsai.analysis.documents import analysis_section_blocks, build_analysis_document
from prongsai.analysis.models import Analysis, AnalysisNote
from prongsai.analysis.rules import Rules
from prongsai.analysis.selectors import analysis_for
from prongsai.analysis.services import analysis_rules_save, analysis_texts_save
from prongsai.core.documents import DocumentOptions, DocumentUnavailable
from prongsai.documents.model import Heading, Image, Table
from prongsai.frameworks.files import load_framework_file
from prongsai.results.services import ResultInput, result_save
from tests.authz.world import PASSWORD
from tests.results.conftest import SEED_2566, indicators

D = Decimal
pytestmark = pytest.mark.django_db
QUESTIONS = {
    "i19": D("86.10"),
    "i20": D("88.90"),
    "i7": D("91.20"),
    "e13": D("88.70"),
    "e8": D("89.60"),
    "i1": D("99.00"),
}


@pytest.fixture
def seeded(agency: Any) -> Any:
    result_save(agency, ResultInput(year=2565, indicators=indicators(["90"] * 10)))
    result_save(
        agency,
        ResultInput(year=2566, indicators=indicators(SEED_2566), rank=737, questions=QUESTIONS),
    )
    return agency


def test_there_is_no_analysis_without_a_result(agency: Any) -> None:
    assert analysis_for(agency, 2566) is None


def test_default_rules_find_the_lowest_indicator_and_question_per_tool(seeded: Any) -> None:
    a = analysis_for(seeded, 2566)
    assert a is not None
    assert (a.overall, a.level, a.rank) == (D("97.37"), "AA", 737)
    assert a.weak_indicators == [4, 7] and a.weak_codes == ["i19", "e13"]
    iit = a.tools[0]
    assert [i.label for i in iit.weak] == ["ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ", "ข้อ i19"]
    i19 = iit.weak_questions[0]
    assert i19.text and i19.text.startswith("ท่านรู้แนวปฏิบัติ")
    assert (i19.score, i19.reasons, i19.edited, i19.draft_source) == (
        D("86.10"),
        ("ต่ำสุดใน IIT",),
        False,
        "question",
    )
    assert i19.deficiency == knowledge.question_draft("i19", 2566, 4).deficiency
    assert a.tools[2].weak == () and not a.saved and not a.constraints_edited
    assert a.constraints == knowledge.constraints_draft()


def test_saved_rules_change_what_is_weak(seeded: Any) -> None:
    analysis_rules_save(seeded, 2566, Rules(threshold=D(95), questions=False))
    a = analysis_for(seeded, 2566)
    assert a is not None and a.weak_indicators == [4, 7, 8] and a.weak_codes == []
    preview = analysis_for(
        seeded, 2566, Rules(below_pass=False, lowest_in_tool=False, below_overall=True)
    )
    assert preview is not None and preview.weak_indicators == [2, 3, 4, 6, 7, 8]


def test_the_officers_texts_are_kept_and_win_over_the_drafts(seeded: Any) -> None:
    analysis_texts_save(
        seeded,
        2566,
        notes={("indicator", "4"): ("ข้อบกพร่องของเรา", "แนวทางของเรา")},
        constraints="ข้อจำกัดของเรา",
    )
    a = analysis_for(seeded, 2566)
    assert a is not None
    item = a.tools[0].weak_indicators[0]
    assert (item.deficiency, item.development, item.edited) == (
        "ข้อบกพร่องของเรา",
        "แนวทางของเรา",
        True,
    )
    assert a.tools[0].weak_questions[0].edited is False
    assert a.constraints == "ข้อจำกัดของเรา" and a.constraints_edited
    assert AnalysisNote.objects.count() == 1


def test_the_page_saves_texts_and_resets_an_item(world: Any) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    url = reverse("analysis:year", args=["ours", 2566])
    body = client.get(url).content.decode()
    assert 'name="deficiency__indicator__4"' in body
    client.post(
        url,
        {
            "action": "texts",
            "deficiency__indicator__4": "แก้เอง",
            "development__indicator__4": "พัฒนาเอง",
            "constraints": "ข้อจำกัด",
        },
    )
    note = AnalysisNote.objects.get(analysis__agency=world.agency, code="4")
    assert (note.deficiency, note.development) == ("แก้เอง", "พัฒนาเอง")
    assert "แก้ไขโดยเจ้าหน้าที่แล้ว" in client.get(url).content.decode()
    client.post(url, {"action": "reset", "item": "indicator:4"})
    assert not AnalysisNote.objects.exists()
    client.post(url, {"action": "rules", "below_pass": "on", "threshold": "95"})
    saved = Analysis.objects.get(agency=world.agency, year=2566)
    assert (saved.rule_lowest_in_tool, saved.threshold, saved.include_questions) == (
        False,
        D(95),
        False,
    )


def test_a_viewer_reads_the_texts_without_fields(world: Any) -> None:
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    body = client.get(reverse("analysis:year", args=["ours", 2566])).content.decode()
    assert "<textarea" not in body and "ข้อบกพร่อง" in body


def test_the_trend_compares_with_earlier_years(seeded: Any) -> None:
    a = analysis_for(seeded, 2566)
    assert a is not None
    assert [p.year for p in a.trend.points] == [2565, 2566]
    assert a.trend.change == D("7.37")
    assert a.tools[0].previous == D("90.00") and a.tools[0].indicators[3].change == D("3.63")
    first = analysis_for(seeded, 2565)
    assert first is not None and first.trend.previous is None


def test_charts_are_png_served_with_the_access_check(world: Any) -> None:
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    for kind in ("overall", "tools", "indicators", "tools-years"):
        response = client.get(reverse("analysis:chart", args=["ours", 2566, kind]))
        assert response.status_code == 200 and response["Content-Type"] == "image/png", kind
        assert response.content.startswith(b"\x89PNG")
    assert client.get(reverse("analysis:chart", args=["ours", 2566, "pie"])).status_code == 404
    client.login(username="other", password=PASSWORD)
    assert client.get(reverse("analysis:chart", args=["ours", 2566, "tools"])).status_code == 404


def test_the_document_section_has_the_scores_charts_and_weak_items(seeded: Any) -> None:
    blocks = analysis_section_blocks(seeded, 2566, with_constraints=True)
    assert isinstance(blocks[0], Heading) and "ปีงบประมาณ พ.ศ. 2566" in blocks[0].text
    assert sum(isinstance(b, Image) for b in blocks) == 4
    assert any(isinstance(b, Table) for b in blocks)
    text = " ".join(getattr(b, "text", "") for b in blocks)
    assert "ได้คะแนน 97.37 คะแนน อยู่ในระดับ AA" in text and "เพิ่มขึ้น 7.37 คะแนน" in text
    assert "ลำดับที่ 737 ของหน่วยงานประเภทองค์การบริหารส่วนตำบล" in text
    assert "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ ได้คะแนนรวม 93.63 คะแนน" in text
    doc = build_analysis_document(seeded, 2566, DocumentOptions())
    assert doc.title == "การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566"
    with pytest.raises(DocumentUnavailable, match="๒๕๖๗"):
        build_analysis_document(seeded, 2567, DocumentOptions())


# ---------------------------------------------------------------- the knowledge base


def test_the_knowledge_base_covers_every_indicator_and_every_seed_question() -> None:
    for number in range(1, 11):
        draft = knowledge.indicator_draft(number)
        assert draft.deficiency and draft.development, number
    for code in (
        "i1",
        "i7",
        "i8",
        "i19",
        "i20",
        "i21",
        "i25",
        "i27",
        "e4",
        "e8",
        "e9",
        "e10",
        "e11",
        "e13",
        "e14",
    ):
        assert knowledge.question_draft(code, 2566, 0).source == "question", code
    for code in ("i13", "i15"):  # seeds/002, on FY2565 results
        assert knowledge.question_draft(code, 2565, 3).source == "question", code


def test_a_question_without_its_own_draft_falls_back_to_its_indicator() -> None:
    draft = knowledge.question_draft("e2", 2566, 6)
    assert draft.source == "indicator" and draft == knowledge.indicator_draft(6)


def test_entries_for_renumbered_questions_apply_to_their_years_only() -> None:
    assert knowledge.question_draft("i19", 2566, 4).topic == "การรู้แนวปฏิบัติการใช้ทรัพย์สินของราชการ"
    assert knowledge.question_draft("i19", 2565, 4).topic == "การนำทรัพย์สินของราชการไปใช้ประโยชน์ส่วนตัว"


def test_every_question_code_in_the_knowledge_base_exists_in_its_years() -> None:
    for entry in knowledge.knowledge()["questions"]:
        for year in entry.get("years") or [2565, 2566, 2567, 2568, 2569]:
            codes = {q["code"] for q in load_framework_file(year)["questions"]}
            assert set(entry["codes"]) <= codes, (entry["codes"], year)


def test_the_drafts_are_our_own_words_not_copied_from_the_seeds(seeds_dir: Path) -> None:
    seed_text = re.sub(
        r"\s+", "", " ".join(p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt"))
    )
    kb = knowledge.knowledge()
    texts = [t for e in kb["indicators"].values() for t in e.values()]
    texts += [e[k] for e in kb["questions"] for k in ("deficiency", "development")]
    texts += [*kb["constraints"].splitlines(), kb["tool_without_weakness"]]
    for text in texts:
        for clause in re.split(r"\s+", text):
            # no clause of 30 or more characters appears in the seeds as it is
            assert len(clause) < 30 or clause not in seed_text, clause


def test_rules_that_do_not_validate_come_back_on_the_page_and_change_nothing(world: Any) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    url = reverse("analysis:year", args=["ours", 2566])
    response = client.post(url, {"action": "rules", "threshold": "ไม่ใช่ตัวเลข"})
    body = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post" class="card rules">' in body  # the page itself, not escaped text
    assert 'value="ไม่ใช่ตัวเลข"' in body and "errorlist" in body
    assert not Analysis.objects.filter(agency=world.agency, year=2566).exists()
