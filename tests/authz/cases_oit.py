from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.oit import services
from tests.authz.matrix import PUBLIC, READ, WRITE, Case

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
YEAR = 2569
NOWHERE = dict.fromkeys(PUBLIC, "404")


def build(world: Any) -> None:
    services.register_create(world.agency, YEAR - 1)  # so the register offers "copy forward"
    register = services.register_create(world.agency, YEAR)
    entry = register.entries.get(code="o12")
    # a loopback link: the link check refuses it without touching the network
    link = services.link_add(entry, url="http://127.0.0.1:9/oit", explanation="เมนู ITA")
    file = services.file_add(entry, upload=SimpleUploadedFile("สขร.pdf", PDF), title="สขร. ต.ค.")
    world.objects.update({"oit_register": register, "oit_link": link, "oit_file": file})
    # the public document is the report finalised by cases_progress (built after this module)


def reg(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "year": YEAR}


def item(code: str) -> Any:
    return lambda w: {**reg(w), "code": code}


def obj(key: str) -> Any:
    return lambda w: {**reg(w), "pk": w.objects[key].pk}


def doc(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "key": f"report-{w.objects['report_event'].pk}"}


def public(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug}


CASES = [
    Case("oit:index", READ, kwargs=public),
    Case("oit:create", WRITE, kwargs=public, method="post", data=lambda w: {"year": "2568"}),
    Case("oit:register", READ, kwargs=reg),
    Case("oit:export", READ, kwargs=reg),
    Case("oit:print", READ, kwargs=reg),
    Case("oit:copy", WRITE, kwargs=reg, method="post"),
    Case("oit:links_check", WRITE, kwargs=reg, method="post"),
    Case("oit:entry", READ, kwargs=item("o12")),
    Case(
        "oit:entry",
        WRITE,
        kwargs=item("o12"),
        method="post",
        data=lambda w: {"status": "doing", "notes": "กำลังรวบรวม"},
    ),
    Case(
        "oit:link_add",
        WRITE,
        kwargs=item("o12"),
        method="post",
        data=lambda w: {"url": "https://example.go.th/oit/o12", "explanation": "ไฟล์ที่ 1"},
    ),
    Case(
        "oit:file_add",
        WRITE,
        kwargs=item("o12"),
        method="post",
        data=lambda w: {"file": SimpleUploadedFile("คำสั่ง.pdf", PDF), "title": "คำสั่ง"},
    ),
    Case("oit:link_delete", WRITE, kwargs=obj("oit_link"), method="post"),
    Case("oit:file_delete", WRITE, kwargs=obj("oit_file"), method="post"),
    Case("oit:file", READ, kwargs=obj("oit_file")),
    Case("oit_public:documents", PUBLIC, kwargs=public),
    Case("oit_public:document", PUBLIC, kwargs=doc),
    Case("oit_public:document_pdf", PUBLIC, kwargs=doc),
    # a plan or report has no other format: every actor gets "not found"
    Case("oit_public:document_file", NOWHERE, kwargs=lambda w: {**doc(w), "ext": "xlsx"}),
    Case("oit_public:feed", PUBLIC, kwargs=public),
    Case("oit_public:embed", PUBLIC, kwargs=public),
]

# OIT readiness for overseers: as the oversight pages
from tests.authz.cases_oversight import NEITHER, OURS, THEIRS, ours, province, theirs  # noqa: E402

CASES += [
    Case("oit_oversight:country", NEITHER),
    Case("oit_oversight:province", NEITHER, kwargs=province),
    Case("oit_oversight:district", OURS, kwargs=ours, query="year=2569"),
    Case("oit_oversight:district", OURS, kwargs=ours, query="year=2569&format=csv"),
    Case("oit_oversight:district", THEIRS, kwargs=theirs),
]
