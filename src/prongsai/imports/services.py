"""Writes of the import flow: read an upload into a draft; save a reviewed draft as a plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.core.text import clean_strings
from prongsai.docimport import ensure_ita_document
from prongsai.docimport.dates import date_span
from prongsai.imports.models import ImportDraft
from prongsai.imports.reading import read_and_check
from prongsai.orgs.models import Agency
from prongsai.plans import services as plans
from prongsai.plans.models import Measure, Plan, PlanIssue, fiscal_month_of
from prongsai.progress.models import Period
from prongsai.progress.periods import period_end


def draft_create(
    *, agency: Agency, user: Any, data: bytes, filename: str, max_bytes: int
) -> ImportDraft:
    """Read and check an upload (raises DocumentImportError with a Thai message; writes nothing
    then), and keep what it says as a draft."""
    result = read_and_check(data, filename, agency, max_bytes=max_bytes)
    parsed = result.document
    ensure_ita_document(parsed)  # a text file with no ITA content in it is refused, not kept
    return ImportDraft.objects.create(
        agency=agency,
        created_by=user,
        filename=filename[:255],
        kind=parsed["kind"] or "",  # measures found in a document of no recognisable kind
        fiscal_year=parsed.get("fiscal_year"),
        data=clean_strings(parsed),  # no character a DOCX or PostgreSQL's JSON cannot hold
        findings=clean_strings([f.as_dict() for f in result.findings]),
    )


REPORT_KINDS = ("progress_report", "annual_report")


def measure_title(m: dict[str, Any], number: int) -> str:
    """A name for an imported measure that says what is done: its first step (documents have no
    measure-name column; the issue or the finding repeated as the title said nothing new), else
    the questions it answers, else its number."""
    repeated = {(m.get("issue") or "").strip(), (m.get("finding") or "").strip()}
    for step in m.get("steps") or []:
        step = " ".join(str(step).split())
        if step and step not in repeated:
            return step if len(step) <= 150 else step[:149].rstrip() + "…"
    codes = [str(c) for c in m.get("question_codes") or []]
    if codes:
        return f"มาตรการตามข้อคำถาม {', '.join(codes)}"  # codes keep their Arabic digits
    return thai.to_thai_digits(f"มาตรการที่ {number}")


def planned_months(m: dict[str, Any], fiscal_year: int) -> tuple[int, int]:
    """Fiscal months of an imported measure: its readable timeline, else its planned quarters
    ("ไตรมาส ๒, ไตรมาส ๓" → January–June), else the whole year."""
    span = date_span(m.get("timeline") or "")
    if span is not None:
        return timeline_months(m.get("timeline") or "", fiscal_year)
    quarters = sorted(q for q in m.get("quarters_planned") or [] if q in (1, 2, 3, 4))
    if quarters:
        return (quarters[0] - 1) * 3 + 1, quarters[-1] * 3
    return 1, 12


def timeline_months(text: str, fiscal_year: int) -> tuple[int, int]:
    """Fiscal months (1 = October) of a timeline such as "มกราคม-มีนาคม 2567"; the whole year when
    it cannot be read."""
    span = date_span(text or "")
    if span is None:
        return 1, 12
    start, end = span
    if (thai.fiscal_year(end) - thai.fiscal_year(start)) >= 1 and end > start:
        return fiscal_month_of(start), 12
    first, last = fiscal_month_of(start), fiscal_month_of(end)
    return (first, last) if first <= last else (1, 12)


@transaction.atomic
def draft_save_as_plan(
    draft: ImportDraft, *, user: Any, fiscal_year: int, measures: list[dict[str, Any]]
) -> Plan:
    """Create a draft plan from the reviewed measures. All or nothing. The draft's row is locked
    and its state re-read first: two saves of one draft at once make one plan."""
    draft.refresh_from_db(from_queryset=ImportDraft.objects.select_for_update())
    if draft.status != ImportDraft.Status.PENDING:
        raise ValidationError(_("เอกสารนี้บันทึกหรือยกเลิกไปแล้ว"))
    if not measures:
        raise ValidationError(_("ไม่ได้เลือกมาตรการใดไว้"))
    plan = plans.plan_create(agency=draft.agency, fiscal_year=fiscal_year, user=user)
    issues: dict[str, PlanIssue] = {}
    errors = []
    sources = draft.data.get("measures") or []
    period = _report_period(draft, fiscal_year)
    for number, m in enumerate(measures, start=1):
        title = (m.get("issue") or "ประเด็นที่นำเข้า").strip()
        issue = issues.get(title) or plans.issue_add(plan, title=title, user=user)
        issues[title] = issue
        index = m.get("source")
        source = sources[index] if isinstance(index, int) and 0 <= index < len(sources) else None
        try:
            measure = plans.measure_save(
                issue,
                user=user,
                data={
                    "title": m.get("title") or title,
                    "question_codes": m.get("question_codes", ""),
                    "finding": m.get("finding", ""),
                    "steps": m.get("steps", []),
                    "start_month": m.get("start_month", 1),
                    "end_month": m.get("end_month", 12),
                    "responsible_note": (m.get("responsible") or "")[:300],
                },
            )
            if period is not None and source is not None:
                _import_progress(measure, source, period=period, user=user, filename=draft.filename)
        except ValidationError as e:
            errors.append(
                _("มาตรการที่ %(n)s: %(problems)s")
                % {"n": thai.local_digits(number), "problems": " ".join(e.messages)}
            )
    if errors:
        raise ValidationError(errors)
    draft.status = ImportDraft.Status.SAVED
    draft.plan = plan
    draft.save(update_fields=["status", "plan"])
    return plan


def _report_period(draft: ImportDraft, fiscal_year: int) -> str | None:
    """The reporting round an imported report is of (None for a plan or an analysis)."""
    if draft.kind not in REPORT_KINDS:
        return None
    if draft.kind == "annual_report":
        return Period.YEAR
    end = (draft.data.get("period") or {}).get("end")
    if end and dt.date.fromisoformat(end) > period_end(fiscal_year, Period.HALF):
        return Period.YEAR
    return Period.HALF


def _import_progress(
    measure: Measure, source: dict[str, Any], *, period: str, user: Any, filename: str
) -> None:
    """Keep what a report says of a measure: its dated actions (those in the fiscal year and not
    in the future; the others stay in the result text), its status, and its result, suggestion
    and outcome text as the round's note."""
    from prongsai.progress import services as progress
    from prongsai.progress.selectors import today

    year = thai.fiscal_year_period(measure.issue.plan.fiscal_year)
    last_day = min(period_end(measure.issue.plan.fiscal_year, period), today())
    dated = []
    for action in source.get("actions") or []:
        day = dt.date.fromisoformat(action["date"]) if action.get("date") else None
        if (
            day is not None
            and day in year
            and day <= last_day
            and (action.get("text") or "").strip()
        ):
            dated.append((day, action["text"].strip()))
    dated.sort()
    status = source.get("status")
    if status in ("done", "in_progress") and not dated and last_day in year:
        words = "ดำเนินการแล้ว" if status == "done" else "อยู่ระหว่างดำเนินการ"
        dated.append((last_day, f"{words} (ตามรายงานที่นำเข้า: {filename})"[:1000]))
    for number, (day, text) in enumerate(dated, start=1):
        progress.action_add(
            measure,
            user=user,
            data={
                "date": day,
                "text": text,
                "completes": status == "done" and number == len(dated),
            },
        )
    note = {
        "result": source.get("result") or "",
        "suggestions": source.get("suggestion") or "",
        "outcome": source.get("outcome") or "",
    }
    if any(note.values()):
        progress.note_save(measure, period=period, user=user, data=note)


def draft_discard(draft: ImportDraft) -> None:
    draft.status = ImportDraft.Status.DISCARDED
    draft.save(update_fields=["status"])


def measures_count(plan: Plan) -> int:
    return Measure.objects.filter(issue__plan=plan).count()


def draft_results_input(draft: ImportDraft, fiscal_year: int) -> Any:
    """The announced result of a `results` draft as the results form would enter it."""
    from decimal import Decimal

    from prongsai.frameworks.models import Framework
    from prongsai.results.services import ResultInput, level_names

    announced = draft.data.get("results") or {}
    indicators = {
        int(number): Decimal(str(value))
        for number, value in (announced.get("indicators") or {}).items()
        if str(number).isdecimal()
    }
    framework = Framework.objects.filter(year=fiscal_year).first()
    level = str(announced.get("level") or "")
    if framework is None or level not in level_names(framework):
        level = ""  # the level follows from the scores; a word the year does not use is dropped
    overall = announced.get("overall")
    return ResultInput(
        year=fiscal_year,
        indicators=indicators,
        entered_overall=Decimal(str(overall)) if overall is not None else None,
        entered_tools={
            str(code): Decimal(str(value)) for code, value in (announced.get("tools") or {}).items()
        },
        entered_level=level,
        rank=announced.get("rank"),
        ranked_count=announced.get("ranked_count"),
    )


def draft_save_as_results(draft: ImportDraft, *, user: Any, fiscal_year: int) -> Any:
    """Save a `results` draft as the agency's ITA result for the year (all or nothing; the
    results service checks it as it checks the form)."""
    from prongsai.results.models import Result
    from prongsai.results.services import result_save

    with transaction.atomic():
        draft.refresh_from_db(from_queryset=ImportDraft.objects.select_for_update())
        if draft.status != ImportDraft.Status.PENDING:
            raise ValidationError(_("เอกสารนี้บันทึกหรือยกเลิกไปแล้ว"))
        result = result_save(
            draft.agency,
            draft_results_input(draft, fiscal_year),
            source=Result.Source.IMPORT,
            user=user,
        )
        draft.status = ImportDraft.Status.SAVED
        draft.save(update_fields=["status"])
    return result
