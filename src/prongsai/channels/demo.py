"""Demo: a receiver login for the demo agency, a few corruption reports and complaints."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from prongsai.channels import services
from prongsai.channels.models import Category, Kind, Status
from prongsai.core.demo import DEMO_PASSWORD, DemoContext
from prongsai.orgs.models import Membership, Role

RECEIVER = "demo-receiver"
# the first demo report's case code, published in docs/channels.md so the follow-up page can be
# tried; every real report gets a new random code
DEMO_CODE = "DEM00-C0DE0-0000F-0110W"


def build_demo_channels(ctx: DemoContext) -> None:
    agency = ctx.objects["agency"]
    User = get_user_model()
    user = User.objects.create_user(
        username=RECEIVER,
        email=f"{RECEIVER}@example.go.th",
        password=DEMO_PASSWORD,
        first_name="ศิริพร",
        last_name="จันทร์เพ็ญ",
    )
    Membership.objects.create(user=user, agency=agency, role=Role.VIEWER)
    services.receiver_add(agency, user, "นางสาวศิริพร จันทร์เพ็ญ")
    now = timezone.now()
    cases = [
        (
            Kind.CORRUPTION,
            "",
            "เรียกรับเงินเพื่อเร่งออกใบอนุญาต",
            "มีผู้อ้างว่าเป็นเจ้าหน้าที่เรียกเงินเพื่อให้ได้ใบอนุญาตเร็วขึ้น",
            40,
            Status.IN_PROGRESS,
        ),
        (
            Kind.CORRUPTION,
            "",
            "ใช้รถราชการไปธุระส่วนตัว",
            "พบรถของหน่วยงานจอดที่ตลาดนอกเวลาราชการหลายครั้ง",
            20,
            Status.RECEIVED,
        ),
        (
            Kind.CORRUPTION,
            "",
            "จัดซื้อวัสดุราคาสูงกว่าท้องตลาด",
            "ราคาวัสดุก่อสร้างในโครงการสูงกว่าร้านในตำบลเกือบเท่าตัว",
            250,
            Status.DONE,
        ),
        (
            Kind.CORRUPTION,
            "",
            "รับของขวัญจากผู้รับเหมา",
            "มีการส่งกระเช้าของขวัญราคาแพงให้เจ้าหน้าที่ก่อนตรวจรับงาน",
            150,
            Status.REJECTED,
        ),
        (
            Kind.COMPLAINT,
            Category.WATER,
            "ท่อระบายน้ำอุดตัน",
            "น้ำท่วมขังหน้าตลาดทุกครั้งที่ฝนตก",
            200,
            Status.DONE,
        ),
        (
            Kind.COMPLAINT,
            Category.LIGHT,
            "ไฟถนนดับหน้าโรงเรียน",
            "ไฟฟ้าสาธารณะดับสามต้นติดกัน",
            30,
            Status.DONE,
        ),
        (
            Kind.COMPLAINT,
            Category.WASTE,
            "ขยะไม่ได้เก็บสองสัปดาห์",
            "ซอยหลังตลาดไม่มีรถเก็บขยะมาสองสัปดาห์",
            5,
            Status.RECEIVED,
        ),
        (
            Kind.COMPLAINT,
            Category.ROAD,
            "ถนนเป็นหลุม",
            "ถนนสายหลักหมู่ ๓ เป็นหลุมลึก",
            60,
            Status.IN_PROGRESS,
        ),
    ]
    for index, (kind, category, subject, body, days_ago, status) in enumerate(cases):
        filed = services.report_create(
            agency,
            code=DEMO_CODE if index == 0 else None,
            notify=False,
            kind=kind,
            category=category,
            subject=subject,
            body=body,
            # the first case names the people involved (kept encrypted: the receiver reads them)
            named_people="เจ้าหน้าที่กองช่างผู้ตรวจรับงาน (ไม่ทราบชื่อ)" if index == 0 else "",
            now=now - dt.timedelta(days=days_ago),
        )
        if status != Status.RECEIVED:
            services.reply(
                filed.report,
                user,
                body="หน่วยงานได้รับเรื่องและกำลังตรวจสอบข้อเท็จจริง"
                if status == Status.IN_PROGRESS
                else "ดำเนินการเรียบร้อยแล้ว",
                status=status,
                reason={
                    Status.DONE: "ตรวจสอบแล้ว ส่งเรื่องให้คณะกรรมการสอบข้อเท็จจริงดำเนินการต่อ",
                    Status.REJECTED: "ข้อมูลไม่เพียงพอต่อการตรวจสอบ ผู้แจ้งเพิ่มข้อมูลหรือแจ้ง ป.ป.ช. ได้",
                }.get(status, ""),
            )
