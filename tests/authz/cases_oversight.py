"""Oversight pages: agency members never see them (403); a district overseer sees its own
district only (another district, the province and the country are 404 for it); bulk import is
for site staff, so every member of the cast gets 403 there."""

from typing import Any

from tests.authz.matrix import Case

MEMBERS_FORBIDDEN = {"admin": "403", "editor": "403", "viewer": "403", "other": "403"}
# The district overseer above the first agency, the overseer of the other district.
BOTH = MEMBERS_FORBIDDEN | {"overseer_above": "ok", "overseer_elsewhere": "ok", "anon": "login"}
OURS = MEMBERS_FORBIDDEN | {"overseer_above": "ok", "overseer_elsewhere": "404", "anon": "login"}
THEIRS = MEMBERS_FORBIDDEN | {"overseer_above": "404", "overseer_elsewhere": "ok", "anon": "login"}
NEITHER = MEMBERS_FORBIDDEN | {
    "overseer_above": "404",
    "overseer_elsewhere": "404",
    "anon": "login",
}
STAFF_ONLY = MEMBERS_FORBIDDEN | {
    "overseer_above": "403", "overseer_elsewhere": "403", "anon": "login",
}  # fmt: skip


def build(world: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from prongsai.oversight.models import BulkImport

    # waiting for a worker for three minutes: its page offers the retry button
    job = BulkImport.objects.create(filename="r.csv", rows=1)
    BulkImport.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=3))
    world.objects["bulk_import"] = job


def ours(w: Any) -> dict[str, Any]:
    return {"code": w.agency.district.code}


def theirs(w: Any) -> dict[str, Any]:
    return {"code": w.other_agency.district.code}


def province(w: Any) -> dict[str, Any]:
    return {"code": w.agency.district.province.code}


def fmt(kwargs: Any, f: str) -> Any:
    return lambda w: {**kwargs(w), "fmt": f}


CASES = [
    Case("oversight:home", BOTH),
    Case("oversight:country", NEITHER),
    Case("oversight:province", NEITHER, kwargs=province),
    Case("oversight:district", OURS, kwargs=ours),
    Case("oversight:district", THEIRS, kwargs=theirs),
    Case("oversight:district", OURS, kwargs=ours, query="district=9002&province=90"),
    Case("oversight:country_export", NEITHER, kwargs=lambda w: {"fmt": "xlsx"}),
    Case("oversight:province_export", NEITHER, kwargs=fmt(province, "csv")),
    Case("oversight:district_export", OURS, kwargs=fmt(ours, "xlsx")),
    Case("oversight:district_export", OURS, kwargs=fmt(ours, "csv")),
    Case("oversight:district_export", THEIRS, kwargs=fmt(theirs, "csv")),
    Case("oversight:bulk", STAFF_ONLY),
    Case("oversight:bulk", STAFF_ONLY, method="post"),
    Case("oversight:bulk_template", STAFF_ONLY, kwargs=lambda w: {"fmt": "xlsx"}),
    Case("oversight:bulk_job", STAFF_ONLY, kwargs=lambda w: {"pk": w.objects["bulk_import"].pk}),
    Case(
        "oversight:bulk_retry",
        STAFF_ONLY,
        kwargs=lambda w: {"pk": w.objects["bulk_import"].pk},
        method="post",
    ),
]
