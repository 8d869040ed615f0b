from typing import Any

from tests.authz.matrix import PUBLIC, READ, WRITE, Case, agency


def build(world: Any) -> None:
    from prongsai.feedback import services
    from prongsai.feedback.models import Guideline, Service

    service = services.service_save(Service(agency=world.agency, name="จดทะเบียนพาณิชย์"))
    services.rating_add(service, score=4, comment="บริการดี")
    waiting = services.question_ask(world.agency, subject="เอกสาร", text="ต้องใช้อะไรบ้าง")
    answered = services.question_ask(world.agency, subject="ภาษี", text="ชำระเมื่อไร")
    services.question_answer(answered, user=None, answer="ภายในเมษายน")
    Guideline.objects.create(agency=world.agency, steps="รับเรื่อง\nตรวจสอบ", days_to_finish=15)
    world.objects.update({"fb_service": service, "fb_question": waiting, "fb_answered": answered})


def obj(key: str) -> Any:
    return lambda w: {"slug": w.agency.slug, "pk": w.objects[key].pk}


def answer(w: Any) -> dict[str, Any]:
    return {"answer": "คำตอบ"}


CASES = [
    Case("feedback:index", READ, kwargs=agency),
    Case("feedback:questions", READ, kwargs=agency),
    Case("feedback:questions", READ, kwargs=agency, query="status=new"),
    Case("feedback:question", READ, kwargs=obj("fb_question")),
    Case("feedback:question", WRITE, kwargs=obj("fb_question"), method="post", data=answer),
    Case(
        "feedback:question_status",
        WRITE,
        kwargs=obj("fb_question"),
        method="post",
        data=lambda w: {"status": "rejected"},
    ),
    Case("feedback:question_delete", WRITE, kwargs=obj("fb_question"), method="post"),
    Case("feedback:services", READ, kwargs=agency),
    Case(
        "feedback:services",
        WRITE,
        kwargs=agency,
        method="post",
        data=lambda w: {"name": "งานใหม่", "order": "2", "active": "on"},
    ),
    Case("feedback:service_edit", WRITE, kwargs=obj("fb_service")),
    Case(
        "feedback:service_edit",
        WRITE,
        kwargs=obj("fb_service"),
        method="post",
        data=lambda w: {"name": "จดทะเบียน", "order": "1", "active": "on"},
    ),
    Case("feedback:service_delete", WRITE, kwargs=obj("fb_service"), method="post"),
    Case("feedback:survey", READ, kwargs=agency),
    Case("feedback:survey_chart", READ, kwargs=agency),
    Case("feedback:evidence", WRITE, kwargs=agency),
    Case("feedback:evidence", WRITE, kwargs=agency, method="post"),
    Case("feedback:guideline", READ, kwargs=agency),
    Case(
        "feedback:guideline",
        WRITE,
        kwargs=agency,
        method="post",
        data=lambda w: {"steps": "รับเรื่อง", "days_to_finish": "15"},
    ),
    Case(
        "feedback:guideline_preview", READ, kwargs=lambda w: {"slug": w.agency.slug, "fmt": "docx"}
    ),
    Case("feedback:guideline", READ | {"receiver": "ok"}, kwargs=agency, query="year=2566"),
    Case(
        "feedback:guideline_preview",
        READ | {"receiver": "ok"},
        kwargs=lambda w: {"slug": w.agency.slug, "fmt": "pdf"},
        query="year=2567",
    ),
    Case("feedback:guideline_publish", WRITE, kwargs=agency, method="post"),
    Case(
        "feedback:guideline_publish",
        WRITE | {"receiver": "403"},
        kwargs=agency,
        method="post",
        data=lambda w: {"year": "2567"},
    ),
    Case("feedback:poster", READ, kwargs=agency),
    Case("feedback_public:hub", PUBLIC, kwargs=agency),
    Case("feedback_public:questions", PUBLIC, kwargs=agency),
    Case(
        "feedback_public:questions",
        PUBLIC,
        kwargs=agency,
        method="post",
        data=lambda w: {"subject": "ถาม", "text": "ข้อความ"},
    ),
    Case("feedback_public:services", PUBLIC, kwargs=agency),
    Case("feedback_public:rate", PUBLIC, kwargs=obj("fb_service")),
    Case(
        "feedback_public:rate",
        PUBLIC,
        kwargs=obj("fb_service"),
        method="post",
        data=lambda w: {"score": "5"},
    ),
]
