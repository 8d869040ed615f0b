"""Reads: a register as rows (item, entry, evidence, period check, readiness), its predicted
score, and the figures the home page, the CLI and oversight show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

from django.utils.translation import gettext as _

from prongsai.frameworks.models import Framework, OitItem
from prongsai.frameworks.scoring import Scheme, ScoreError, mean
from prongsai.frameworks.selectors import scheme_for_year
from prongsai.oit import prediction
from prongsai.oit.documents import DocumentLink, document_links
from prongsai.oit.models import Entry, EntryFile, EntryLink, Register
from prongsai.orgs.models import Agency
from prongsai.results.models import Result

_BE_YEAR = re.compile(r"(?<!\d)(25[5-9]\d)(?!\d)")


def expected_year(fiscal_year: int, period: str) -> int | None:
    """The fiscal year whose data an item's evidence must cover (None: not known)."""
    if period == "current":
        return fiscal_year
    if period == "previous_fy":
        return fiscal_year - 1
    return None


def evidence_year(covers_year: int | None, *texts: str) -> tuple[int | None, bool]:
    """The fiscal year a piece of evidence covers: as the officer gave it, else the one B.E.
    year its URL, explanation or name mentions. Returns (year, read_from_text)."""
    if covers_year:
        return covers_year, False
    found = {int(y) for t in texts if t for y in _BE_YEAR.findall(unquote(t))}
    if len(found) == 1:
        return found.pop(), True
    return None, False


Evidence = EntryLink | EntryFile | DocumentLink


@dataclass
class EvidenceCheck:
    obj: Evidence
    year: int | None
    from_text: bool
    problem: str  # "" when the period is right or not known

    @property
    def url(self) -> str:
        return str(getattr(self.obj, "url", ""))

    @property
    def explanation(self) -> str:
        return str(getattr(self.obj, "explanation", ""))


@dataclass
class Row:
    item: OitItem
    entry: Entry
    display_code: str
    expected_year: int | None
    links: list[EvidenceCheck]
    files: list[EvidenceCheck]
    ready: bool = False
    reason: str = ""  # why it is not ready
    cost: prediction.Cost | None = None
    document: DocumentLink | None = None  # Prongsai's own document answering the item

    @property
    def problems(self) -> list[str]:
        return [c.problem for c in self.links + self.files if c.problem]

    @property
    def broken_links(self) -> int:
        return sum(1 for c in self.links if isinstance(c.obj, EntryLink) and c.obj.broken)

    @property
    def unchecked_links(self) -> int:
        return sum(1 for c in self.links if isinstance(c.obj, EntryLink) and not c.obj.link_status)


def _check(obj: Evidence, expected: int | None) -> EvidenceCheck:
    if isinstance(obj, EntryLink | DocumentLink):
        year, from_text = evidence_year(obj.covers_year, obj.url, obj.explanation)
    else:
        year, from_text = evidence_year(obj.covers_year, obj.title, obj.file_name)
    problem = ""
    if expected is not None and year is not None and year != expected:
        problem = _("รายการนี้ต้องใช้ข้อมูลของปีงบประมาณ %(expected)s แต่หลักฐานนี้เป็นข้อมูลของปี %(year)s") % {
            "expected": expected,
            "year": year,
        }
        if from_text:
            problem += " " + _("(อ่านจากปีที่ปรากฏในลิงก์หรือคำอธิบาย)")
    return EvidenceCheck(obj, year, from_text, problem)


def _ready(entry: Entry, links: list[EvidenceCheck], automatic: bool) -> tuple[bool, str]:
    if not (entry.published or automatic):
        return False, _("ยังไม่ได้เผยแพร่")
    good = [c for c in links if not c.problem]
    if not links:
        return False, _("ยังไม่มีลิงก์บนเว็บไซต์หลัก (ITAS ต้องการ URL)")
    if not good:
        return False, _("หลักฐานเป็นข้อมูลผิดปี")
    if not any(not isinstance(c.obj, EntryFile) and c.obj.working for c in good):
        if any(isinstance(c.obj, EntryLink) and c.obj.broken for c in good):
            return False, _("ลิงก์เปิดไม่ได้")
        return False, _("ยังไม่ได้ตรวจลิงก์")
    return True, ""


@dataclass
class RegisterView:
    register: Register
    framework: Framework
    rows: list[Row]
    prediction: prediction.Prediction | None
    last_result: Result | None
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def ready(self) -> int:
        return sum(1 for r in self.rows if r.ready)

    @property
    def broken_links(self) -> int:
        return sum(r.broken_links for r in self.rows)

    @property
    def unchecked_links(self) -> int:
        return sum(r.unchecked_links for r in self.rows)

    @property
    def wrong_period(self) -> int:
        return sum(1 for r in self.rows if r.problems)


def last_result(agency: Agency, fiscal_year: int) -> Result | None:
    """The agency's latest ITA result before or in the year (its IIT/EIT for the what-if)."""
    return (
        Result.objects.filter(agency=agency, year__lte=fiscal_year)
        .prefetch_related("indicator_scores")
        .order_by("-year")
        .first()
    )


def other_tool_means(scheme: Scheme, result: Result | None) -> dict[str, Decimal]:
    """IIT and EIT of the result as the means of its indicators (unrounded)."""
    if result is None:
        return {}
    scores = {s.number: s.score for s in result.indicator_scores.all()}
    out = {}
    for tool in scheme.tools:
        if set(tool.indicators) & {9, 10}:
            continue
        values = [scores[n] for n in tool.indicators if n in scores]
        if len(values) == len(tool.indicators):
            out[tool.code] = mean(values)
    return out


def item_specs(items: list[OitItem]) -> list[prediction.ItemSpec]:
    return [
        prediction.ItemSpec(
            i.code, i.indicator.number if i.indicator else None, i.sub_indicator or None
        )
        for i in items
    ]


def register_view(
    register: Register, *, with_costs: bool = True, base_url: str | None = None
) -> RegisterView:
    fw = Framework.objects.filter(year=register.fiscal_year).first()
    if fw is None:
        raise ScoreError(f"ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ {register.fiscal_year}")
    items = list(fw.oit_items.select_related("indicator").order_by("order"))
    entries = {
        e.code: e
        for e in register.entries.select_related("unit", "person").prefetch_related(
            "links", "files"
        )
    }
    answered = {
        i.code: (i.answered_by, y)
        for i in items
        if i.answered_by and (y := expected_year(register.fiscal_year, i.period)) is not None
    }
    docs = document_links(register.agency, register.fiscal_year, answered, base_url)
    rows = []
    for item in items:
        entry = entries.get(item.code)
        if entry is None:  # a corrected framework added an item: show it as not started
            entry = Entry(register=register, code=item.code, order=item.order)
        exp = expected_year(register.fiscal_year, item.period)
        doc = docs.get(item.code)
        links = [_check(x, exp) for x in entry.links.all()] if entry.pk else []
        if doc is not None:
            links.insert(0, _check(doc, exp))
        files = [_check(x, exp) for x in entry.files.all()] if entry.pk else []
        row = Row(item, entry, fw.display_code(item.code), exp, links, files, document=doc)
        row.ready, row.reason = _ready(entry, links, doc is not None)
        rows.append(row)
    result = last_result(register.agency, register.fiscal_year)
    pred = None
    if items:
        try:
            scheme = scheme_for_year(register.fiscal_year)
        except ScoreError:
            scheme = None
        specs = item_specs(items)
        ready = {r.item.code for r in rows if r.ready}
        others = other_tool_means(scheme, result) if scheme else {}
        pred = prediction.predict(specs, ready, scheme=scheme, other_tools=others)
        if with_costs:
            costs = prediction.costs(specs, ready, scheme=scheme, other_tools=others)
            for r in rows:
                r.cost = costs.get(r.item.code)
    return RegisterView(register, fw, rows, pred, result)


def register_for(agency: Agency, fiscal_year: int) -> Register | None:
    return Register.objects.filter(agency=agency, fiscal_year=fiscal_year).first()


def register_summary(register: Register) -> dict[str, Any]:
    """The figures of `prongsai oit status --json` and the home page."""
    view = register_view(register, with_costs=False)
    p = view.prediction
    return {
        "items": view.total,
        "ready": view.ready,
        "predicted": {
            "oit": float(p.oit) if p else None,
            "overall": float(p.overall) if p and p.overall is not None else None,
            "level": p.level if p else None,
            "estimate": p.estimate if p else None,
        },
        "broken_links": view.broken_links,
        "unchecked_links": view.unchecked_links,
        "wrong_period": view.wrong_period,
    }
