"""The demo agencies, their places, units, people and a login for every role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from prongsai.core.demo import DEMO_PASSWORD, DemoContext
from prongsai.orgs import services
from prongsai.orgs.models import AgencyType, Membership, Person, Role, Unit

LOGINS: list[tuple[str, str]] = [
    ("demo-admin", "ผู้ดูแล อบต.หนองคันทรอง"),
    ("demo-editor", "ผู้แก้ไข อบต.หนองคันทรอง"),
    ("demo-viewer", "ผู้อ่าน อบต.หนองคันทรอง"),
    ("other-editor", "ผู้แก้ไข ทต.แหลมงอบ (อีกอำเภอ)"),
    ("district-overseer", "ผู้กำกับดูแลอำเภอเมืองตราด"),
    ("province-overseer", "ผู้กำกับดูแลจังหวัดตราด"),
    ("country-overseer", "ผู้กำกับดูแลระดับประเทศ"),
    ("demo-receiver", "ผู้รับเรื่องร้องเรียนการทุจริต อบต.หนองคันทรอง (prongsai.channels)"),
    ("siteadmin", "ผู้ดูแลระบบ (หน้า /admin/)"),
]

DEMO_PEOPLE = [
    ("นายประเสริฐ ตั้งมั่น", "นายกองค์การบริหารส่วนตำบลหนองคันทรอง", None, True),
    ("นางสาวกมลวรรณ ศรีสุข", "ปลัดองค์การบริหารส่วนตำบลหนองคันทรอง", "สำนักปลัด", True),
    ("นายวีรยุทธ ทองดี", "หัวหน้าสำนักปลัด", "สำนักปลัด", True),
    ("นางพรทิพย์ แก้วมณี", "ผู้อำนวยการกองคลัง", "กองคลัง", False),
    ("นายธนากร บุญมา", "ผู้อำนวยการกองช่าง", "กองช่าง", False),
    ("นางสาวศิริพร จันทร์เพ็ญ", "นิติกร", "สำนักปลัด", False),
    ("นางสาวอรอุมา พรหมวงศ์", "นักวิเคราะห์นโยบายและแผน", "สำนักปลัด", False),
    ("นางสาวชุติมา ใจงาม", "เจ้าพนักงานธุรการ", "สำนักปลัด", False),
]


def build_orgs(ctx: DemoContext) -> None:
    trat = services.province_get_or_create(code="23", name="ตราด")
    mueang = services.district_get_or_create(province=trat, code="2301", name="เมืองตราด")
    laem_ngop = services.district_get_or_create(province=trat, code="2306", name="แหลมงอบ")
    demo = services.agency_create(
        slug="demo",
        code="6230106",
        type=AgencyType.SAO,
        name="หนองคันทรอง",
        district=mueang,
        address="ตำบลหนองคันทรง อำเภอเมืองตราด จังหวัดตราด ๒๓๐๐๐",
        phone="๐ ๓๙๕๑ ๒๓๔๕",
        website="https://www.example.go.th/nongkhansong",
    )
    other = services.agency_create(
        slug="laem-ngop",
        code="5230601",
        type=AgencyType.SUBDISTRICT_MUNICIPALITY,
        name="แหลมงอบ",
        district=laem_ngop,
    )
    units = {u.name: u for u in Unit.objects.filter(agency=demo)}
    for order, (name, position, unit_name, signs) in enumerate(DEMO_PEOPLE, start=1):
        Person.objects.create(
            agency=demo,
            name=name,
            position=position,
            unit=units.get(unit_name) if unit_name else None,
            signs_documents=signs,
            order=order,
        )
    Person.objects.create(
        agency=other, name="นายสุรชัย มั่นคง", position="นายกเทศมนตรีตำบลแหลมงอบ", signs_documents=True
    )

    User = get_user_model()

    def user(username: str, **extra: Any) -> Any:
        u = User.objects.create_user(
            username=username, email=f"{username}@example.go.th", password=DEMO_PASSWORD, **extra
        )
        ctx.logins.append((username, dict(LOGINS)[username]))
        return u

    for username, role in [
        ("demo-admin", Role.ADMIN),
        ("demo-editor", Role.EDITOR),
        ("demo-viewer", Role.VIEWER),
    ]:
        Membership.objects.create(user=user(username), agency=demo, role=role)
    Membership.objects.create(user=user("other-editor"), agency=other, role=Role.EDITOR)
    services.oversight_grant(user("district-overseer"), Role.DISTRICT_OVERSEER, district=mueang)
    services.oversight_grant(user("province-overseer"), Role.PROVINCE_OVERSEER, province=trat)
    services.oversight_grant(user("country-overseer"), Role.COUNTRY_OVERSEER)
    user("siteadmin", is_staff=True, is_superuser=True)
    ctx.objects.update(
        {"agency": demo, "other_agency": other, "province": trat, "district": mueang}
    )
