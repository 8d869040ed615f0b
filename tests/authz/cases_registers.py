import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.registers import services
from tests.authz.matrix import MANAGE, READ, WRITE, Case

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
YEAR = 2567  # the year of the matrix's plan (cases_plans): records attach to its measure
DAY = dt.date(2024, 6, 3)  # in the second half: the first half's report is finalised


def build(world: Any) -> None:
    agency = world.agency
    gift = services.gift_add(
        agency,
        YEAR,
        {
            "received_on": DAY,
            "recipient": "นายทดสอบ",
            "giver": "ผู้รับเหมา",
            "relation": "other",
            "item": "บัตรกำนัล",
            "value": Decimal("5000"),
            "action": "pending",
        },
    )
    sound, tent, projector = (
        services.asset_add(agency, {"number": n, "name": name, "unit": "", "state": "active"})
        for n, name in [
            ("416-60-0003", "เครื่องเสียง"),
            ("480-62-0001", "เต็นท์"),
            ("417-59-0012", "เครื่องฉายภาพ"),
        ]
    )
    loan = services.loan_request(
        agency,
        YEAR,
        {
            "borrower": "นายยืม",
            "purpose": "งานกีฬา",
            "kind": "durable",
            "items": [{"asset": sound, "quantity": 1}],
            "starts_on": DAY,
            "due_on": DAY + dt.timedelta(days=3),
        },
    )
    out = services.loan_request(
        agency,
        YEAR,
        {
            "borrower": "นางยืมอยู่",
            "purpose": "ประชาคม",
            "kind": "durable",
            "items": [{"asset": tent, "quantity": 2}],
            "starts_on": DAY,
            "due_on": DAY + dt.timedelta(days=3),
        },
    )
    services.loan_decide(out, approve=True, user=None)
    risk = services.risk_add(
        agency,
        YEAR,
        {
            "area": "permits",
            "process": "การอนุญาตก่อสร้าง",
            "description": "เรียกรับผลประโยชน์",
            "likelihood": 3,
            "impact": 4,
            "controls": "ประกาศขั้นตอน",
            "status": "planned",
        },
    )
    event = services.event_add(
        agency,
        YEAR,
        "ethics",
        {
            "held_on": DAY,
            "topic": "อบรมจริยธรรม",
            "hours": Decimal("3"),
            "participants": [{"group": "พนักงาน", "count": 20}],
        },
        upload=SimpleUploadedFile("ภาพ.pdf", PDF),
    )
    world.objects.update(
        {
            "reg_gift": gift,
            "reg_loan": loan,
            "reg_out": out,
            "reg_risk": risk,
            "reg_event": event,
            "reg_asset": projector,
            "reg_file": event.files.get(),
        }
    )


def year(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "year": YEAR}


def obj(key: str) -> Any:
    return lambda w: {**year(w), "pk": w.objects[key].pk}


def doc(kind: str, fmt: str = "pdf") -> Any:
    return lambda w: {**year(w), "kind": kind, "fmt": fmt}


def attach(what: str, key: str) -> Any:
    return lambda w: {**year(w), "what": what, "pk": w.objects[key].pk}


def rows(prefix: str, filled: list[dict[str, str]]) -> dict[str, str]:
    """A formset's posted fields: its management form and the filled rows."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(filled)), f"{prefix}-INITIAL_FORMS": "0"}
    for n, row in enumerate(filled):
        data |= {f"{prefix}-{n}-{name}": value for name, value in row.items()}
    return data


GIFT = {
    "received_on": "03/06/2567",
    "recipient": "นางรับ",
    "giver": "บริษัท",
    "relation": "other",
    "item": "กระเช้า",
    "value": "1,200",
    "action": "kept",
}

CASES = [
    Case("registers:index", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("registers:year", READ, kwargs=year),
    Case("registers:gifts", READ, kwargs=year),
    Case("registers:gifts", WRITE, kwargs=year, method="post", data=lambda w: GIFT),
    Case("registers:policy", READ, kwargs=year),
    Case(
        "registers:policy",
        WRITE,
        kwargs=year,
        method="post",
        data=lambda w: {"signer_name": "นายก", "signer_position": "นายก อบต."},
    ),
    Case("registers:gift", READ, kwargs=obj("reg_gift")),
    Case("registers:gift", WRITE, kwargs=obj("reg_gift"), method="post", data=lambda w: GIFT),
    Case(
        "registers:gift_report",
        WRITE,
        kwargs=obj("reg_gift"),
        method="post",
        data=lambda w: {"reported_on": "10/06/2567"},
    ),
    Case("registers:gift_delete", WRITE, kwargs=obj("reg_gift"), method="post"),
    Case("registers:loans", READ, kwargs=year),
    Case(
        "registers:loans",
        WRITE,
        kwargs=year,
        method="post",
        data=lambda w: {
            "borrower": "นายยืม",
            "kind": "durable",
            "purpose": "ประชุม",
            **rows("item", [{"asset": str(w.objects["reg_asset"].pk), "quantity": "1"}]),
            "starts_on": "03/06/2567",
            "due_on": "05/06/2567",
        },
    ),
    Case("registers:assets", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case(
        "registers:assets",
        WRITE,
        kwargs=lambda w: {"slug": w.agency.slug},
        method="post",
        data=lambda w: {"number": "416-61-0099", "name": "ไมโครโฟน", "state": "active"},
    ),
    Case(
        "registers:asset",
        READ,
        kwargs=lambda w: {"slug": w.agency.slug, "pk": w.objects["reg_asset"].pk},
    ),
    Case(
        "registers:asset",
        WRITE,
        kwargs=lambda w: {"slug": w.agency.slug, "pk": w.objects["reg_asset"].pk},
        method="post",
        data=lambda w: {
            "number": "417-59-0012",
            "name": "เครื่องฉายภาพ LCD",
            "unit": "เครื่อง",
            "state": "active",
        },
    ),
    Case(
        "registers:loan_decide",
        MANAGE,
        kwargs=obj("reg_loan"),
        method="post",
        data=lambda w: {"decision": "approve"},
    ),
    Case(
        "registers:loan_return",
        WRITE,
        kwargs=obj("reg_out"),
        method="post",
        data=lambda w: {"returned_on": "05/06/2567", "condition": "good"},
    ),
    Case("registers:loan_pdf", READ, kwargs=obj("reg_loan")),
    Case("registers:risks", READ, kwargs=year),
    Case(
        "registers:risks",
        WRITE,
        kwargs=year,
        method="post",
        data=lambda w: {
            "area": "hr",
            "process": "สรรหา",
            "description": "ช่วยพวกพ้อง",
            "likelihood": "2",
            "impact": "3",
            "status": "planned",
        },
    ),
    Case("registers:risk", READ, kwargs=obj("reg_risk")),
    Case(
        "registers:risk",
        WRITE,
        kwargs=obj("reg_risk"),
        method="post",
        data=lambda w: {
            "area": "permits",
            "process": "การอนุญาต",
            "description": "เรียกรับ",
            "likelihood": "2",
            "impact": "2",
            "status": "done",
            "follow_up": "ทำแล้ว",
        },
    ),
    Case("registers:risk_delete", WRITE, kwargs=obj("reg_risk"), method="post"),
    Case("registers:events", READ, kwargs=lambda w: {**year(w), "kind": "ethics"}),
    Case(
        "registers:events",
        WRITE,
        kwargs=lambda w: {**year(w), "kind": "participation"},
        method="post",
        data=lambda w: {
            "held_on": "03/06/2567",
            "topic": "ประชาคม",
            "hours": "2",
            **rows("group", [{"name": "ประชาชน", "count": "40"}]),
            "file": SimpleUploadedFile("ภาพ.pdf", PDF),
        },
    ),
    Case("registers:event_delete", WRITE, kwargs=obj("reg_event"), method="post"),
    Case("registers:event_file", READ, kwargs=obj("reg_file")),
    Case("registers:document", READ, kwargs=doc("nogift-report")),
    Case("registers:document", READ, kwargs=doc("risk", "docx")),
    Case(
        "registers:publish", MANAGE, kwargs=lambda w: {**year(w), "kind": "nogift"}, method="post"
    ),
    Case("registers:attach", WRITE, kwargs=attach("gift", "reg_gift")),
    Case(
        "registers:attach",
        WRITE,
        kwargs=attach("event", "reg_event"),
        method="post",
        data=lambda w: {"measure": str(w.objects["measure"].pk)},
    ),
]
