import datetime as dt
from typing import Any

from django.utils import timezone

from prongsai.jobs.models import DocumentJob
from tests.authz.matrix import MANAGE, READ, WRITE, Case


def build(world: Any) -> None:
    # waiting for a worker for three minutes: its page offers the retry button (and cancel)
    job = DocumentJob.objects.create(
        agency=world.agency, fiscal_year=2567, kinds=["plan"], formats=["pdf"], total=1
    )
    DocumentJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=3)
    )
    world.objects["job"] = job


def job(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "pk": w.objects["job"].pk}


NOT_READY = {k: ("404" if v in ("ok", "404") else v) for k, v in READ.items()}

CASES = [
    Case("jobs:list", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case(
        "jobs:list",
        WRITE,
        kwargs=lambda w: {"slug": w.agency.slug},
        method="post",
        data=lambda w: {"fiscal_year": 2567, "kind": ["plan"], "format": ["pdf"]},
    ),
    Case("jobs:detail", READ, kwargs=job),
    Case("jobs:download", NOT_READY, kwargs=job),  # not rendered yet: nobody gets a file
    Case("jobs:cancel", MANAGE, kwargs=job, method="post"),  # the agency admin only
    Case("jobs:retry", WRITE, kwargs=job, method="post"),  # the job is stalled
]
