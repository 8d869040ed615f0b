"""The demo agency's FY2569 registers: a declaration, three gifts (one above 3,000 baht
reported in time, one above it and overdue), loans (returned, out and overdue, waiting), risks
in the four areas, an ethics training and a public hearing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from prongsai.core.demo import DemoContext

YEAR = 2569
FOLLOW_UP = {
    "permits": ("done", "ประกาศขั้นตอนและระยะเวลาบนเว็บไซต์แล้ว ไม่มีเรื่องร้องเรียน"),
    "authority": ("doing", "ตรวจรับพร้อมภาพถ่ายแล้ว 4 จาก 6 งาน"),
}


def build_demo_registers(ctx: DemoContext) -> None:
    from prongsai.orgs.models import Person
    from prongsai.registers import services

    agency = ctx.objects["agency"]
    head = Person.objects.filter(agency=agency, position__startswith="นายก").first()
    services.policy_save(
        agency,
        YEAR,
        {
            "declared_on": dt.date(2025, 10, 1),
            "signer_name": head.name if head else "",
            "signer_position": head.position if head else "",
            "statement": "",
        },
    )
    gift = {"recipient_position": "", "occasion": "", "decision": "", "reported_on": None}
    services.gift_add(
        agency,
        YEAR,
        {
            **gift,
            "received_on": dt.date(2025, 12, 31),
            "recipient": "นางสาวมาลี ใจงาม",
            "recipient_position": "นักวิชาการพัสดุ",
            "giver": "ห้างหุ้นส่วนจำกัด รุ่งเรืองการค้า",
            "relation": "other",
            "occasion": "ปีใหม่",
            "item": "กระเช้าของขวัญ",
            "value": Decimal("800"),
            "action": "kept",
        },
    )
    services.gift_add(
        agency,
        YEAR,
        {
            **gift,
            "received_on": dt.date(2025, 11, 3),
            "recipient": "นายสมชาย ใจดี",
            "recipient_position": "ปลัด อบต.",
            "giver": "บริษัท ก่อสร้างไทย จำกัด",
            "relation": "other",
            "occasion": "วันเกิด",
            "item": "นาฬิกาข้อมือ",
            "value": Decimal("12500"),
            "action": "returned",
            "reported_on": dt.date(2025, 11, 10),
            "decision": "ไม่อนุญาตให้รับ ให้ส่งคืนผู้ให้",
        },
    )
    services.gift_add(
        agency,
        YEAR,
        {
            **gift,
            "received_on": dt.date(2025, 10, 15),
            "recipient": "นายประเสริฐ มีสุข",
            "recipient_position": "ผู้อำนวยการกองช่าง",
            "giver": "ผู้รับเหมาในพื้นที่",
            "relation": "other",
            "occasion": "ตรวจรับงานจ้าง",
            "item": "บัตรกำนัลห้างสรรพสินค้า",
            "value": Decimal("5000"),
            "action": "pending",
        },
    )
    catalogue = {
        number: services.asset_add(
            agency, {"number": number, "name": name, "unit": unit, "state": "active"}
        )
        for number, name, unit in [
            ("416-60-0003", "เครื่องเสียงพร้อมลำโพง", "ชุด"),
            ("417-59-0012", "เครื่องฉายภาพ", "เครื่อง"),
            ("417-59-0013", "จอรับภาพ", "จอ"),
            ("480-62-0001", "เต็นท์ผ้าใบ ขนาด 4x8 เมตร", "หลัง"),
            ("416-55-0001", "เครื่องขยายเสียงแบบพกพา", "เครื่อง"),
        ]
    }
    services.asset_add(
        agency,
        {"number": "416-50-0001", "name": "เครื่องเสียงชุดเก่า", "unit": "ชุด", "state": "retired"},
    )

    def rows(*items: tuple[str, int]) -> list[dict[str, object]]:
        return [{"asset": catalogue[n], "quantity": q, "note": ""} for n, q in items]

    loan = {"position": "", "kind": "durable"}
    out = services.loan_request(
        agency,
        YEAR,
        {
            **loan,
            "borrower": "นายวิชัย ขยันดี",
            "unit": "กองการศึกษา",
            "purpose": "ใช้ในงานกีฬาตำบล",
            "items": rows(("416-60-0003", 1)),
            "starts_on": dt.date(2025, 11, 1),
            "due_on": dt.date(2025, 11, 7),
        },
    )
    services.loan_decide(out, approve=True, user=None, on=out.starts_on)
    back = services.loan_request(
        agency,
        YEAR,
        {
            **loan,
            "borrower": "นางสุดา รักงาน",
            "unit": "สำนักปลัด",
            "purpose": "ประชุมประชาคมหมู่บ้าน",
            "items": rows(("417-59-0012", 1), ("417-59-0013", 1)),
            "starts_on": dt.date(2025, 10, 20),
            "due_on": dt.date(2025, 10, 22),
        },
    )
    services.loan_decide(back, approve=True, user=None, on=back.starts_on)
    services.loan_return(
        back, {"returned_on": dt.date(2025, 10, 22), "condition": "good", "condition_note": ""}
    )
    services.loan_request(
        agency,
        YEAR,
        {
            **loan,
            "borrower": "ประธานกลุ่มสตรีหมู่ 3",
            "unit": "บุคคลภายนอก",
            "purpose": "จัดงานบุญประจำปี",
            "items": rows(("480-62-0001", 4)),
            "starts_on": dt.date(2025, 12, 1),
            "due_on": dt.date(2025, 12, 3),
        },
    )
    risk = {"owner": "สำนักปลัด", "follow_up": "", "status": "planned"}
    for area, process, text, lik, imp, controls in [
        (
            "permits",
            "การอนุญาตก่อสร้างอาคาร",
            "เจ้าหน้าที่เรียกรับผลประโยชน์เพื่อเร่งรัดการอนุญาต",
            3,
            4,
            "ประกาศขั้นตอนและระยะเวลา ให้ติดตามสถานะออนไลน์",
        ),
        (
            "authority",
            "การตรวจรับงานจ้าง",
            "ตรวจรับงานที่ไม่ตรงตามแบบเพื่อประโยชน์ของผู้รับจ้าง",
            2,
            5,
            "กรรมการตรวจรับอย่างน้อย 3 คน ถ่ายภาพทุกงวดงาน",
        ),
        (
            "budget",
            "การใช้รถยนต์ส่วนกลาง",
            "ใช้รถยนต์ของราชการไปในกิจส่วนตัว",
            2,
            2,
            "บันทึกการใช้รถทุกครั้ง ผู้บังคับบัญชาตรวจทุกเดือน",
        ),
        ("hr", "การสรรหาพนักงานจ้าง", "ช่วยเหลือพวกพ้องในการสอบคัดเลือก", 1, 4, "ประกาศผลคะแนนทุกขั้นตอน"),
    ]:
        item = services.risk_add(
            agency,
            YEAR,
            {
                **risk,
                "area": area,
                "process": process,
                "description": text,
                "likelihood": lik,
                "impact": imp,
                "controls": controls,
            },
        )
        follow = FOLLOW_UP.get(area)
        if follow:
            data = {f: getattr(item, f) for f in services.RISK_FIELDS}
            services.risk_update(item, {**data, "status": follow[0], "follow_up": follow[1]})
    services.event_add(
        agency,
        YEAR,
        "ethics",
        {
            "held_on": dt.date(2025, 12, 12),
            "topic": "อบรมประมวลจริยธรรมและการป้องกันผลประโยชน์ทับซ้อน",
            "organiser": "สำนักปลัด",
            "hours": Decimal("3"),
            "participants": [
                {"group": "ผู้บริหาร", "count": 4},
                {"group": "พนักงานส่วนตำบล", "count": 21},
                {"group": "พนักงานจ้าง", "count": 18},
            ],
            "outcome": "ผู้เข้าอบรมผ่านแบบทดสอบร้อยละ 92",
            "use": "",
        },
    )
    services.event_add(
        agency,
        YEAR,
        "participation",
        {
            "held_on": dt.date(2025, 11, 20),
            "topic": "ประชาคมจัดทำแผนพัฒนาท้องถิ่น",
            "organiser": "กองยุทธศาสตร์และงบประมาณ",
            "hours": Decimal("3"),
            "participants": [{"group": "ประชาชน", "count": 85}, {"group": "ผู้นำชุมชน", "count": 12}],
            "outcome": "ได้โครงการที่ประชาชนเสนอ 14 โครงการ",
            "use": "บรรจุ 9 โครงการในแผนพัฒนาท้องถิ่น",
        },
    )
