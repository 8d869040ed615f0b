"""Writes: saving and deleting an agency's ITA result for a year (form, import and demo)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from prongsai.frameworks.models import Framework
from prongsai.frameworks.scoring import ScoreError, round2, score_indicators
from prongsai.frameworks.selectors import scheme_for_year
from prongsai.orgs.models import Agency
from prongsai.results.models import IndicatorScore, OitItemResult, QuestionScore, Result

logger = logging.getLogger(__name__)

ZERO, HUNDRED = Decimal(0), Decimal(100)


@dataclass
class ResultInput:
    """One year's result as entered. `questions`/`oit` None leaves the saved ones as they are;
    a dict (even empty) replaces them."""

    year: int
    indicators: dict[int, Decimal]
    entered_overall: Decimal | None = None
    entered_tools: dict[str, Decimal] = field(default_factory=dict)
    entered_level: str = ""
    rank: int | None = None
    ranked_count: int | None = None
    questions: dict[str, Decimal] | None = None
    oit: dict[str, bool] | None = None


def level_names(framework: Framework) -> list[str]:
    return [rule.get("label_th") or rule["code"] for rule in framework.levels]


def result_check(data: ResultInput) -> list[str]:
    """Every problem of a result, in the active language (empty when it can be saved)."""
    framework = Framework.objects.filter(year=data.year).first()
    if framework is None:
        return [_("ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ %(year)s") % {"year": data.year}]
    errors: list[str] = []
    scheme = scheme_for_year(data.year)
    numbers = scheme.indicator_numbers
    missing = [n for n in numbers if n not in data.indicators]
    if missing:
        errors.append(
            _("ปีงบประมาณ %(year)s: ขาดคะแนนตัวชี้วัดที่ %(missing)s (ต้องมีครบ %(count)s ตัว)")
            % {"year": data.year, "missing": ", ".join(map(str, missing)), "count": len(numbers)}
        )
    for n, value in data.indicators.items():
        if n not in numbers:
            errors.append(
                _("ปีงบประมาณ %(year)s: ไม่มีตัวชี้วัดที่ %(n)s ในเกณฑ์ปีนี้") % {"year": data.year, "n": n}
            )
        elif not ZERO <= value <= HUNDRED:
            errors.append(_("ตัวชี้วัดที่ %(n)s: คะแนนต้องอยู่ระหว่าง 0 ถึง 100") % {"n": n})
    if data.entered_overall is not None and not ZERO <= data.entered_overall <= HUNDRED:
        errors.append(_("คะแนนรวม: ต้องอยู่ระหว่าง 0 ถึง 100"))
    tool_codes = [t.code for t in scheme.tools]
    for code, value in data.entered_tools.items():
        if code not in tool_codes:
            errors.append(
                _("ไม่มีเครื่องมือ %(code)s ในเกณฑ์ปี %(year)s") % {"code": code, "year": data.year}
            )
        elif not ZERO <= value <= HUNDRED:
            errors.append(_("คะแนน %(code)s: ต้องอยู่ระหว่าง 0 ถึง 100") % {"code": code})
    if data.entered_level and data.entered_level not in level_names(framework):
        errors.append(
            _("ระดับ “%(level)s” ไม่มีในเกณฑ์ปี %(year)s (ใช้ได้: %(levels)s)")
            % {
                "level": data.entered_level,
                "year": data.year,
                "levels": ", ".join(level_names(framework)),
            }
        )
    if data.rank is not None and data.rank < 1:
        errors.append(_("ลำดับที่: ต้องเป็นจำนวนเต็มตั้งแต่ 1"))
    if data.ranked_count is not None and data.ranked_count < 1:
        errors.append(_("จำนวนหน่วยงานที่จัดลำดับ: ต้องเป็นจำนวนเต็มตั้งแต่ 1"))
    if data.rank and data.ranked_count and data.rank > data.ranked_count:
        errors.append(_("ลำดับที่ต้องไม่มากกว่าจำนวนหน่วยงานที่จัดลำดับ"))
    if data.questions:
        known = set(framework.questions.values_list("code", flat=True))
        for code, value in data.questions.items():
            if code not in known:
                errors.append(
                    _("ไม่มีข้อคำถาม %(code)s ในเกณฑ์ปี %(year)s") % {"code": code, "year": data.year}
                )
            elif not ZERO <= value <= HUNDRED:
                errors.append(_("ข้อ %(code)s: คะแนนต้องอยู่ระหว่าง 0 ถึง 100") % {"code": code})
    if data.oit:
        known = set(framework.oit_items.values_list("code", flat=True))
        errors += [
            _("ไม่มีรายการ OIT %(code)s ในเกณฑ์ปี %(year)s")
            % {"code": framework.display_code(c), "year": data.year}
            for c in data.oit
            if c not in known
        ]
    return errors


@transaction.atomic
def result_save(
    agency: Agency, data: ResultInput, *, source: str = Result.Source.FORM, user: Any = None
) -> Result:
    """Create or update the agency's result for the year; recompute the totals. Raises
    ValidationError (Thai messages) and writes nothing when anything is wrong."""
    errors = result_check(data)
    if errors:
        raise ValidationError(errors)
    try:
        score = score_indicators(scheme_for_year(data.year), data.indicators)
    except ScoreError as e:
        raise ValidationError(str(e)) from None
    framework = Framework.objects.get(year=data.year)
    result, _created = Result.objects.select_for_update().get_or_create(
        agency=agency,
        year=data.year,
        defaults={"framework": framework, "overall": score.overall, "level": "", "passed": False},
    )
    result.framework = framework
    result.entered_overall = data.entered_overall
    result.entered_tools = {k: str(round2(v)) for k, v in data.entered_tools.items()}
    result.entered_level = data.entered_level
    result.rank = data.rank
    result.ranked_count = data.ranked_count
    result.overall = score.overall
    result.tools = {k: str(v) for k, v in score.tools.items()}
    result.level = score.level.name
    result.passed = score.passed
    result.source = source
    result.updated_by = user if getattr(user, "pk", None) else None
    result.save()
    result.indicator_scores.all().delete()
    IndicatorScore.objects.bulk_create(
        IndicatorScore(result=result, number=n, score=round2(v))
        for n, v in sorted(data.indicators.items())
    )
    if data.questions is not None:
        result.question_scores.all().delete()
        QuestionScore.objects.bulk_create(
            QuestionScore(result=result, code=c, score=round2(v)) for c, v in data.questions.items()
        )
    if data.oit is not None:
        result.oit_results.all().delete()
        OitItemResult.objects.bulk_create(
            OitItemResult(result=result, code=c, passed=ok) for c, ok in data.oit.items()
        )
    return result


def busy_message() -> str:
    return _(
        "ผลการประเมินนี้กำลังถูกบันทึกอยู่ (งานนำเข้าหลายหน่วยงาน หรือผู้ใช้อื่น) จึงยังไม่ได้บันทึก "
        "ข้อมูลที่กรอกยังอยู่ในแบบฟอร์ม ลองกดบันทึกอีกครั้งในอีกสักครู่"
    )


@contextmanager
def waiting_briefly() -> Iterator[None]:
    """A transaction for an officer's own save: it waits at most SAVE_LOCK_TIMEOUT_SECONDS for
    rows a bulk import (or another officer) holds, then raises ValidationError with a Thai "try
    again" instead of keeping the officer waiting minutes or failing with a server error."""
    from prongsai.core.transactions import lock_timeout

    try:
        with transaction.atomic():
            lock_timeout(settings.SAVE_LOCK_TIMEOUT_SECONDS)
            yield
    except OperationalError as e:  # lock timeout (PostgreSQL), database is locked (SQLite)
        logger.warning("a result save waited too long: %s", e)
        raise ValidationError(busy_message()) from None


def result_save_waiting_briefly(
    agency: Agency, data: ResultInput, *, source: str = Result.Source.FORM, user: Any = None
) -> Result:
    """`result_save` inside `waiting_briefly`."""
    with waiting_briefly():
        return result_save(agency, data, source=source, user=user)


def result_delete(result: Result) -> None:
    result.delete()


def result_input_from(result: Result) -> ResultInput:
    """The saved result as input (to re-save it, e.g. after a framework correction)."""
    return ResultInput(
        year=result.year,
        indicators={s.number: s.score for s in result.indicator_scores.all()},
        entered_overall=result.entered_overall,
        entered_tools={k: Decimal(v) for k, v in (result.entered_tools or {}).items()},
        entered_level=result.entered_level,
        rank=result.rank,
        ranked_count=result.ranked_count,
        questions={q.code: q.score for q in result.question_scores.all()},
        oit={o.code: o.passed for o in result.oit_results.all()},
    )


def results_import(agency: Agency, content: bytes, filename: str, *, user: Any = None) -> Any:
    """Import a CSV/XLSX file of results, all or nothing (see `results.importing`)."""
    from prongsai.results.importing import results_import as import_file

    return import_file(agency, content, filename, user=user)
