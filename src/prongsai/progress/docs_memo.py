"""The บันทึกข้อความ that covers a report: ส่วนราชการ with telephone, ที่, วันที่, เรื่อง, เรียน, a
body naming the period, and the signatures of the head of สำนักปลัด, the ปลัด and the นายก taken
from the agency's people who sign documents. Printable alone or in front of a report."""

from __future__ import annotations

from prongsai.documents.model import (
    Block,
    Document,
    Memo,
    Paragraph,
    Section,
    SignatureBlock,
    Spacer,
)
from prongsai.orgs.models import Agency, Person
from prongsai.orgs.selectors import agency_emblem, document_vocabulary
from prongsai.plans.models import Plan
from prongsai.progress import docs_common as c
from prongsai.progress.models import Period, ProgressReport
from prongsai.progress.periods import REPORT_TITLE, long_date, months_label
from prongsai.progress.selectors import counts, period_states, report_for

BLANK = "." * 40


def signers(agency: Agency) -> dict[str, Person | None]:
    """The head of สำนักปลัด, the ปลัด and the นายก among the people who sign documents."""
    people = list(
        Person.objects.filter(agency=agency, signs_documents=True).order_by("order", "pk")
    )

    def find(test: object) -> Person | None:
        return next((p for p in people if test(p.position)), None)  # type: ignore[operator]

    return {
        "head": find(lambda pos: pos.startswith("หัวหน้าสำนักปลัด")),
        "palad": find(lambda pos: pos.startswith("ปลัด")),
        "mayor": find(lambda pos: pos.startswith("นายก")),
    }


def _mayor_title(agency: Agency) -> str:
    if agency.type in ("tambon", "mueang", "nakhon"):
        return f"นายก{agency.full_name.replace('เทศบาล', 'เทศมนตรี', 1)}"
    return f"หัวหน้า{agency.full_name}" if agency.type == "other" else f"นายก{agency.full_name}"


def _signature(person: Person | None, fallback_position: str) -> SignatureBlock:
    if person is None:
        return SignatureBlock(BLANK, [fallback_position])
    return SignatureBlock(person.name, [person.position])


def subject(plan: Plan, period: str) -> str:
    text = f"{REPORT_TITLE} ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}"
    return text + (" รอบ 6 เดือน" if period == Period.HALF else " (รอบ 12 เดือน)")


def memo_blocks(plan: Plan, period: str, report: ProgressReport | None = None) -> list[Block]:
    agency = plan.agency
    report = report or report_for(plan, period)
    who = signers(agency)
    for role in ("head", "palad", "mayor"):
        chosen = getattr(report, f"memo_signer_{role}", None)
        if chosen is not None and chosen.agency_id == agency.pk:
            who[role] = chosen
    mayor_title = who["mayor"].position if who["mayor"] else _mayor_title(agency)
    states = period_states(plan, period)
    n = counts(states)
    explained = not any(s.needs_explanation for s in states)
    unit = f"{agency.full_name} {report.memo_unit or 'สำนักปลัด'}"
    if agency.phone:
        unit += f" โทร. {agency.phone}"
    head = Memo(
        unit=unit,
        ref=report.memo_ref or BLANK,
        date=long_date(report.memo_date) if report.memo_date else BLANK,
        subject=report.memo_subject or subject(plan, period),
        to=report.memo_to or mayor_title,
        emblem=agency_emblem(agency),
    )
    round_text = (
        f"รอบ 6 เดือน ({months_label(plan.fiscal_year, period)})"
        if period == Period.HALF
        else f"ประจำปีงบประมาณ พ.ศ.{plan.fiscal_year} ({months_label(plan.fiscal_year, period)})"
    )
    body = [
        f"ตามที่{agency.full_name} ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ"
        f"หน่วยงานภาครัฐ (Integrity and Transparency Assessment : ITA) ประจำปีงบประมาณ พ.ศ."
        f"{plan.based_on_year} และได้จัดทำ{c.plan_name(plan)} ประจำปีงบประมาณ พ.ศ.{plan.fiscal_year} "
        "เพื่อแก้ไขข้อบกพร่องและพัฒนาการดำเนินงานของหน่วยงานให้ดีขึ้น นั้น",
        f"บัดนี้ ได้ติดตามผลการดำเนินการตามมาตรการดังกล่าว {round_text} แล้ว "
        f"จากมาตรการทั้งหมด {n['total']} มาตรการ ดำเนินการแล้ว {n['done']} มาตรการ "
        f"อยู่ระหว่างดำเนินการ {n['doing']} มาตรการ ยังไม่ดำเนินการ {n['todo']} มาตรการ"
        + (
            f" มาตรการที่ยังไม่แล้วเสร็จตามกำหนด {n['late']} มาตรการ"
            + (" ได้ระบุสาเหตุ ปัญหาอุปสรรค และข้อเสนอแนะไว้แล้ว" if explained else "")
            if n["late"]
            else ""
        )
        + " รายละเอียดตามรายงานที่แนบมาพร้อมนี้",
        report.memo_closing
        or "จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบ ขอได้โปรดลงนาม และอนุญาตให้เผยแพร่รายงานดังกล่าว"
        "บนเว็บไซต์ของหน่วยงานต่อไป",
    ]
    blocks: list[Block] = [head]
    blocks += [Paragraph(p, indent_first_line=True, align="justify", space_after=0.2) for p in body]
    blocks += [
        Spacer(0.3),
        _signature(who["head"], "หัวหน้าสำนักปลัด"),
        _signature(who["palad"], f"ปลัด{agency.full_name}"),
        _signature(who["mayor"], mayor_title),
    ]
    return blocks


def memo_section(plan: Plan, period: str, report: ProgressReport | None = None) -> Section:
    return Section(memo_blocks(plan, period, report), orientation="portrait", page_numbers=False)


def memo_document(plan: Plan, *, period: str = Period.HALF, digits: str | None = None) -> Document:
    title = f"บันทึกข้อความ {subject(plan, period)}"
    return Document(
        title,
        [memo_section(plan, period)],
        digits=c.digits_of(plan.agency, digits),
        agency=plan.agency.full_name,
        subject=title,
        vocabulary=document_vocabulary(plan.agency),
    )
