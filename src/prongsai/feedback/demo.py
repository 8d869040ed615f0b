"""The demo agency's public channels: three services rated over the fiscal year so far, a few
questions (two answered and public, one waiting, one held back as spam)."""

from __future__ import annotations

import datetime as dt
import random

from prongsai.core.demo import DemoContext

SERVICES = [
    ("จดทะเบียนพาณิชย์", "ยื่นคำขอจดทะเบียนพาณิชย์และเปลี่ยนแปลงรายการ"),
    ("ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "ชำระภาษีประจำปีที่สำนักงาน"),
    ("ขออนุญาตก่อสร้างอาคาร", "ยื่นแบบและขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร"),
]
QUESTIONS = [
    (
        "เอกสารจดทะเบียนพาณิชย์",
        "ต้องใช้เอกสารอะไรบ้างในการจดทะเบียนพาณิชย์ร้านค้าออนไลน์",
        "ใช้สำเนาบัตรประชาชน สำเนาทะเบียนบ้าน และแบบคำขอ ทพ. ยื่นได้ที่กองคลังในวันและเวลาราชการ",
    ),
    (
        "กำหนดชำระภาษีที่ดิน",
        "ภาษีที่ดินและสิ่งปลูกสร้างปีนี้ต้องชำระภายในเดือนไหน",
        "ชำระได้ถึงวันที่ 30 เมษายน หากชำระหลังจากนั้นจะมีเงินเพิ่มตามกฎหมาย",
    ),
    ("ไฟทางสาธารณะดับ", "ไฟทางหน้าโรงเรียนดับมาหนึ่งสัปดาห์ แจ้งได้ที่ใด", ""),
]


def build_demo_feedback(ctx: DemoContext) -> None:
    from django.utils import timezone

    from prongsai.feedback import services
    from prongsai.feedback.models import Guideline, Rating, Service
    from prongsai.orgs.stamps import agency_touch

    agency = ctx.objects["agency"]
    rows = [
        services.service_save(Service(agency=agency, name=n, description=d, order=i))
        for i, (n, d) in enumerate(SERVICES, start=1)
    ]
    rng = random.Random(14)  # noqa: S311 - demo data, not security
    now = timezone.now()
    for days_ago in range(0, 60, 2):
        for service in rows:
            score = rng.choices([5, 4, 3, 2], weights=[5, 4, 2, 1])[0]
            rating = services.rating_add(service, score=score, comment="")
            Rating.objects.filter(pk=rating.pk).update(at=now - dt.timedelta(days=days_ago))
    for subject, text, answer in QUESTIONS:
        q = services.question_ask(agency, subject=subject, text=text)
        if answer:
            services.question_answer(q, user=None, answer=answer)
    services.question_ask(
        agency, subject="โปรโมชั่น", text="ดูที่ http://spam.example และ http://spam2.example"
    )
    Guideline.objects.create(
        agency=agency,
        responsible_unit="สำนักปลัด (งานนิติการ)",
        days_to_finish=15,
        steps=services.guideline_of(agency).steps,
        channels=services.guideline_of(agency).channels,
        contact="โทร 0 4400 0000 ในวันและเวลาราชการ",
    )
    agency_touch(agency.pk)
