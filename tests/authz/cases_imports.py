from typing import Any

from prongsai.imports.models import ImportDraft
from tests.authz.matrix import WRITE, Case

SAMPLE = {
    "kind": "plan",
    "fiscal_year": 2567,
    "measures": [],
    "organization": {},
    "scores": {},
    "warnings": [],
}


def build(world: Any) -> None:
    # with the checker's findings as it stores them: places in its script form ("line 8")
    findings = [
        {"code": "duplicate_measure", "severity": "warning", "where": "measure 3",
         "message": "มาตรการซ้ำกับ measure 2"},
        {"code": "wrong_agency", "severity": "error", "where": "line 8", "message": "ชื่อหน่วยงานอื่น"},
        {"code": "unreadable", "severity": "info", "where": "document", "message": "อ่านบางส่วนไม่ได้"},
    ]  # fmt: skip
    world.objects["draft"] = ImportDraft.objects.create(
        agency=world.agency,
        filename="x.txt",
        kind="plan",
        fiscal_year=2567,
        data=SAMPLE,
        findings=findings,
    )


def draft(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "pk": w.objects["draft"].pk}


CASES = [
    Case("imports:upload", WRITE, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("imports:review", WRITE, kwargs=draft),
    Case("imports:discard", WRITE, kwargs=draft, method="post"),
]
