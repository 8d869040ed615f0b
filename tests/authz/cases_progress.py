import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.plans import services as plan_services
from prongsai.plans.services import copies_folder
from prongsai.progress import services
from prongsai.progress.models import Period, ProgressReport, ReportEvent
from tests.authz.matrix import MANAGE, READ, WRITE, Case

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build(world: Any) -> None:
    if "measure" not in world.objects:  # normally made by cases_plans
        plan = plan_services.plan_create(agency=world.agency, fiscal_year=2567, user=None)
        issue = plan_services.issue_add(plan, title="ประเด็นทดสอบ", user=None)
        world.objects["plan"] = plan
        world.objects["measure"] = plan_services.measure_save(
            issue, user=None, data={"title": "มาตรการทดสอบ", "question_codes": "i1"}
        )
    measure = world.objects["measure"]
    # a loopback link: the link check refuses it without touching the network
    action = services.action_add(
        measure,
        user=None,
        data={"date": dt.date(2023, 11, 15), "text": "จัดทำคำสั่ง"},
        url="http://127.0.0.1:9/evidence",
        upload=SimpleUploadedFile("คำสั่ง.pdf", PDF),
    )
    report = ProgressReport.objects.create(plan=world.objects["plan"], period=Period.HALF)
    event = ReportEvent.objects.create(report=report, action="finalise", note="สรุปรายงาน")
    event.keep_copy(lambda: PDF, folder=copies_folder(world.objects["plan"]))
    world.objects.update(
        {
            "report_event": event,
            "action": action,
            "link_evidence": action.evidence.get(kind="link"),
            "file_evidence": action.evidence.get(kind="file"),
        }
    )


def plan(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "year": w.objects["plan"].fiscal_year}


def obj(key: str) -> Any:
    return lambda w: {**plan(w), "pk": w.objects[key].pk}


def note(period: str) -> Any:
    return lambda w: {**plan(w), "pk": w.objects["measure"].pk, "period": period}


def report(period: str) -> Any:
    return lambda w: {**plan(w), "period": period}


def download(period: str, kind: str, fmt: str) -> Any:
    return lambda w: {**plan(w), "period": period, "kind": kind, "fmt": fmt}


ACTION_POST = {"date": "2024-01-15", "text": "ประชุมชี้แจงบุคลากร", "url": "https://example.go.th/x"}
NOTE_POST = {"result": "ดำเนินการแล้ว", "cause": "", "problems": "", "suggestions": "", "outcome": ""}
MEMO_POST = {"memo_unit": "สำนักปลัด", "memo_ref": "ตร 1/-", "memo_date": "2024-04-03", "memo_to": ""}

CASES = [
    Case("progress:index", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("progress:deadlines", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("progress:plan", READ, kwargs=plan),
    Case("progress:export", READ, kwargs=plan),
    Case("progress:links_check", WRITE, kwargs=plan, method="post"),
    Case("progress:measure", READ, kwargs=obj("measure")),
    Case(
        "progress:action_add",
        WRITE,
        kwargs=obj("measure"),
        method="post",
        data=lambda w: ACTION_POST,
    ),
    Case("progress:note_edit", WRITE, kwargs=note(Period.HALF)),
    Case(
        "progress:note_edit",
        WRITE,
        kwargs=note(Period.YEAR),
        method="post",
        data=lambda w: NOTE_POST,
    ),
    Case("progress:action_edit", WRITE, kwargs=obj("action")),
    Case(
        "progress:action_edit",
        WRITE,
        kwargs=obj("action"),
        method="post",
        data=lambda w: {"date": "2023-11-16", "text": "แก้ไขแล้ว"},
    ),
    Case("progress:action_delete", WRITE, kwargs=obj("action"), method="post"),
    Case(
        "progress:evidence_add",
        WRITE,
        kwargs=obj("action"),
        method="post",
        data=lambda w: {"url": "https://example.go.th/more"},
    ),
    Case("progress:evidence_delete", WRITE, kwargs=obj("link_evidence"), method="post"),
    Case("progress:evidence_file", READ, kwargs=obj("file_evidence")),
    Case("progress:reports", READ, kwargs=plan),
    Case("progress:report_copy", READ, kwargs=obj("report_event")),
    Case("progress:memo_edit", WRITE, kwargs=report(Period.HALF)),
    Case(
        "progress:memo_edit",
        WRITE,
        kwargs=report(Period.YEAR),
        method="post",
        data=lambda w: MEMO_POST,
    ),
    Case("progress:finalise", WRITE, kwargs=report(Period.HALF), method="post"),
    Case("progress:reopen", MANAGE, kwargs=report(Period.YEAR), method="post"),
    Case("progress:download", READ, kwargs=download(Period.HALF, "status", "pdf")),
    Case("progress:download", READ, kwargs=download(Period.YEAR, "annual", "docx"), query="memo=1"),
]
