from typing import Any

from tests.authz.matrix import READ, WRITE, Case


def year(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "year": 2566}


# The result these pages analyse is built by cases_results.build.
CASES = [
    Case("analysis:index", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("analysis:year", READ, kwargs=year),
    Case(
        "analysis:year",
        WRITE,
        kwargs=year,
        method="post",
        data=lambda w: {"action": "texts", "constraints": "ข้อจำกัดทดสอบ"},
    ),
    Case("analysis:chart", READ, kwargs=lambda w: {**year(w), "kind": "indicators"}),
]
