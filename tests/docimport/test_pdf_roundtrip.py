"""Round trips: every document Prongsai renders as PDF re-imports to the record it was made from
(measures, question codes, steps, dates, statuses). The demo is built and each document rendered
once for the module; the DOCX of the status and annual reports stand for the record where those
documents regroup measures (by indicator, by issue)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from prongsai.core.demo import demo_build
from prongsai.core.documents import DocumentOptions, build_document
from prongsai.docimport import extract, import_document
from prongsai.docimport.text import arabic, squash
from prongsai.documents import render
from prongsai.orgs.models import Agency
from prongsai.plans.models import Measure
from prongsai.progress.models import Action

pytestmark = pytest.mark.django_db

YEAR = 2567


@dataclass
class Record:
    agency: str
    measures: list[dict[str, Any]]  # codes, steps, quarters, action dates
    files: dict[str, bytes]


def _key(codes: list[str]) -> tuple[str, ...]:
    return tuple(sorted(codes))


@pytest.fixture(scope="module")
def record(django_db_setup: Any, django_db_blocker: Any) -> Record:
    files: dict[str, bytes] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        demo_build()
        agency = Agency.objects.get(slug="demo")
        measures = [
            {
                "codes": _key(m.question_codes),
                "steps": [squash(arabic(s)) for s in m.steps],
                "quarters": m.planned_quarters,
                "actions": sorted(a.date.isoformat() for a in Action.objects.filter(measure=m)),
            }
            for m in Measure.objects.filter(
                issue__plan__agency=agency, issue__plan__fiscal_year=YEAR
            )
        ]
        wanted = [
            ("plan-A", "plan", "A", "pdf"),
            ("plan-B", "plan", "B", "pdf"),
            ("progress", "progress", "A", "pdf"),
            ("status", "status", "A", "pdf"),
            ("status-docx", "status", "A", "docx"),
            ("annual", "annual", "A", "pdf"),
            ("annual-docx", "annual", "A", "docx"),
            ("memo", "memo", "A", "pdf"),
        ]
        for name, kind, layout, fmt in wanted:
            document = build_document(kind, agency, YEAR, DocumentOptions(layout, None))
            files[name] = render(document, fmt)
        name = agency.name
        transaction.set_rollback(True)
    return Record(name, measures, files)


def _by_codes(parsed: dict[str, Any]) -> dict[tuple[str, ...], dict[str, Any]]:
    return {_key(m["question_codes"]): m for m in parsed["measures"]}


@pytest.mark.parametrize("name", ["plan-A", "plan-B", "progress"])
def test_plans_and_the_6_month_report_give_back_every_measure(record: Record, name: str) -> None:
    extracted = extract(record.files[name])
    assert extracted.source == "pdf-table-geometry" and not extracted.ocr_pages
    parsed = import_document(record.files[name])
    assert parsed["fiscal_year"] == YEAR
    assert parsed["organization"]["name"] == record.agency
    # Today's text heuristics read Prongsai's own plan as 1 measure (issue #16).
    assert len(parsed["measures"]) == len(record.measures)
    found = _by_codes(parsed)
    assert set(found) == {m["codes"] for m in record.measures}
    for wanted in record.measures:
        got = found[wanted["codes"]]
        assert [squash(arabic(s)) for s in got["steps"]] == wanted["steps"], wanted["codes"]
        if name == "plan-A":  # layout A has a timeline column
            assert got["quarters_planned"] == wanted["quarters"], wanted["codes"]
        if name == "progress":
            dates = sorted(a["date"] for a in got["actions"] if a["date"])
            assert dates == wanted["actions"], wanted["codes"]


@pytest.mark.parametrize("name", ["status", "annual"])
def test_status_and_annual_reports_read_as_their_docx(record: Record, name: str) -> None:
    from_pdf = import_document(record.files[name])
    from_docx = import_document(record.files[f"{name}-docx"])
    assert from_pdf["kind"] == from_docx["kind"]
    assert from_pdf["fiscal_year"] == from_docx["fiscal_year"] == YEAR
    assert from_pdf["period"] == from_docx["period"]
    assert len(from_pdf["measures"]) == len(from_docx["measures"])
    for pdf_measure, docx_measure in zip(from_pdf["measures"], from_docx["measures"], strict=True):
        assert squash(pdf_measure["issue"] or "") == squash(docx_measure["issue"] or "")
        assert pdf_measure["status"] == docx_measure["status"]
        assert pdf_measure["quarters_planned"] == docx_measure["quarters_planned"]


@pytest.mark.parametrize("name", ["status", "annual"])
def test_status_and_annual_report_actions_are_the_records(record: Record, name: str) -> None:
    """Each dated action its own item, every question code of the plan in the report."""
    parsed = import_document(record.files[name])
    codes = {code for m in parsed["measures"] for code in m["question_codes"]}
    assert codes == set().union(*(m["codes"] for m in record.measures))
    dates = {a["date"] for m in parsed["measures"] for a in m["actions"] if a["date"]}
    # A set: the annual report's "สถานะ: ดำเนินการแล้ว (แล้วเสร็จ <date>)" line reads as one
    # more item dated like the last action.
    assert dates == {d for m in record.measures for d in m["actions"]}


def test_memo_gives_back_its_agency_and_year(record: Record) -> None:
    parsed = import_document(record.files["memo"])
    assert parsed["memo"] is not None
    assert parsed["organization"]["name"] == record.agency
    assert parsed["fiscal_year"] == YEAR
