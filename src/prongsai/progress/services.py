"""Every write to progress: actions, evidence, notes per period, reports and their memo.

Entries dated inside a finalised report's period are frozen until that report is reopened, so a
finalised report keeps saying what it said. Every write first takes the plan's row lock
(`plans.services.lock_plan`) and checks the periods inside that transaction: an action sent
while a report is being finalised waits for it, then is refused (decision 24)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.orgs.models import Person
from prongsai.plans.models import Measure, Plan
from prongsai.plans.services import copies_folder, lock_plan, reopen_reason
from prongsai.progress import evidence_files, selectors
from prongsai.progress.models import (
    MEMO_FIELDS,
    Action,
    Evidence,
    LinkStatus,
    MeasureNote,
    Period,
    ProgressReport,
    ReportEvent,
)

NOTE_FIELDS = ("result", "suggestions", "outcome", "cause", "problems")


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _plan_of(measure: Measure) -> Plan:
    return measure.issue.plan


def _gone(obj: Any, message: str) -> None:
    """A record loaded before the lock may have been deleted by the write that held it."""
    if not type(obj).objects.filter(pk=obj.pk).exists():
        raise ValidationError(message)


def _ensure_open(plan: Plan, day: dt.date) -> None:
    lock_plan(plan)
    for report in selectors.finalised_periods_covering(plan, day):
        raise ValidationError(
            _("รายงาน%(period)sสรุปแล้ว รายการที่ลงวันที่ในรอบนั้นแก้ไขไม่ได้ ต้องเปิดแก้ไขรายงานก่อน")
            % {"period": thai.local_digits(report.get_period_display())}
        )


def _clean_action(measure: Measure, data: dict[str, Any]) -> dict[str, Any]:
    plan = _plan_of(measure)
    errors: dict[str, str] = {}
    day = data.get("date")
    if isinstance(day, str):
        day = thai.parse_date(day)
    if not isinstance(day, dt.date):
        errors["date"] = _("กรุณาระบุวันที่ดำเนินการ")
    else:
        if day not in thai.fiscal_year_period(plan.fiscal_year):
            errors["date"] = _("วันที่ดำเนินการต้องอยู่ในปีงบประมาณ %(year)s") % {
                "year": thai.local_digits(plan.fiscal_year)
            }
        elif day > selectors.today():
            errors["date"] = _("วันที่ดำเนินการต้องไม่เลยวันนี้")
    text = str(data.get("text") or "").strip()
    if not text:
        errors["text"] = _("กรุณาระบุสิ่งที่ดำเนินการ")
    person = data.get("by_person")
    if person is not None and (
        not isinstance(person, Person) or person.agency_id != plan.agency_id
    ):
        errors["by_person"] = _("ผู้ดำเนินการต้องเป็นบุคลากรของหน่วยงานนี้")
    if errors:
        raise ValidationError(errors)
    return {
        "date": day,
        "text": text,
        "by_person": person,
        "by_text": str(data.get("by_text") or "").strip()[:200],
        "completes": bool(data.get("completes")),
    }


def clean_link(url: str) -> str:
    url = (url or "").strip()
    if len(url) > 1000:
        raise ValidationError({"url": _("ลิงก์ยาวเกินไป")})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({"url": _("ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://")}) from None
    return url


def _folder(plan: Plan) -> str:
    return f"evidence/{plan.agency_id}/{plan.fiscal_year}"


class _Files:
    """Files written during one service call, removed again if the call fails."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def store(self, upload: Any, plan: Plan) -> evidence_files.StoredFile:
        stored = evidence_files.store_upload(upload, folder=_folder(plan))
        self.written.append(stored.path)
        return stored

    def discard(self) -> None:
        for path in self.written:
            evidence_files.remove(path)


def _add_evidence(
    action: Action, files: _Files, *, user: Any, url: str = "", title: str = "", upload: Any = None
) -> list[Evidence]:
    """Evidence rows for a link and/or a file. The file is checked and written before its row."""
    created = []
    if url:
        created.append(
            Evidence.objects.create(
                action=action,
                kind=Evidence.Kind.LINK,
                url=clean_link(url),
                title=title.strip()[:200],
                created_by=_user(user),
            )
        )
    if upload is not None:
        stored = files.store(upload, _plan_of(action.measure))
        created.append(
            Evidence.objects.create(
                action=action,
                kind=Evidence.Kind.FILE,
                title=title.strip()[:200],
                file_path=stored.path,
                file_name=stored.name,
                content_type=stored.content_type,
                size=stored.size,
                sha256=stored.sha256,
                created_by=_user(user),
            )
        )
    return created


def action_add(
    measure: Measure,
    *,
    user: Any,
    data: dict[str, Any],
    url: str = "",
    evidence_title: str = "",
    upload: Any = None,
) -> Action:
    """Record an action with its evidence. All or nothing: on any error no row and no file stay."""
    clean = _clean_action(measure, data)
    files = _Files()
    try:
        with transaction.atomic():
            _ensure_open(_plan_of(measure), clean["date"])
            action = Action.objects.create(measure=measure, created_by=_user(user), **clean)
            _add_evidence(action, files, user=user, url=url, title=evidence_title, upload=upload)
    except BaseException:
        files.discard()
        raise
    return action


@transaction.atomic
def action_update(action: Action, *, user: Any, data: dict[str, Any]) -> Action:
    plan = lock_plan(_plan_of(action.measure))
    _gone(action, _("รายการนี้ถูกลบไปแล้ว"))
    action.refresh_from_db(fields=["date"])
    _ensure_open(plan, action.date)
    clean = _clean_action(action.measure, data)
    _ensure_open(plan, clean["date"])
    for name, value in clean.items():
        setattr(action, name, value)
    action.save()
    return action


def action_delete(action: Action, *, user: Any) -> None:
    with transaction.atomic():
        lock_plan(_plan_of(action.measure))
        _gone(action, _("รายการนี้ถูกลบไปแล้ว"))
        action.refresh_from_db(fields=["date"])
        _ensure_open(_plan_of(action.measure), action.date)
        paths = [e.file_path for e in action.evidence.all() if e.file_path]
        action.delete()
        transaction.on_commit(lambda: _remove_files(paths))


def _remove_files(paths: list[str]) -> None:
    for path in paths:
        evidence_files.remove(path)


def evidence_add(
    action: Action, *, user: Any, url: str = "", title: str = "", upload: Any = None
) -> list[Evidence]:
    if not url and upload is None:
        raise ValidationError(_("กรุณาระบุลิงก์หรือเลือกไฟล์หลักฐาน"))
    files = _Files()
    try:
        with transaction.atomic():
            _ensure_open(_plan_of(action.measure), action.date)
            _gone(action, _("รายการนี้ถูกลบไปแล้ว"))
            return _add_evidence(action, files, user=user, url=url, title=title, upload=upload)
    except BaseException:
        files.discard()
        raise


def evidence_delete(evidence: Evidence, *, user: Any) -> None:
    path = evidence.file_path
    with transaction.atomic():
        _ensure_open(_plan_of(evidence.action.measure), evidence.action.date)
        _gone(evidence, _("หลักฐานนี้ถูกลบไปแล้ว"))
        evidence.delete()
        transaction.on_commit(lambda: evidence_files.remove(path))


def evidence_record_check(
    evidence: Evidence, *, status: str, http_status: int | None, detail: str
) -> None:
    """Store one link check's outcome (does not touch anything a report shows)."""
    if status not in LinkStatus.values:
        raise ValueError(f"unknown link status {status!r}")
    Evidence.objects.filter(pk=evidence.pk).update(
        link_status=status,
        link_http_status=http_status,
        link_detail=detail[:300],
        link_checked_at=timezone.now(),
    )


def _ensure_report_open(plan: Plan, period: str) -> ProgressReport:
    lock_plan(plan)
    report = selectors.report_for(plan, period)
    if report.is_final:
        raise ValidationError(
            _("รายงาน%(period)sสรุปแล้ว ต้องเปิดแก้ไขรายงานก่อนจึงจะแก้ได้")
            % {"period": thai.local_digits(report.get_period_display())}
        )
    return report


@transaction.atomic
def note_save(measure: Measure, *, period: str, user: Any, data: dict[str, Any]) -> MeasureNote:
    if period not in Period.values:
        raise ValidationError(_("ไม่มีรอบรายงานนี้"))
    _ensure_report_open(_plan_of(measure), period)
    note, _created = MeasureNote.objects.get_or_create(measure=measure, period=period)
    for name in NOTE_FIELDS:
        if name in data:
            setattr(note, name, str(data[name] or "").strip())
    note.updated_by = _user(user)
    note.save()
    return note


@transaction.atomic
def report_update_memo(
    report: ProgressReport, *, user: Any, data: dict[str, Any]
) -> ProgressReport:
    lock_plan(report.plan)
    if report.pk is None:
        report = ProgressReport.objects.get_or_create(plan=report.plan, period=report.period)[0]
    else:
        report.refresh_from_db(fields=["state"])
    if report.is_final:
        raise ValidationError(_("รายงานนี้สรุปแล้ว ต้องเปิดแก้ไขรายงานก่อนจึงจะแก้บันทึกข้อความได้"))
    for name in MEMO_FIELDS:
        if name in data:
            value = data[name]
            signer = name.startswith("memo_signer_") and value is not None
            if signer and value.agency_id != report.plan.agency_id:
                raise ValidationError({name: _("ผู้ลงนามต้องเป็นบุคลากรของหน่วยงานนี้")})
            setattr(report, name, value.strip() if isinstance(value, str) else value)
    if not report.memo_unit:
        report.memo_unit = "สำนักปลัด"
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_finalise(report: ProgressReport, *, user: Any) -> ProgressReport:
    """Finalise and keep the official copy, inside the plan's lock: no action, note or memo
    change of the plan can land between the checks, the copy and the commit."""
    plan = lock_plan(report.plan)
    if report.pk is None:
        report, _created = ProgressReport.objects.get_or_create(
            plan=report.plan, period=report.period
        )
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    report.plan = plan
    if report.is_final:
        raise ValidationError(_("รายงานนี้สรุปแล้ว"))
    problems = selectors.report_problems(report.plan, report.period)
    if problems:
        raise ValidationError(problems)
    report.state = ProgressReport.State.FINALISED
    report.finalised_by = _user(user)
    report.finalised_at = timezone.now()
    if report.memo_date is None:
        report.memo_date = timezone.localdate()
    report.save()
    event = ReportEvent.objects.create(
        report=report, user=_user(user), action="finalise", note="สรุปรายงาน"
    )
    event.keep_copy(lambda: _report_pdf(report), folder=copies_folder(report.plan))
    return report


def _report_pdf(report: ProgressReport) -> bytes:
    """The period's report with its memo in front: what goes to the superior."""
    from prongsai.documents import render
    from prongsai.progress.documents import KINDS_BY_PERIOD, report_document

    kind = KINDS_BY_PERIOD[report.period][0]
    return render(report_document(report.plan, report.period, kind, with_memo=True), "pdf")


@transaction.atomic
def report_reopen(report: ProgressReport, *, user: Any, reason: str) -> ProgressReport:
    if report.pk is None:
        raise ValidationError(_("รายงานนี้ยังเป็นร่างอยู่แล้ว"))
    reason = reopen_reason(reason)
    plan = lock_plan(report.plan)
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    report.plan = plan
    if not report.is_final:
        raise ValidationError(_("รายงานนี้ยังเป็นร่างอยู่แล้ว"))
    report.state = ProgressReport.State.DRAFT
    report.save(update_fields=["state"])
    ReportEvent.objects.create(
        report=report,
        user=_user(user),
        action="reopen",
        note=f"เปิดแก้ไขรายงาน: {reason}"[:300],
    )
    return report
