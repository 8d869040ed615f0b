"""Writes of the import flow: read an upload into a draft; save a reviewed draft as a plan."""

from __future__ import annotations

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
    for number, m in enumerate(measures, start=1):
        title = (m.get("issue") or "ประเด็นที่นำเข้า").strip()
        issue = issues.get(title) or plans.issue_add(plan, title=title, user=user)
        issues[title] = issue
        try:
            plans.measure_save(
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


def draft_discard(draft: ImportDraft) -> None:
    draft.status = ImportDraft.Status.DISCARDED
    draft.save(update_fields=["status"])


def measures_count(plan: Plan) -> int:
    return Measure.objects.filter(issue__plan=plan).count()
