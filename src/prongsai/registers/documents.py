"""The registers' documents, built as document models (PDF through typst, DOCX through
python-docx): the No Gift declaration and yearly report, the borrowing form and yearly summary,
the ethics and participation reports, the risk assessment and its follow-up report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from prongsai.core import thai
from prongsai.core.documents import DocumentOptions, in_thai
from prongsai.documents.model import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    NumberedList,
    Orientation,
    Paragraph,
    Section,
    SignatureBlock,
    Spacer,
    Table,
)
from prongsai.orgs.models import Agency, Person
from prongsai.orgs.selectors import document_vocabulary
from prongsai.registers import selectors
from prongsai.registers.models import (
    GIFT_LIMIT,
    REPORT_DAYS,
    DocKind,
    EventKind,
    Loan,
    LoanStatus,
    RiskArea,
)


def money(value: Decimal | int | None) -> str:
    """12,500.00 (digits localised by the document or the page)."""
    return f"{Decimal(value or 0):,.2f}"


def _date(day: dt.date | None) -> str:
    return thai.format_date(day, style="full", digits_style="arabic") if day else "-"


def _short(day: dt.date | None) -> str:
    return thai.format_date(day, style="abbr", digits_style="arabic") if day else "-"


def _signer(agency: Agency) -> Person | None:
    people = Person.objects.filter(agency=agency, signs_documents=True).order_by("order")
    return next((p for p in people if p.position.startswith("นายก")), people.first())


def _head(agency: Agency, title: str, year: int) -> list[Block]:
    return [
        Heading(title, level=1, align="center"),
        Paragraph(agency.full_name, align="center", bold=True),
        Paragraph(f"ประจำปีงบประมาณ พ.ศ. {year}", align="center", space_after=0.3),
    ]


def _sign(agency: Agency, name: str = "", position: str = "") -> list[Block]:
    person = _signer(agency)
    name = name or (person.name if person else "")
    position = position or (person.position if person else f"หัวหน้า{agency.full_name}")
    return [
        Spacer(0.6),
        SignatureBlock(name or ".......................................", [position]),
    ]


def _doc(
    agency: Agency,
    title: str,
    blocks: Sequence[Block],
    options: DocumentOptions,
    orientation: Orientation = "portrait",
) -> Document:
    digits: thai.Digits = "arabic" if (options.digits or agency.digit_style) == "arabic" else "thai"
    return Document(
        title,
        [Section(list(blocks), orientation)],
        digits=digits,
        agency=agency.full_name,
        subject=title,
        vocabulary=document_vocabulary(agency),
    )


def _table(titles: Sequence[tuple[str, float]], rows: list[list[Cell]], empty: str) -> Table:
    columns = [Column(t, w) for t, w in titles]
    if not rows:
        rows = [[Cell(empty, colspan=len(columns), align="center")]]
    return Table(columns, rows)


@in_thai
def nogift_declaration(agency: Agency, year: int, options: DocumentOptions) -> Document:
    policy = selectors.policy_for(agency, year)
    title = f"ประกาศ{agency.full_name}"
    subject = f"เจตนารมณ์การไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy) ประจำปีงบประมาณ พ.ศ. {year}"  # noqa: E501
    body = [
        "ตามที่รัฐบาลได้กำหนดให้การป้องกันและปราบปรามการทุจริตเป็นวาระแห่งชาติ และสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติได้กำหนดให้หน่วยงานภาครัฐขับเคลื่อนนโยบายการไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy) ตามการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",  # noqa: E501
        f"{agency.full_name} จึงขอประกาศเจตนารมณ์ว่า ผู้บริหาร สมาชิกสภา พนักงาน และพนักงานจ้างทุกคน จะไม่รับของขวัญหรือของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ และจะปฏิบัติตามมาตรา 128 แห่งพระราชบัญญัติประกอบรัฐธรรมนูญว่าด้วยการป้องกันและปราบปรามการทุจริต พ.ศ. 2561 และประกาศคณะกรรมการ ป.ป.ช. เรื่อง หลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าพนักงานของรัฐ ดังนี้",  # noqa: E501
    ]
    rules = NumberedList(
        [
            "ไม่รับทรัพย์สินหรือประโยชน์อื่นใดจากบุคคลที่มาติดต่อราชการ หรือจากผู้มีส่วนได้เสียกับการปฏิบัติหน้าที่",
            "การรับจากญาติหรือผู้ที่ให้ในโอกาสตามประเพณี ต้องมีราคาหรือมูลค่าตามที่เหมาะสมตามฐานานุรูป",
            f"การรับจากบุคคลอื่นซึ่งมิใช่ญาติ ต้องมีราคาหรือมูลค่าแต่ละคนแต่ละโอกาสไม่เกิน {GIFT_LIMIT:,.0f} บาท",
            f"หากได้รับทรัพย์สินที่มีมูลค่าเกิน {GIFT_LIMIT:,.0f} บาท ต้องรายงานผู้บังคับบัญชาภายใน {REPORT_DAYS} วัน เพื่อวินิจฉัยว่าจะรับไว้ได้หรือต้องส่งคืน",  # noqa: E501
            "ให้ผู้บังคับบัญชาทุกระดับเป็นแบบอย่างที่ดี และกำกับดูแลผู้ใต้บังคับบัญชาให้ปฏิบัติตามประกาศนี้",
        ]
    )
    blocks: list[Block] = [
        Heading(title, level=1, align="center"),
        Paragraph(f"เรื่อง {subject}", align="center", bold=True, space_after=0.3),
        *[Paragraph(text, indent_first_line=True, align="justify") for text in body],
        rules,
    ]
    if policy is not None and policy.statement:
        blocks.append(Paragraph(policy.statement, indent_first_line=True, align="justify"))
    blocks += [
        Paragraph("จึงประกาศมาเพื่อทราบโดยทั่วกัน", indent_first_line=True),
        Paragraph(
            f"ประกาศ ณ วันที่ {_date(policy.declared_on) if policy and policy.declared_on else '.......................................'}",  # noqa: E501
            indent_first_line=True,
        ),
        *_sign(
            agency, policy.signer_name if policy else "", policy.signer_position if policy else ""
        ),
    ]
    return _doc(agency, title, blocks, options)


def gift_rows(gifts: Sequence[Any], today: dt.date) -> list[list[Cell]]:
    rows = []
    for n, g in enumerate(gifts, 1):
        reported = (
            _short(g.reported_on)
            if g.reported_on
            else ("ยังไม่รายงาน (เกินกำหนด)" if g.overdue(today) else "-")
        )
        rows.append(
            [
                Cell(str(n), align="center"),
                Cell(_short(g.received_on)),
                Cell([Paragraph(g.recipient), Paragraph(g.recipient_position)]),
                Cell([Paragraph(g.giver), Paragraph(f"({g.get_relation_display()})")]),
                Cell(g.occasion),
                Cell(g.item),
                Cell(money(g.value), align="right"),
                Cell(g.rule),
                Cell(g.get_action_display()),
                Cell(reported),
                Cell(g.decision),
            ]
        )
    return rows


@in_thai
def nogift_report(agency: Agency, year: int, options: DocumentOptions) -> Document:
    gifts = selectors.gifts(agency, year)
    title = "รายงานผลการดำเนินงานตามนโยบาย No Gift Policy"
    today = selectors.today()
    must = [g for g in gifts if g.must_report]
    blocks: list[Block] = _head(agency, title, year)
    if not gifts:
        blocks.append(
            Paragraph(
                f"ในปีงบประมาณ พ.ศ. {year} ไม่มีผู้บริหาร พนักงาน หรือพนักงานจ้างของ{agency.full_name} "
                "รับทรัพย์สินหรือประโยชน์อื่นใดจากการปฏิบัติหน้าที่ (ไม่มีการรับ)",
                indent_first_line=True,
                align="justify",
            )
        )
    else:
        blocks.append(
            Paragraph(
                f"ในปีงบประมาณ พ.ศ. {year} มีการรับทรัพย์สินหรือประโยชน์อื่นใดรวม {len(gifts)} รายการ "
                f"มูลค่ารวม {money(sum(g.value for g in gifts))} บาท ในจำนวนนี้มีมูลค่าเกิน {GIFT_LIMIT:,.0f} บาท "  # noqa: E501
                f"ซึ่งต้องรายงานผู้บังคับบัญชา {len(must)} รายการ รายงานแล้ว "
                f"{sum(1 for g in must if g.reported_on)} รายการ รายละเอียดดังนี้",
                indent_first_line=True,
                align="justify",
            )
        )
    table = _table(
        [
            ("ที่", 0.8),
            ("วันที่รับ", 1.8),
            ("ผู้รับ", 2.4),
            ("ผู้ให้", 2.4),
            ("โอกาส", 2),
            ("ทรัพย์สิน", 2.4),
            # wide enough for "12,500.00" within Word's and LibreOffice's cell margins
            ("มูลค่า (บาท)", 2.2),
            ("หลักเกณฑ์", 2.4),
            ("การดำเนินการ", 2.2),
            ("รายงานเมื่อ", 1.8),
            ("คำวินิจฉัย", 2.4),
        ],
        gift_rows(gifts, today),
        "ไม่มีการรับทรัพย์สินหรือประโยชน์อื่นใด",
    )
    blocks += [table, *_sign(agency)]
    return _doc(agency, title, blocks, options, "landscape")


@in_thai
def loan_form(loan: Loan, options: DocumentOptions) -> Document:
    agency = loan.agency
    title = "แบบบันทึกการยืมพัสดุ"
    check = lambda on: "☑" if on else "☐"  # noqa: E731
    rows = [
        [
            Cell(str(n), align="center"),
            Cell(row.asset.number),
            Cell([Paragraph(row.asset.name), *([Paragraph(row.note)] if row.note else [])]),
            Cell(f"{row.quantity} {row.asset.unit}".strip(), align="center"),
        ]
        for n, row in enumerate(loan.rows.select_related("asset"), 1)
    ]
    decided = {
        LoanStatus.APPROVED: True,
        LoanStatus.RETURNED: True,
        LoanStatus.REJECTED: False,
    }.get(loan.status)  # type: ignore[call-overload]
    blocks: list[Block] = [
        Heading(title, level=1, align="center"),
        Paragraph(agency.full_name, align="center", bold=True, space_after=0.3),
        Paragraph(f"ข้าพเจ้า {loan.borrower} ตำแหน่ง {loan.position or '-'} สังกัด {loan.unit or '-'}"),
        Paragraph(f"มีความประสงค์จะขอยืมพัสดุเพื่อ {loan.purpose}"),
        Paragraph(
            f"ประเภท {check(loan.kind == 'durable')} ใช้คงรูป   {check(loan.kind == 'consumable')} ใช้สิ้นเปลือง"  # noqa: E501
        ),
        Paragraph(
            f"ตั้งแต่วันที่ {_date(loan.starts_on)} ถึงวันที่ {_date(loan.due_on)} และจะส่งคืนภายในกำหนด",
            space_after=0.2,
        ),
        _table([("ที่", 0.8), ("หมายเลขครุภัณฑ์", 3.5), ("รายการ", 8), ("จำนวน", 1.6)], rows, "-"),
        Spacer(0.4),
        SignatureBlock(loan.borrower, ["ผู้ยืม"]),
        Spacer(0.3),
        Paragraph("ความเห็นของผู้มีอำนาจ", bold=True),
        Paragraph(
            f"{check(decided is True)} อนุมัติ   {check(decided is False)} ไม่อนุมัติ"
            + (f"   เมื่อวันที่ {_date(loan.decided_on)}" if loan.decided_on else "")
        ),
        *_sign(agency),
        Paragraph("การส่งคืน", bold=True),
        Paragraph(
            f"ส่งคืนเมื่อวันที่ {_date(loan.returned_on)} สภาพ {loan.get_condition_display() or '-'} {loan.condition_note}"  # noqa: E501
            if loan.returned_on
            else "ส่งคืนเมื่อวันที่ ....................... สภาพ .......................",
        ),
        Spacer(0.4),
        SignatureBlock(".......................................", ["ผู้ตรวจรับคืน"]),
    ]
    return _doc(agency, title, blocks, options)


@in_thai
def borrowing_summary(agency: Agency, year: int, options: DocumentOptions) -> Document:
    loans = selectors.loans(agency, year)
    today = selectors.today()
    title = "สรุปผลการยืมทรัพย์สินของราชการ"
    rows = []
    for n, loan in enumerate(loans, 1):
        state = loan.get_status_display() + (" (เกินกำหนดส่งคืน)" if loan.overdue(today) else "")
        if loan.returned_on:
            state += f" {_short(loan.returned_on)} {loan.get_condition_display()}"
        rows.append(
            [
                Cell(str(n), align="center"),
                Cell([Paragraph(loan.borrower), Paragraph(loan.unit)]),
                Cell([Paragraph(row.line) for row in loan.rows.all()] or "-"),
                Cell(loan.purpose),
                Cell(f"{_short(loan.starts_on)} - {_short(loan.due_on)}"),
                Cell(state),
            ]
        )
    returned = sum(1 for loan in loans if loan.status == LoanStatus.RETURNED)
    blocks: list[Block] = [
        *_head(agency, title, year),
        Paragraph(
            f"ในปีงบประมาณ พ.ศ. {year} มีคำขอยืมทรัพย์สินของราชการ {len(loans)} รายการ ส่งคืนแล้ว {returned} รายการ "  # noqa: E501
            f"ยังไม่ส่งคืน {sum(1 for loan in loans if loan.status == LoanStatus.APPROVED)} รายการ",
            indent_first_line=True,
        ),
        *_asset_use(loans),
        _table(
            [
                ("ที่", 0.8),
                ("ผู้ยืม", 3),
                ("พัสดุ", 4.5),
                ("วัตถุประสงค์", 3.5),
                ("ระยะเวลายืม", 3.2),
                ("ผลการส่งคืน", 3),
            ],
            rows,
            "ไม่มีการยืมทรัพย์สินของราชการ",
        ),
        *_sign(agency),
    ]
    return _doc(agency, title, blocks, options)


def _asset_use(loans: Sequence[Loan]) -> list[Block]:
    """How often each asset of the catalogue was lent in the year (rejected requests aside)."""
    times: dict[str, int] = {}
    for loan in loans:
        if loan.status == LoanStatus.REJECTED:
            continue
        for row in loan.rows.all():
            key = f"{row.asset.number} {row.asset.name}"
            times[key] = times.get(key, 0) + 1
    if not times:
        return []
    ranked = sorted(times.items(), key=lambda kv: (-kv[1], kv[0]))
    text = ", ".join(f"{name} {n} ครั้ง" for name, n in ranked)
    return [Paragraph(f"ครุภัณฑ์ที่ให้ยืม: {text}", indent_first_line=True)]


def _group_totals(events: Sequence[Any]) -> list[Block]:
    """The year's participants per group, summed over the events."""
    totals: dict[str, int] = {}
    for e in events:
        for g in e.groups.all():
            totals[g.name] = totals.get(g.name, 0) + g.count
    if not totals:
        return []
    text = ", ".join(f"{name} {n} คน" for name, n in sorted(totals.items(), key=lambda kv: -kv[1]))
    return [Paragraph(f"ผู้เข้าร่วมตามกลุ่มตลอดปี: {text}", indent_first_line=True)]


def _event_report(kind: str) -> Callable[[Agency, int, DocumentOptions], Document]:
    @in_thai
    def build(agency: Agency, year: int, options: DocumentOptions) -> Document:
        events = selectors.events(agency, year, kind)
        ethics = kind == EventKind.ETHICS
        title = str(DocKind.ETHICS.label if ethics else DocKind.PARTICIPATION.label)
        rows = []
        for n, e in enumerate(events, 1):
            groups = [Paragraph(f"{g.name} {g.count} คน") for g in e.groups.all()] or "-"
            cells = [
                Cell(str(n), align="center"),
                Cell(_short(e.held_on)),
                Cell(e.topic),
                Cell(e.organiser),
            ]
            if ethics:
                cells.append(Cell(f"{e.hours:g}", align="center"))
            cells += [Cell(groups), Cell(e.outcome)]
            if not ethics:
                cells.append(Cell(e.use))
            rows.append(cells)
        columns = [("ที่", 0.8), ("วันที่", 2), ("หัวข้อ", 4), ("ผู้จัด", 2.6)]
        columns += [("ชั่วโมง", 1.4)] if ethics else []
        columns += [("ผู้เข้าร่วม", 3), ("ผลที่ได้", 4)]
        columns += [] if ethics else [("การนำผลไปใช้", 3.5)]
        people = sum(e.total for e in events)
        blocks: list[Block] = [
            *_head(agency, title, year),
            Paragraph(
                f"ในปีงบประมาณ พ.ศ. {year} {agency.full_name} จัดกิจกรรม {len(events)} ครั้ง ผู้เข้าร่วมรวม {people} คน"  # noqa: E501
                + (f" รวม {sum(e.hours for e in events):g} ชั่วโมง" if ethics else ""),
                indent_first_line=True,
            ),
            *_group_totals(events),
            _table(columns, rows, "ไม่มีกิจกรรมในปีนี้"),
            *_sign(agency),
        ]
        return _doc(agency, title, blocks, options, "landscape")

    return build


ethics_report = _event_report(EventKind.ETHICS)
participation_report = _event_report(EventKind.PARTICIPATION)


def _risk_doc(report: bool) -> Callable[[Agency, int, DocumentOptions], Document]:
    @in_thai
    def build(agency: Agency, year: int, options: DocumentOptions) -> Document:
        risks = selectors.risks(agency, year)
        title = str(DocKind.RISK_REPORT.label if report else DocKind.RISK.label)
        rows: list[list[Cell]] = []
        n = 0
        for area in RiskArea:
            inside = [r for r in risks if r.area == area]
            if not inside:
                continue
            rows.append(
                [Cell(f"ด้าน{area.label}", colspan=8 if report else 7, bold=True, fill="#eeeeee")]
            )
            for r in inside:
                n += 1
                cells = [
                    Cell(str(n), align="center"),
                    Cell(r.process),
                    Cell(r.description),
                    Cell(str(r.likelihood), align="center"),
                    Cell(str(r.impact), align="center"),
                    Cell(f"{r.score} ({r.band})", align="center"),
                    Cell(r.controls),
                ]
                if report:
                    cells.append(
                        Cell([Paragraph(r.get_status_display(), bold=True), Paragraph(r.follow_up)])
                    )
                rows.append(cells)
        columns = [
            ("ที่", 0.8),
            ("กระบวนงาน", 3),
            ("เหตุการณ์ความเสี่ยง", 4.5),
            ("โอกาส", 1.3),
            ("ผลกระทบ", 1.5),
            ("ระดับความเสี่ยง", 2.2),
            ("มาตรการควบคุม", 4.5),
        ]
        columns += [("ผลการดำเนินการ", 4)] if report else []
        intro = (
            f"{agency.full_name} ประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. {year} จำนวน {len(risks)} เหตุการณ์ "  # noqa: E501
            "โดยให้คะแนนโอกาสที่จะเกิดและผลกระทบ ระดับ 1-5 ระดับความเสี่ยงเท่ากับโอกาสคูณผลกระทบ "
            "(1-3 ต่ำ, 4-9 ปานกลาง, 10-16 สูง, 17-25 สูงมาก)"
        )
        if report:
            done = sum(1 for r in risks if r.status == "done")
            intro = (
                f"{agency.full_name} รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. {year} "  # noqa: E501
                f"ดำเนินการแล้ว {done} จาก {len(risks)} เหตุการณ์"
            )
        blocks: list[Block] = [
            *_head(agency, title, year),
            Paragraph(intro, indent_first_line=True, align="justify"),
            _table(columns, rows, "ยังไม่มีการประเมินความเสี่ยง"),
            *_sign(agency),
        ]
        return _doc(agency, title, blocks, options, "landscape")

    return build


risk_assessment = _risk_doc(report=False)
risk_report = _risk_doc(report=True)

BUILDERS: dict[str, Callable[[Agency, int, DocumentOptions], Document]] = {
    DocKind.NOGIFT_DECLARATION: nogift_declaration,
    DocKind.NOGIFT_REPORT: nogift_report,
    DocKind.BORROWING: borrowing_summary,
    DocKind.ETHICS: ethics_report,
    DocKind.PARTICIPATION: participation_report,
    DocKind.RISK: risk_assessment,
    DocKind.RISK_REPORT: risk_report,
}


def register() -> None:
    from prongsai.core.documents import register_document

    for kind, builder in BUILDERS.items():
        register_document(str(kind), builder, DocKind(kind).label)


def document_digest(kind: str, agency: Agency, year: int) -> str:
    """A digest of what the document says now (its model, not the rendered file: fonts and
    the renderer's version do not count), to tell whether a published copy is still current."""
    return digest_of(BUILDERS[kind](agency, year, DocumentOptions()))


def digest_of(document: Document) -> str:
    import dataclasses
    import hashlib
    import json

    text = json.dumps(dataclasses.asdict(document), default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
