"""A small plan with measures in every tool and with different timelines, for progress tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prongsai.orgs.models import Agency, Person, Unit
from prongsai.plans import services as plan_services
from prongsai.plans.models import Measure, Plan

MEASURES = [
    # issue, title, codes, start month, end month, steps
    (
        "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "จัดทำคู่มือการปฏิบัติงานและมาตรฐานการให้บริการ",
        "i1, i2",
        1,
        3,
        ["จัดทำคู่มือการปฏิบัติงาน", "เผยแพร่คู่มือบนเว็บไซต์"],
    ),
    (
        "กระบวนการควบคุม ตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
        "มอบหมายงานอย่างเป็นธรรมตามมาตรฐานกำหนดตำแหน่ง",
        "i13, i15",
        1,
        6,
        ["จัดทำคำสั่งแบ่งงานและมอบหมายหน้าที่", "จัดทำข้อตกลงการปฏิบัติราชการ"],
    ),
    (
        "การให้บริการและระบบ E-Service",
        "พัฒนาระบบ E-Service และช่องทางการติดต่อสองทาง",
        "e10, e11",
        1,
        12,
        ["เปิดให้บริการ E-Service", "ประชาสัมพันธ์ช่องทางการติดต่อ"],
    ),
    (
        "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
        "เผยแพร่ข้อมูลตามแบบตรวจ OIT ให้ครบถ้วน",
        "o1, o2",
        7,
        12,
        ["แต่งตั้งผู้รับผิดชอบรายข้อ", "ตรวจทานก่อนเผยแพร่"],
    ),
]


def make_plan(agency: Agency, year: int = 2567) -> Plan:
    """A fresh plan for `agency` (an existing plan of that year is replaced)."""
    Plan.objects.filter(agency=agency, fiscal_year=year).delete()
    plan = plan_services.plan_create(
        agency=agency, fiscal_year=year, based_on_year=year - 1, user=None
    )
    unit = Unit.objects.filter(agency=agency).first()
    issues: dict[str, Any] = {}
    for issue_title, title, codes, start, end, steps in MEASURES:
        if issue_title not in issues:
            issues[issue_title] = plan_services.issue_add(plan, title=issue_title, user=None)
        deadline = dt.date(year - 543 - (1 if end <= 3 else 0), (end + 8) % 12 + 1, 28)
        plan_services.measure_save(
            issues[issue_title],
            user=None,
            units=[unit] if unit else [],
            data={
                "title": title,
                "question_codes": codes,
                "start_month": start,
                "end_month": end,
                "steps": steps,
                "monitoring": [{"text": "รายงานผลต่อผู้บริหาร", "deadline": deadline}],
            },
        )
    return plan


def measures(plan: Plan) -> list[Measure]:
    return list(Measure.objects.filter(issue__plan=plan).order_by("issue__order", "order", "pk"))


def signers(agency: Agency) -> None:
    """The three people who sign a memo (others stop signing, so the choice is certain)."""
    Person.objects.filter(agency=agency).update(signs_documents=False)
    for order, (name, position) in enumerate(
        [
            ("นายประเสริฐ ตั้งมั่น", f"นายก{agency.full_name}"),
            ("นางสาวกมลวรรณ ศรีสุข", f"ปลัด{agency.full_name}"),
            ("นายวีรยุทธ ทองดี", "หัวหน้าสำนักปลัด"),
        ]
    ):
        Person.objects.get_or_create(
            agency=agency,
            name=name,
            position=position,
            defaults={"signs_documents": True, "order": order},
        )
