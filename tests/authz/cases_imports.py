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
    world.objects["draft"] = ImportDraft.objects.create(
        agency=world.agency, filename="x.txt", kind="plan", fiscal_year=2567, data=SAMPLE
    )


def draft(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "pk": w.objects["draft"].pk}


CASES = [
    Case("imports:upload", WRITE, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("imports:review", WRITE, kwargs=draft),
    Case("imports:discard", WRITE, kwargs=draft, method="post"),
]
