"""The loans' item lines and the events' participant lines (JSON lists) become rows: each loan
item names an asset of its agency's catalogue (made here when the number is new), each
participant line a group row (decision 43)."""

from typing import Any

from django.db import migrations

#: an item typed without an asset number gets one of these, one per distinct name
NO_NUMBER = "ไม่มีหมายเลข-"


def _asset(Asset: Any, agency_id: int, item: dict[str, Any], made: dict[Any, Any]) -> Any:
    number = str(item.get("asset_number") or "").strip()[:60]
    name = str(item.get("name") or "").strip()[:200] or "-"
    key = (agency_id, number or f"\0{name}")
    if key in made:
        return made[key]
    if number:
        asset = Asset.objects.filter(agency_id=agency_id, number=number).first()
        asset = asset or Asset.objects.create(agency_id=agency_id, number=number, name=name)
    else:
        asset = Asset.objects.filter(
            agency_id=agency_id, number__startswith=NO_NUMBER, name=name
        ).first()
        if asset is None:
            n = Asset.objects.filter(agency_id=agency_id, number__startswith=NO_NUMBER).count()
            while Asset.objects.filter(agency_id=agency_id, number=f"{NO_NUMBER}{n + 1}").exists():
                n += 1
            asset = Asset.objects.create(
                agency_id=agency_id, number=f"{NO_NUMBER}{n + 1}", name=name
            )
    made[key] = asset
    return asset


def _count(value: Any, default: int) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return default


def forward(apps: Any, schema_editor: Any) -> None:
    Loan = apps.get_model("registers", "Loan")
    LoanItem = apps.get_model("registers", "LoanItem")
    Asset = apps.get_model("registers", "Asset")
    Event = apps.get_model("registers", "Event")
    Group = apps.get_model("registers", "ParticipantGroup")
    made: dict[Any, Any] = {}
    for loan in Loan.objects.order_by("pk").iterator():
        for n, item in enumerate(loan.items or []):
            if not isinstance(item, dict):
                continue
            LoanItem.objects.create(
                agency_id=loan.agency_id,
                loan=loan,
                asset=_asset(Asset, loan.agency_id, item, made),
                quantity=_count(item.get("quantity"), 1) or 1,
                order=n,
            )
    for event in Event.objects.order_by("pk").iterator():
        for n, group in enumerate(event.participants or []):
            if not isinstance(group, dict):
                continue
            Group.objects.create(
                agency_id=event.agency_id,
                event=event,
                name=str(group.get("group") or "-")[:100],
                count=_count(group.get("count"), 0),
                order=n,
            )


def backward(apps: Any, schema_editor: Any) -> None:
    Loan = apps.get_model("registers", "Loan")
    Event = apps.get_model("registers", "Event")
    for loan in Loan.objects.prefetch_related("rows__asset"):
        loan.items = [
            {
                "asset_number": "" if r.asset.number.startswith(NO_NUMBER) else r.asset.number,
                "name": r.asset.name,
                "quantity": r.quantity,
            }
            for r in loan.rows.order_by("order", "pk")
        ]
        loan.save(update_fields=["items"])
    for event in Event.objects.prefetch_related("groups"):
        event.participants = [
            {"group": g.name, "count": g.count} for g in event.groups.order_by("order", "pk")
        ]
        event.save(update_fields=["participants"])


class Migration(migrations.Migration):
    dependencies = [
        ("registers", "0002_asset_catalogue"),
    ]

    operations = [migrations.RunPython(forward, backward)]
