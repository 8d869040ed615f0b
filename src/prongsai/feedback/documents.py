"""The documents of the feedback app through the document engine: the complaint-handling
guideline (OIT O16) and the A4 poster of the public channels with a QR code each."""

from __future__ import annotations

import io

import segno

from prongsai.core import thai
from prongsai.documents.model import (
    Block,
    Document,
    Heading,
    Image,
    NumberedList,
    PageBreak,
    Paragraph,
    Section,
    Spacer,
)
from prongsai.feedback.channels import NATIONAL, Channel
from prongsai.feedback.models import Guideline
from prongsai.orgs.models import Agency
from prongsai.orgs.selectors import document_vocabulary

GUIDELINE_TITLE = "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def guideline_document(
    guideline: Guideline, fiscal_year: int, online: list[tuple[str, str]]
) -> Document:
    """`online`: (title, absolute URL) of the agency's own online channels."""
    agency = guideline.agency
    digits: thai.Digits = "arabic" if agency.digit_style == "arabic" else "thai"
    title = f"{GUIDELINE_TITLE} ประจำปีงบประมาณ พ.ศ. {fiscal_year}"
    channels = _lines(guideline.channels) + [f"{name} {url}" for name, url in online]
    channels += [f"{c.title} {c.url}" for c in NATIONAL]
    blocks: list[Block] = [
        Heading(GUIDELINE_TITLE, level=1, align="center"),
        Paragraph(agency.full_name, align="center"),
        Paragraph(f"ประจำปีงบประมาณ พ.ศ. {fiscal_year}", align="center", space_after=0.4),
        Heading("1. หลักการ", level=2),
        Paragraph(
            f"{agency.full_name} เปิดรับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ "
            "จากประชาชนและผู้มีส่วนได้ส่วนเสียทุกช่องทาง ผู้ร้องเรียนไม่ต้องเปิดเผยตัวตน "
            "ข้อมูลของผู้ร้องเรียนเก็บเป็นความลับ และเรื่องที่กล่าวถึงผู้ใดจะไม่ส่งให้ผู้นั้นพิจารณา",
            align="justify",
        ),
        Heading("2. ช่องทางการร้องเรียน", level=2),
        NumberedList(channels or ["-"]),
        Heading("3. ขั้นตอนการจัดการเรื่องร้องเรียน", level=2),
        NumberedList(_lines(guideline.steps) or ["-"]),
        Heading("4. หน่วยงานที่รับผิดชอบ", level=2),
        Paragraph(guideline.responsible_unit or agency.full_name),
        Heading("5. ระยะเวลาดำเนินการ", level=2),
        Paragraph(
            f"ดำเนินการและแจ้งผลให้ผู้ร้องเรียนทราบภายใน {guideline.days_to_finish} วัน "
            "นับแต่วันที่ได้รับเรื่อง หากไม่แล้วเสร็จจะแจ้งความคืบหน้าให้ทราบ"
        ),
    ]
    if guideline.contact:
        blocks += [Heading("6. ติดต่อสอบถาม", level=2), Paragraph(guideline.contact)]
    return Document(
        title,
        [Section(blocks)],
        digits=digits,
        agency=agency.full_name,
        subject=title,
        vocabulary=document_vocabulary(agency),
    )


def qr_png(url: str, scale: int = 10) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def qr_svg(url: str) -> str:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False)
    return out.getvalue().decode()


def poster_document(agency: Agency, channels: list[Channel]) -> Document:
    """One A4 page per channel (absolute URLs): title, what it is for, the QR code, the URL."""
    digits: thai.Digits = "arabic" if agency.digit_style == "arabic" else "thai"
    blocks: list[Block] = []
    for i, channel in enumerate(channels):
        if i:
            blocks.append(PageBreak())
        blocks += [
            Paragraph(agency.full_name, align="center"),
            Spacer(0.3),
            Heading(str(channel.title), level=1, align="center"),
            Paragraph(str(channel.description), align="center"),
            Spacer(0.3),
            Image(qr_png(channel.url), width_cm=9.0),
            Paragraph("สแกนคิวอาร์โค้ดด้วยโทรศัพท์ หรือเปิดที่อยู่", align="center"),
            Paragraph(channel.url, align="center"),
            Spacer(0.6),
            Paragraph(
                "แจ้งเบาะแสการทุจริตต่อหน่วยงานระดับชาติ: "
                + " · ".join(f"{c.title} {c.url}" for c in NATIONAL),
                align="center",
            ),
        ]
    title = f"ช่องทางติดต่อและรับฟังประชาชน {agency.full_name}"
    return Document(title, [Section(blocks)], digits=digits, agency=agency.full_name, subject=title)
