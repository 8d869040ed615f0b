"""The progress documents by kind and period, for the web downloads and `prongsai render`.

Kinds: "progress" (the 6-month report, layout B), "status", "annual", "memo". Each reads the
plan as of its period's end: the 6-month round for progress, and for status and memo unless the
"-annual" kind is asked for; the full year for annual."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_noop

from prongsai.core import thai
from prongsai.core.documents import DocumentOptions, DocumentUnavailable, in_thai
from prongsai.documents.model import Document, Section
from prongsai.orgs.models import Agency
from prongsai.orgs.selectors import document_vocabulary
from prongsai.plans.models import Plan
from prongsai.progress.docs_annual import annual_sections
from prongsai.progress.docs_common import digits_of
from prongsai.progress.docs_half import half_report_sections
from prongsai.progress.docs_memo import memo_section, subject
from prongsai.progress.docs_status import status_sections
from prongsai.progress.models import Period
from prongsai.progress.periods import REPORT_TITLE, report_heading

KINDS_BY_PERIOD: dict[str, tuple[str, ...]] = {
    Period.HALF: ("progress", "status", "memo"),
    Period.YEAR: ("annual", "status", "memo"),
}
# Thai in the documents; marked so that the report page can show them in the UI's language.
KIND_LABELS = {
    "progress": gettext_noop("รายงานผลการดำเนินการ (แบบ ข)"),
    "status": gettext_noop("รายงานสถานะการดำเนินการ"),
    "annual": gettext_noop("รายงานผลการดำเนินการประจำปี"),
    "memo": gettext_noop("บันทึกข้อความ"),
}

_SECTIONS: dict[str, Callable[[Plan, str], list[Section]]] = {
    "progress": half_report_sections,
    "status": status_sections,
    "annual": annual_sections,
    "memo": lambda plan, period: [memo_section(plan, period)],
}


@in_thai
def report_document(
    plan: Plan, period: str, kind: str, *, digits: str | None = None, with_memo: bool = False
) -> Document:
    """A report (or the memo alone) of a period; `with_memo` puts the memo in front."""
    if kind not in KINDS_BY_PERIOD.get(period, ()):
        raise DocumentUnavailable(f"ไม่มีเอกสาร “{kind}” สำหรับรอบรายงานนี้")
    sections = list(_SECTIONS[kind](plan, period))
    if with_memo and kind != "memo":
        sections = [memo_section(plan, period), *sections]
    if kind == "memo":
        title = f"บันทึกข้อความ {subject(plan, period)}"
    else:
        title = report_heading(plan.fiscal_year, period, KIND_LABELS[kind])
    return Document(
        title,
        sections,
        digits=digits_of(plan.agency, digits),
        agency=plan.agency.full_name,
        subject=f"{REPORT_TITLE} {plan.fiscal_year}",
        vocabulary=document_vocabulary(plan.agency),
    )


def filename(
    plan: Plan,
    period: str,
    kind: str,
    fmt: str,
    *,
    with_memo: bool = False,
    digits: str | None = None,
) -> str:
    """ "progress-half-demo-2567.pdf"; the layout, the memo in front and digits other than the
    agency's own are in the name, so two versions never download under one name."""
    layout = "-B" if kind == "progress" else ""
    memo = "-with-memo" if with_memo and kind != "memo" else ""
    style = (
        f"-{digits}" if digits in ("thai", "arabic") and digits != plan.agency.digit_style else ""
    )
    return f"{kind}{layout}-{period}-{plan.agency.slug}-{plan.fiscal_year}{memo}{style}.{fmt}"


def _builder(kind: str, period: str) -> Callable[[Agency, int, DocumentOptions], Document]:
    def build(agency: Agency, year: int, options: DocumentOptions) -> Document:
        plan = (
            Plan.objects.filter(agency=agency, fiscal_year=year)
            .select_related("agency__district__province")
            .first()
        )
        if plan is None:
            raise DocumentUnavailable(thai.to_thai_digits(f"ยังไม่มีมาตรการของปีงบประมาณ {year}"))
        return report_document(plan, period, kind, digits=options.digits)

    return build


def register() -> None:
    from django.utils.translation import gettext_lazy

    from prongsai.core.documents import register_document

    register_document(
        "progress", _builder("progress", Period.HALF), gettext_lazy("รายงานผลการดำเนินการรอบ ๖ เดือน")
    )
    register_document(
        "status", _builder("status", Period.HALF), gettext_lazy("รายงานสถานะการดำเนินการ รอบ ๖ เดือน")
    )
    register_document(
        "memo", _builder("memo", Period.HALF), gettext_lazy("บันทึกข้อความ รายงานรอบ ๖ เดือน")
    )
    register_document(
        "annual", _builder("annual", Period.YEAR), gettext_lazy("รายงานผลการดำเนินการประจำปี")
    )
    register_document(
        "status-annual",
        _builder("status", Period.YEAR),
        gettext_lazy("รายงานสถานะการดำเนินการ ประจำปี"),
    )
    register_document(
        "memo-annual", _builder("memo", Period.YEAR), gettext_lazy("บันทึกข้อความ รายงานประจำปี")
    )
