"""Loading framework files into the database: idempotent, in place, and on every migrate."""

import copy
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.frameworks.files import FrameworkFileError, load_framework_file
from prongsai.frameworks.models import Framework, Indicator, OitItem, Question, Tool
from prongsai.frameworks.services import framework_load, frameworks_load_package

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Framework, Tool, Indicator, Question, OitItem))


def test_a_migrated_database_has_every_shipped_year_loaded() -> None:
    assert list(Framework.objects.values_list("year", flat=True)) == [2565, 2566, 2567, 2568, 2569]
    fw = Framework.objects.get(year=2566)
    assert (
        fw.tools.count(),
        fw.indicators.count(),
        fw.questions.count(),
        fw.oit_items.count(),
    ) == (3, 10, 45, 43)


def test_loading_the_same_files_twice_changes_nothing() -> None:
    before = counts()
    stamps = list(Framework.objects.values_list("loaded_at", flat=True))
    first = frameworks_load_package()
    second = frameworks_load_package()
    assert {r.action for r in first + second} == {"unchanged"}
    assert counts() == before
    assert list(Framework.objects.values_list("loaded_at", flat=True)) == stamps


def test_a_changed_file_updates_the_year_in_place() -> None:
    data = copy.deepcopy(load_framework_file(2566))
    ids = dict(Question.objects.filter(framework__year=2566).values_list("code", "pk"))
    data["questions"][1]["text"] = "ข้อความที่แก้ไขแล้ว"
    data["questions"][1]["provenance"] = {"sources": ["NACC manual"], "confidence": "C1"}
    data["oit"]["items"].pop()  # o43 removed
    report = framework_load(data, origin=Framework.Origin.FILE)
    assert report.action == "updated"
    assert report.changes == {"created": 0, "updated": 1, "deleted": 1}
    i2 = Question.objects.get(framework__year=2566, code="i2")
    assert i2.pk == ids["i2"] and i2.text == "ข้อความที่แก้ไขแล้ว" and i2.confidence == "C1"
    assert not OitItem.objects.filter(framework__year=2566, code="o43").exists()
    assert dict(Question.objects.filter(framework__year=2566).values_list("code", "pk")) == ids


def test_an_invalid_file_writes_nothing() -> None:
    data = copy.deepcopy(load_framework_file(2566))
    data["title_th"] = "แก้ชื่อ"
    data["indicators"][0]["number"] = 2
    before = counts()
    with pytest.raises(FrameworkFileError):
        framework_load(data, origin=Framework.Origin.FILE)
    assert counts() == before
    assert Framework.objects.get(year=2566).title_th != "แก้ชื่อ"


def test_the_package_load_keeps_an_administrators_correction_unless_forced() -> None:
    data = copy.deepcopy(load_framework_file(2567))
    data["questions"][5]["text"] = "ถ้อยคำจากคู่มือ"
    data["questions"][5]["answer_type"] = "four_level"
    data["questions"][5]["reverse"] = False
    framework_load(data, origin=Framework.Origin.UPLOAD)
    reports = {r.year: r for r in frameworks_load_package()}
    assert reports[2567].action == "skipped"
    assert Question.objects.get(framework__year=2567, code="i6").text == "ถ้อยคำจากคู่มือ"
    reports = {r.year: r for r in frameworks_load_package(force=True)}
    assert reports[2567].action == "updated"
    assert Question.objects.get(framework__year=2567, code="i6").text is None


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_frameworks_json_lists_the_loaded_years_with_counts() -> None:
    rows = json.loads(run("frameworks", "--json"))
    assert [r["year"] for r in rows] == [2565, 2566, 2567, 2568, 2569]
    fy2566 = rows[1]
    assert (fy2566["indicators"], fy2566["questions"], fy2566["oit_items"]) == (10, 45, 43)


def test_frameworks_load_command_is_idempotent() -> None:
    before = counts()
    out = json.loads(run("frameworks", "load", "--json"))
    assert {r["action"] for r in out} == {"unchanged"}
    assert counts() == before


def test_frameworks_validate_reports_problems_in_thai(tmp_path: Any) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nyear: 99\n", encoding="utf-8")
    with pytest.raises(CommandError, match="year: ต้องเป็นปีงบประมาณ"):
        run("frameworks", "validate", str(bad))


def test_score_command_prints_the_overall_tools_level_and_pass() -> None:
    out = run(
        "score",
        "--year",
        "2566",
        "--indicators",
        "99.00,95.63,96.49,93.63,97.50,95.88,93.88,94.55,100,100",
        "--json",
    )
    assert json.loads(out) == {
        "overall": 97.37,
        "tools": {"IIT": 96.45, "EIT": 94.77, "OIT": 100.0},
        "level": "AA",
        "passed": True,
    }


def test_score_command_refuses_bad_input_with_a_thai_message() -> None:
    with pytest.raises(CommandError, match="ต้องมีคะแนนตัวชี้วัด 10 ตัว"):
        run("score", "--year", "2566", "--indicators", "99,95")
    with pytest.raises(CommandError, match="ต้องอยู่ระหว่าง 0 ถึง 100"):
        run("score", "--year", "2567", "--indicators", "99,95,90,90,90,90,90,90,90,101")
    with pytest.raises(CommandError, match="ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ 2599"):
        run("score", "--year", "2599", "--indicators", "1")


def test_known_codes_prefer_the_loaded_year_and_are_none_for_an_unknown_year() -> None:
    from prongsai.frameworks.selectors import known_codes

    codes = known_codes(2569)
    assert codes is not None and "o25" in codes and "i30" in codes
    assert known_codes(2599) is None


def test_loading_the_same_file_again_changes_nothing_whatever_order_the_database_keeps_keys_in() -> (
    None
):
    data = copy.deepcopy(load_framework_file(2566))
    # the same data, each provenance and superseded wording with its keys in another order (as
    # PostgreSQL's jsonb gives them back)
    for q in data["questions"]:
        q["superseded_texts"] = [
            dict(reversed(list(t.items()))) for t in q.get("superseded_texts") or []
        ]
    report = framework_load(data, origin=Framework.Origin.FILE)
    assert report.changes == {"created": 0, "updated": 0, "deleted": 0}
