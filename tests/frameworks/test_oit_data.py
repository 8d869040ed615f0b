"""The OIT parts of the framework files: periods, the documents Prongsai answers items with,
superseded wordings and the ITAS calendar (research-oit-channels-registers.md §0, §1)."""

import datetime as dt

import pytest

from prongsai.frameworks import extras
from prongsai.frameworks.files import load_framework_file, validate_framework


def items(year: int) -> dict[str, dict]:
    return {i["code"]: i for i in load_framework_file(year)["oit"]["items"]}


def test_fy2569_marks_the_previous_year_items_from_the_research() -> None:
    oit = items(2569)
    previous = {c for c, i in oit.items() if i["period"] == "previous_fy"}
    assert previous == {"o12", "o14", "o18", "o22", "o24", "o26"}
    assert [oit[c]["period"] for c in ("o5", "o6", "o7")] == [None, None, None]
    assert all(oit[c]["title"] is None for c in ("o2", "o5", "o6", "o7"))


def test_fy2569_o25_is_the_plan_and_o26_the_previous_years_annual_report() -> None:
    oit = items(2569)
    assert (oit["o25"]["answered_by"], oit["o25"]["period"]) == ("plan", "current")
    assert (oit["o26"]["answered_by"], oit["o26"]["period"]) == ("annual_report", "previous_fy")
    plans_and_reports = {"o25", "o26"}
    assert {c for c, i in oit.items() if i.get("answered_by") in ("plan", "annual_report")} == (
        plans_and_reports
    )
    assert oit["o18"]["answered_by"] == "complaint_stats"  # the channels' O18 table


REGISTERS_2569 = {
    "o15": "ethics_report", "o19": "participation", "o20": "nogift_policy",
    "o21": "risk_assessment", "o22": "risk_report",
}  # fmt: skip
REGISTERS_2568 = {
    "o16": "ethics_report", "o20": "participation", "o21": "nogift_policy",
    "o22": "nogift_report", "o23": "risk_assessment", "o24": "risk_report",
}  # fmt: skip


@pytest.mark.parametrize("year, expected", [(2569, REGISTERS_2569), (2568, REGISTERS_2568)])
def test_the_register_items_are_answered_by_the_registers_documents(
    year: int, expected: dict[str, str]
) -> None:
    oit = items(year)
    registers = set(REGISTERS_2569.values()) | set(REGISTERS_2568.values())
    assert {c: i["answered_by"] for c, i in oit.items() if i.get("answered_by") in registers} == (
        expected
    )


def test_fy2569_o11_o12_are_the_monthly_procurement_summaries_of_this_and_last_year() -> None:
    oit = items(2569)
    assert (oit["o11"]["answered_by"], oit["o11"]["period"]) == ("procurement_month", "current")
    assert (oit["o12"]["answered_by"], oit["o12"]["period"]) == ("procurement_month", "previous_fy")


def test_fy2566_o42_o43_are_the_plan_and_its_current_year_progress() -> None:
    oit = items(2566)
    assert oit["o42"]["answered_by"] == "plan"
    assert oit["o43"]["answered_by"] == "half_year_report"


def test_fy2568_previous_year_items_and_the_o9_elements() -> None:
    oit = items(2568)
    assert {c for c, i in oit.items() if i["period"] == "previous_fy"} == {
        "o13", "o15", "o19", "o24", "o26"
    }  # fmt: skip
    # not stated in the research: current, as no FY2568 "พ.ศ. 2567" label says otherwise (dec. 43)
    assert (oit["o22"]["period"], oit["o22"]["answered_by"]) == ("current", "nogift_report")
    assert len(oit["o9"]["required_elements"]) == 6
    # no measures item found; the registers answer theirs, the channels' table the statistics
    assert oit["o19"]["answered_by"] == "complaint_stats"
    assert oit["o17"]["answered_by"] == "complaint_guideline"  # the feedback app's O16 of 2569
    assert all(
        i.get("answered_by") in (None, *REGISTERS_2568.values())
        for c, i in oit.items()
        if c not in ("o12", "o13", "o17", "o19")
    )


def test_fy2568_o12_o13_are_the_monthly_procurement_summaries_of_this_and_last_year() -> None:
    oit = items(2568)
    assert (oit["o12"]["answered_by"], oit["o12"]["period"]) == ("procurement_month", "current")
    assert (oit["o13"]["answered_by"], oit["o13"]["period"]) == ("procurement_month", "previous_fy")


def test_required_elements_from_the_vocational_proxy_say_so() -> None:
    o16 = items(2569)["o16"]
    assert o16["required_elements"] and "R6" in o16["provenance"]["sources"]
    assert "VEC proxy" in o16["provenance"]["note"]


def test_superseded_wordings_are_kept_apart_from_the_current_text() -> None:
    q = {q["code"]: q for q in load_framework_file(2566)["questions"]}
    assert q["i7"]["text"].startswith("ท่านทราบข้อมูลเกี่ยวกับงบประมาณ")
    assert q["i7"]["superseded_texts"][0]["text"].startswith("ท่านรู้เกี่ยวกับแผนการใช้จ่าย")
    assert q["i10"]["text"] is None and q["i10"]["superseded_texts"][0]["used_in"].startswith(
        "FY2565"
    )


def test_calendars_hold_only_what_was_found() -> None:
    fy65 = extras.calendar_windows(load_framework_file(2565))
    assert fy65["oit_entry"].start == dt.date(2022, 3, 1)
    assert fy65["clarification"].end == dt.date(2022, 6, 15)
    assert extras.calendar_windows(load_framework_file(2569)) == {}
    fy68 = extras.calendar_windows(load_framework_file(2568))
    assert set(fy68) == {"results"} and fy68["results"].start == dt.date(2025, 8, 15)
    assert extras.default_due_date(load_framework_file(2567)) == dt.date(2024, 6, 30)
    assert extras.default_due_date(load_framework_file(2569)) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["oit"]["items"][0].update(period="last_year"), "period"),
        (lambda d: d["oit"]["items"][0].update(answered_by="memo"), "answered_by"),
        (lambda d: d["oit"]["items"][4].update(answered_by="plan"), "period"),
        (lambda d: d["oit"]["items"][0].update(required_elements="x"), "required_elements"),
        (lambda d: d.update(calendar=[{"key": "oit_entry", "start": "1/3/2569"}]), "start"),
        (
            lambda d: d.update(
                calendar=[
                    {
                        "key": "results",
                        "start": "2026-08-15",
                        "end": "2026-08-01",
                        "provenance": {"sources": [], "confidence": "C1"},
                    }
                ]
            ),
            "end",
        ),
        (lambda d: d.update(calendar=[{"key": "party"}]), "key"),
        (lambda d: d["questions"][0].update(superseded_texts=[{"text": "x"}]), "used_in"),
    ],
)
def test_a_bad_oit_or_calendar_entry_is_named(change, message) -> None:
    data = load_framework_file(2569)
    change(data)
    errors = validate_framework(data)
    assert errors and any(message in e for e in errors), errors
