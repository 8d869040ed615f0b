"""The channels: corruption reports open to the agency's receiver only (the admin, other
officers and overseers get 403, another agency 404); complaints to the receiver and the members
who may write; the O18 statistics to every reader; the public pages to everyone."""

from __future__ import annotations

import time
from typing import Any

from prongsai.channels import services
from prongsai.channels.models import Kind
from prongsai.core import abuse
from tests.authz.matrix import MANAGE, PUBLIC, READ, Case

RECEIVER_ONLY = {
    "admin": "403", "editor": "403", "viewer": "403", "other": "404",
    "overseer_above": "403", "overseer_elsewhere": "404", "anon": "login", "receiver": "ok",
}  # fmt: skip
HANDLERS = RECEIVER_ONLY | {"admin": "ok", "editor": "ok"}
ADMIN_ONLY = MANAGE | {"receiver": "403"}
READERS = READ | {"receiver": "ok"}
EVERYONE = PUBLIC | {"receiver": "ok"}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def started() -> str:
    """A form start time far enough back to pass the minimum fill time."""
    return abuse.start_token(time.time() - 60)


def build(world: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    agency = world.agency
    receiver = services.receiver_add(agency, world.users["receiver"], "นางรับเรื่อง ปลอดภัย")
    filed = services.report_create(
        agency,
        kind=Kind.CORRUPTION,
        subject="เรียกรับเงิน",
        body="รายละเอียด",
        identity={"name": "ผู้แจ้ง ทดสอบ"},
        uploads=[SimpleUploadedFile("a.png", PNG)],
    )
    complaint = services.report_create(
        agency, kind=Kind.COMPLAINT, category="light", subject="ไฟดับ", body="ไฟดับสามต้น"
    )
    world.objects.update(
        {
            "channel_receiver": receiver,
            "channel_report": filed.report,
            "channel_code": filed.code,
            "channel_complaint": complaint.report,
            "channel_file": filed.report.attachments.get(),
        }
    )


def slug(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug}


def rep(key: str) -> Any:
    return lambda w: {"slug": w.agency.slug, "pk": w.objects[key].pk}


def report_data(w: Any) -> dict[str, Any]:
    return {"subject": "เรื่องทดสอบ", "body": "รายละเอียดทดสอบ", "started": started()}


def complaint_data(w: Any) -> dict[str, Any]:
    return {**report_data(w), "category": "road"}


CASES = [
    Case("channels:index", HANDLERS, kwargs=slug),
    Case("channels:report", RECEIVER_ONLY, kwargs=rep("channel_report")),
    Case("channels:report", HANDLERS, kwargs=rep("channel_complaint")),
    Case(
        "channels:reply",
        RECEIVER_ONLY,
        kwargs=rep("channel_report"),
        method="post",
        data=lambda w: {"status": "in_progress", "body": "กำลังตรวจสอบ"},
    ),
    Case(
        "channels:reply",
        HANDLERS,
        kwargs=rep("channel_complaint"),
        method="post",
        data=lambda w: {"status": "in_progress", "body": "กำลังซ่อม"},
    ),
    Case("channels:identity", RECEIVER_ONLY, kwargs=rep("channel_report"), method="post"),
    Case("channels:stand_aside", RECEIVER_ONLY, kwargs=rep("channel_report"), method="post"),
    Case(
        "channels:attachment",
        RECEIVER_ONLY,
        kwargs=lambda w: {
            "slug": w.agency.slug,
            "pk": w.objects["channel_report"].pk,
            "file_pk": w.objects["channel_file"].pk,
        },
    ),
    Case("channels:receivers", ADMIN_ONLY, kwargs=slug),
    Case(
        "channels:receivers",
        ADMIN_ONLY,
        kwargs=slug,
        method="post",
        data=lambda w: {"reply_days": "10", "identity_retention_days": "30"},
    ),
    Case("channels:receiver_remove", ADMIN_ONLY, kwargs=rep("channel_receiver"), method="post"),
    Case("channels:stats", READERS, kwargs=slug),
    Case("channels:stats_file", READERS, kwargs=lambda w: {"slug": w.agency.slug, "fmt": "xlsx"}),
    Case(
        "channels:stats_file",
        READERS,
        kwargs=lambda w: {"slug": w.agency.slug, "fmt": "pdf"},
        query="year=2569&by=quarter",
    ),
    Case(
        "channels:publish",
        HANDLERS | {"editor": "ok"},
        kwargs=slug,
        method="post",
        data=lambda w: {"year": "2569", "by": "quarter"},
    ),
    Case("channels_public:report", EVERYONE, kwargs=slug),
    Case("channels_public:report", EVERYONE, kwargs=slug, method="post", data=report_data),
    Case("channels_public:complaint", EVERYONE, kwargs=slug),
    Case("channels_public:complaint", EVERYONE, kwargs=slug, method="post", data=complaint_data),
    Case("channels_public:follow", EVERYONE, kwargs=slug),
    Case(
        "channels_public:follow",
        EVERYONE,
        kwargs=slug,
        method="post",
        data=lambda w: {"code": w.objects["channel_code"]},
    ),
]

# Oversight: counts only, as the oversight pages
from tests.authz.cases_oversight import NEITHER, OURS, THEIRS, ours, province, theirs  # noqa: E402

CASES += [
    Case("channels_oversight:country", NEITHER | {"receiver": "403"}),
    Case("channels_oversight:province", NEITHER | {"receiver": "403"}, kwargs=province),
    Case("channels_oversight:district", OURS | {"receiver": "403"}, kwargs=ours, query="year=2569"),
    Case("channels_oversight:district", THEIRS | {"receiver": "403"}, kwargs=theirs),
]
