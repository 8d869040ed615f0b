"""Every document kind of the demo agency, in both digit styles, read back from its PDF: lines
never break inside the agency's names, its people, the months or the headings' words; no page
holds only a signature; no page ends with a heading or a group row."""

from __future__ import annotations

import dataclasses
import html
import logging
import re
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from prongsai.core.demo import demo_build
from prongsai.core.documents import DocumentOptions, build_document, document_kinds
from prongsai.documents import model as m
from prongsai.documents import render
from prongsai.documents.thaibreak import ita_words, month_words
from prongsai.orgs.models import Agency, Person
from tests.documents.conftest import squash
from tests.documents.pdfwords import (
    _LINE_BOX,
    _PAGE,
    _WORD_TEXT,
    bbox_layout,
    breaks_inside,
    overlapping_words,
)

# The module fixture needs the test database even when this file runs alone: pytest-django sets
# up only the databases that some collected test asks for.
pytestmark = pytest.mark.django_db

# The demo world's year of each kind: the analysis is of the result the FY2567 plan was built
# on; the registers, the สขร. ๑, the O18 statistics and the O16 guideline are of FY2569.
REGISTERS = {"borrowing", "ethics", "nogift", "nogift-report", "participation", "risk"}
YEARS = {"analysis": 2566, "risk-report": 2569, **dict.fromkeys(REGISTERS, 2569)}
OTHER_YEAR = 2569
# Documents rendered outside the registry (`prongsai render`'s own renderers and the apps'
# publishing views): the สขร. ๑ of a month and of the year, the O18 statistics, the O16 guideline.
OTHER_KINDS = ("procurement-month", "procurement-year", "complaint-stats", "guideline")


@dataclasses.dataclass
class Rendered:
    name: str
    document: m.Document
    pdf: bytes


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


TYPST_WARNINGS = _Warnings()


def other_documents(agency: Agency, digits: str) -> dict[str, m.Document]:
    from prongsai.channels import documents as stats_documents
    from prongsai.channels import selectors as stats_selectors
    from prongsai.feedback import services as feedback_services
    from prongsai.feedback.channels import agency_channels
    from prongsai.feedback.documents import guideline_document
    from prongsai.procurement import documents as procurement
    from prongsai.procurement import selectors as procurement_selectors
    from prongsai.procurement.models import ProcurementMonth

    month = ProcurementMonth.objects.get(agency=agency, fiscal_year=OTHER_YEAR, month=10)
    months = procurement_selectors.months_for_bundle(agency, OTHER_YEAR)
    online = [
        (str(c.title), f"https://prongsai.example{c.url}")
        for c in agency_channels(agency)
        if c.key != "survey"
    ]
    guideline = guideline_document(feedback_services.guideline_of(agency), OTHER_YEAR, online)
    stats = stats_selectors.stats(agency, OTHER_YEAR)
    docs = {
        "procurement-month": procurement.month_document(
            agency, procurement.month_data(month), digits
        ),
        "procurement-year": procurement.bundle_document(
            agency, procurement.bundle_title(OTHER_YEAR), months, digits
        ),
        "complaint-stats": stats_documents.stats_document(stats, digits),
        # the guideline follows the agency's digit style only
        "guideline": dataclasses.replace(guideline, digits=digits),  # type: ignore[arg-type]
    }
    assert set(docs) == set(OTHER_KINDS)
    return docs


@pytest.fixture(scope="module")
def rendered(django_db_setup: Any, django_db_blocker: Any) -> tuple[list[Rendered], set[str]]:
    """Every kind once per digit style (and the plan in both layouts), in one demo world."""
    out: list[Rendered] = []
    logger = logging.getLogger("prongsai.documents.render_pdf")
    logger.addHandler(TYPST_WARNINGS)
    with django_db_blocker.unblock(), transaction.atomic(), translation.override("th"):
        demo_build()
        agency = Agency.objects.select_related("district__province").get(slug="demo")
        terms = {agency.name, agency.district.name, agency.district.province.name}
        for person in Person.objects.filter(agency=agency):
            terms.update(re.sub(r"^(นางสาว|นาง|นาย)", "", person.name).split())
        terms |= set(month_words()) | set(ita_words())
        for digits in ("thai", "arabic"):
            for kind in document_kinds():
                for layout in ("A", "B") if kind == "plan" else ("A",):
                    year = YEARS.get(kind, 2567)
                    doc = build_document(kind, agency, year, DocumentOptions(layout, digits))
                    out.append(Rendered(f"{kind}-{layout}-{digits}", doc, render(doc, "pdf")))
            for kind, doc in other_documents(agency, digits).items():
                out.append(Rendered(f"{kind}-A-{digits}", doc, render(doc, "pdf")))
        transaction.set_rollback(True)
    logger.removeHandler(TYPST_WARNINGS)
    return out, terms


def test_every_layout_settles_without_typst_warnings(rendered: Any) -> None:
    """The continued labels and "(ต่อ)" depend on where the previous layout pass put things;
    typst warns when the passes did not settle (the labels may then be misplaced)."""
    assert TYPST_WARNINGS.messages == []


def test_every_document_kind_is_rendered(rendered: Any) -> None:
    docs, _terms = rendered
    kinds = {d.name.rsplit("-", 2)[0] for d in docs}
    assert kinds == {*document_kinds(), *OTHER_KINDS}
    assert {"risk-report", "memo-annual", "status-annual", "nogift-report"} <= kinds
    assert len(docs) == 2 * (len(document_kinds()) + 1 + len(OTHER_KINDS))


def test_no_line_breaks_inside_names_people_months_or_heading_words(rendered: Any) -> None:
    docs, terms = rendered
    found = {d.name: breaks_inside(d.pdf, terms) for d in docs}
    assert {name: cuts for name, cuts in found.items() if cuts} == {}
    assert "หนองคันทรอง" in terms and "กันยายน" in terms and "ดำเนินการ" in terms


def test_no_text_runs_into_another_cell(rendered: Any) -> None:
    """No two words overlap on a page: a run that cannot break and is wider than its table
    cell (the annual report's "ตลอดปีงบประมาณ พ.ศ.๒๕๖๗", glued before the year) runs over the
    rules into the text of the cells beside it."""
    docs, _terms = rendered
    found = {d.name: overlapping_words(d.pdf) for d in docs}
    assert {name: words for name, words in found.items() if words} == {}


def page_lines(pdf: bytes) -> list[list[str]]:
    """The text lines of each page, top to bottom by position, without the page number."""
    layout = bbox_layout(pdf)
    pages = []
    for page in _PAGE.finditer(layout):
        lines = sorted(
            (
                float(line.group(4)),
                float(line.group(1)),
                " ".join(_WORD_TEXT.findall(line.group(5))),
            )
            for line in _LINE_BOX.finditer(page.group(3))
        )
        texts = [html.unescape(t).strip() for _y, _x, t in lines]
        texts = [t for t in texts if t and not re.fullmatch(r"-\s*[0-9๐-๙]+\s*-", t)]
        pages.append(texts)
    return pages


def model_texts(doc: m.Document) -> tuple[set[str], set[str]]:
    """(signature lines, heading texts) of a document, squashed. Labels that head what follows
    (`Paragraph.keep_with_next`: the analysis's "ข้อบกพร่อง", "ข้อ i7 …") count as headings."""
    signatures: set[str] = set()
    headings: set[str] = set()
    for block in doc.blocks():
        blocks = block.blocks if isinstance(block, m.SignatureRow) else [block]
        for b in blocks:
            if isinstance(b, m.SignatureBlock):
                signatures.update(
                    squash(t) for t in (b.name, f"({b.name})", *b.positions, *b.before)
                )
        if isinstance(block, m.Heading) or (
            isinstance(block, m.Paragraph) and block.keep_with_next
        ):
            headings.add(squash(block.text))
        if isinstance(block, m.Table):
            for row in block.rows:
                if len(row) == 1 and row[0].colspan == len(block.columns):
                    headings.add(squash(row[0].text))
    return signatures, headings


def localised(text: str, digits: str) -> str:
    return squash(m.localise_text(text, digits))  # type: ignore[arg-type]


def test_no_page_holds_only_a_signature(rendered: Any) -> None:
    docs, _terms = rendered
    bad = []
    for d in docs:
        signatures, _headings = model_texts(d.document)
        signatures = {localised(s, d.document.digits) for s in signatures}
        for number, lines in enumerate(page_lines(d.pdf), start=1):
            rest = [
                line
                for line in lines
                if not line.startswith("ลงชื่อ") and squash(line) not in signatures
            ]
            if lines and not rest:
                bad.append(f"{d.name} page {number}: {lines}")
    assert bad == []


def test_no_page_ends_with_a_heading_or_a_group_row(rendered: Any) -> None:
    docs, _terms = rendered
    bad = []
    for d in docs:
        _signatures, headings = model_texts(d.document)
        headings = {localised(h, d.document.digits) for h in headings}
        pages = page_lines(d.pdf)
        for number, lines in enumerate(pages[:-1], start=1):
            if not lines:
                continue
            last = squash(lines[-1])
            # the whole heading, or its end with its start a line or two above
            starts = [squash(line) for line in lines[-3:-1] if len(squash(line)) >= 4]
            if any(
                h == last or (h.endswith(last) and any(h.startswith(s) for s in starts))
                for h in headings
            ):
                bad.append(f"{d.name} page {number} ends with {lines[-1]!r}")
    assert bad == []
