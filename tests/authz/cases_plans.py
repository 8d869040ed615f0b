from typing import Any

from prongsai.plans import services
from prongsai.plans.models import PlanRevision
from tests.authz.matrix import MANAGE, READ, WRITE, Case


def build(world: Any) -> None:
    plan = services.plan_create(
        agency=world.agency, fiscal_year=2567, based_on_year=2566, user=None
    )
    issue = services.issue_add(plan, title="ประเด็นทดสอบ", user=None)
    measure = services.measure_save(
        issue,
        user=None,
        data={"title": "มาตรการทดสอบ", "question_codes": "i1", "steps": ["ขั้นที่หนึ่ง"]},
    )
    world.objects.update({"plan": plan, "issue": issue, "measure": measure})
    # an entry of the history with its official copy (as an approval leaves one)
    revision = PlanRevision.objects.create(plan=plan, action="approve", summary="x", snapshot={})
    revision.keep_copy(lambda: b"%PDF-1.4\n%%EOF\n", folder=services.copies_folder(plan))
    world.objects["revision"] = revision


def plan(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "year": w.objects["plan"].fiscal_year}


def plan_obj(key: str) -> Any:
    return lambda w: {**plan(w), "pk": w.objects[key].pk}


MEASURE_POST = {
    "title": "มาตรการแก้ไข",
    "question_codes": "i1",
    "steps": "ขั้นที่หนึ่ง",
    "start_month": 1,
    "end_month": 12,
    "mon-TOTAL_FORMS": 0,
    "mon-INITIAL_FORMS": 0,
}

CASES = [
    Case("plans:list", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case(
        "plans:list",
        WRITE,
        kwargs=lambda w: {"slug": w.agency.slug},
        method="post",
        data=lambda w: {"fiscal_year": 2568},
    ),
    Case("plans:detail", READ, kwargs=plan),
    Case("plans:edit", WRITE, kwargs=plan),
    Case("plans:copy", WRITE, kwargs=plan, method="post"),
    Case("plans:suggest", WRITE, kwargs=plan),
    Case("plans:issue_add", WRITE, kwargs=plan, method="post", data=lambda w: {"title": "ใหม่"}),
    Case("plans:issue_edit", WRITE, kwargs=plan_obj("issue")),
    Case("plans:issue_delete", WRITE, kwargs=plan_obj("issue"), method="post"),
    Case(
        "plans:issue_move",
        WRITE,
        kwargs=plan_obj("issue"),
        method="post",
        data=lambda w: {"direction": "down"},
    ),
    Case("plans:measure_add", WRITE, kwargs=plan_obj("issue")),
    Case(
        "plans:measure_add",
        WRITE,
        kwargs=plan_obj("issue"),
        method="post",
        data=lambda w: MEASURE_POST,
    ),
    Case("plans:measure_edit", WRITE, kwargs=plan_obj("measure")),
    Case(
        "plans:measure_edit",
        WRITE,
        kwargs=plan_obj("measure"),
        method="post",
        data=lambda w: MEASURE_POST,
    ),
    Case("plans:measure_delete", WRITE, kwargs=plan_obj("measure"), method="post"),
    Case(
        "plans:measure_move",
        WRITE,
        kwargs=plan_obj("measure"),
        method="post",
        data=lambda w: {"direction": "up"},
    ),
    Case("plans:approve", MANAGE, kwargs=plan, method="post"),
    Case("plans:reopen", MANAGE, kwargs=plan, method="post"),
    Case("plans:history", READ, kwargs=plan),
    Case("plans:revision_copy", READ, kwargs=plan_obj("revision")),
    Case("plans:preview", READ, kwargs=plan),
    Case("plans:preview_page", READ, kwargs=lambda w: {**plan(w), "page": 1}),
    Case("plans:download", READ, kwargs=lambda w: {**plan(w), "fmt": "pdf"}),
    Case("plans:download", READ, kwargs=lambda w: {**plan(w), "fmt": "docx"}, query="layout=B"),
]
