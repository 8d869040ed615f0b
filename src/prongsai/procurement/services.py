"""Every write of the สขร. ๑ registers. A closed month is frozen: entries, the nil mark and
imports refuse until an admin reopens it (with a reason). Closing keeps the month's PDF and XLSX
as official copies on the closing's history entry."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.files import bytes_store
from prongsai.core.thai import is_fiscal_year
from prongsai.orgs.models import Agency
from prongsai.procurement.models import Bidder, MonthEvent, ProcurementEntry, ProcurementMonth

logger = logging.getLogger(__name__)
FOLDER = "procurement"


@dataclass
class BidderInput:
    name: str
    price: Decimal | None = None


@dataclass
class EntryInput:
    title: str
    budget: Decimal
    method: str
    median_price: Decimal | None = None
    winner: str = ""
    winner_price: Decimal | None = None
    reason: str = ""
    contract_no: str = ""
    contract_date: Any = None
    project_id: str = ""
    number: int | None = None
    bidders: Sequence[BidderInput] = field(default_factory=list)
    source: str = "form"

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.strip(),
            "budget": self.budget,
            "median_price": self.median_price,
            "method": self.method.strip(),
            "winner": self.winner.strip(),
            "winner_price": self.winner_price,
            "reason": self.reason.strip(),
            "contract_no": self.contract_no.strip(),
            "contract_date": self.contract_date,
            "project_id": self.project_id.strip(),
        }


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def month_get_or_create(agency: Agency, fiscal_year: int, month: int) -> ProcurementMonth:
    if not is_fiscal_year(fiscal_year) or month not in range(1, 13):
        raise ValidationError(_("ไม่มีเดือนนี้ในปีงบประมาณ"))
    register, _created = ProcurementMonth.objects.get_or_create(
        agency=agency, fiscal_year=fiscal_year, month=month
    )
    return register


def lock_month(register: ProcurementMonth) -> ProcurementMonth:
    """The month's row, locked for this transaction, and refused when closed."""
    fresh = ProcurementMonth.objects.select_for_update().get(pk=register.pk)
    if fresh.closed:
        raise ValidationError(_("เดือนนี้ปิดแล้ว ผู้ดูแลต้องเปิดแก้ไขอีกครั้งก่อน"))
    return fresh


def _set_bidders(entry: ProcurementEntry, bidders: Sequence[BidderInput]) -> None:
    entry.bidders.all().delete()
    Bidder.objects.bulk_create(
        Bidder(entry=entry, position=n, name=b.name.strip(), price=b.price)
        for n, b in enumerate(bidders)
        if b.name.strip()
    )


def _check(data: EntryInput) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("กรุณาระบุงานที่จัดซื้อหรือจัดจ้าง")
    if not data.method.strip():
        errors["method"] = _("กรุณาระบุวิธีซื้อหรือจ้าง")
    for name, value in (
        ("budget", data.budget),
        ("median_price", data.median_price),
        ("winner_price", data.winner_price),
    ):
        if value is not None and value < 0:
            errors[name] = _("จำนวนเงินต้องไม่ติดลบ")
    if errors:
        raise ValidationError(errors)


def entry_add(register: ProcurementMonth, data: EntryInput, *, user: Any) -> ProcurementEntry:
    _check(data)
    with transaction.atomic():
        fresh = lock_month(register)
        entry = ProcurementEntry.objects.create(
            register=fresh, number=data.number or _next_number(fresh), source=data.source,
            **data.values(),
        )  # fmt: skip
        _set_bidders(entry, data.bidders)
        _touch(fresh, user)
    return entry


def _next_number(register: ProcurementMonth) -> int:
    last = register.entries.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def _touch(register: ProcurementMonth, user: Any, **changes: Any) -> None:
    for name, value in changes.items():
        setattr(register, name, value)
    register.updated_by = _user(user)
    register.save()


def entry_update(entry: ProcurementEntry, data: EntryInput, *, user: Any) -> ProcurementEntry:
    _check(data)
    with transaction.atomic():
        fresh = lock_month(entry.register)
        if not ProcurementEntry.objects.filter(pk=entry.pk).exists():
            raise ValidationError(_("รายการนี้ถูกลบไปแล้ว"))
        for name, value in data.values().items():
            setattr(entry, name, value)
        if data.number:
            entry.number = data.number
        entry.save()
        _set_bidders(entry, data.bidders)
        _touch(fresh, user)
    return entry


def entry_delete(entry: ProcurementEntry, *, user: Any) -> None:
    with transaction.atomic():
        fresh = lock_month(entry.register)
        ProcurementEntry.objects.filter(pk=entry.pk).delete()
        _touch(fresh, user)


def month_set_nil(register: ProcurementMonth, nil: bool, *, user: Any) -> ProcurementMonth:
    """Mark the month as one without procurement (only when it has no entries), or unmark it."""
    with transaction.atomic():
        fresh = lock_month(register)
        if nil and fresh.entries.exists():
            raise ValidationError(_("เดือนนี้มีรายการจัดซื้อจัดจ้างแล้ว จึงระบุว่าไม่มีการจัดซื้อจัดจ้างไม่ได้"))
        _touch(fresh, user, nil=nil)
    return fresh


def month_close(register: ProcurementMonth, *, user: Any) -> MonthEvent:
    """Close the month and keep its PDF and XLSX as they stand. A month with nothing recorded
    (no entry, not marked nil) cannot be closed: its document would say nothing."""
    from prongsai.documents import render
    from prongsai.procurement import documents

    with transaction.atomic():
        fresh = lock_month(register)
        if not fresh.nil and not fresh.entries.exists():
            raise ValidationError(
                _("ยังไม่มีรายการในเดือนนี้ บันทึกรายการ หรือระบุว่าไม่มีการจัดซื้อจัดจ้าง ก่อนปิดเดือน")
            )
        _touch(fresh, user, closed=True)
        event = MonthEvent.objects.create(
            register=fresh, user=_user(user), action=MonthEvent.Action.CLOSED
        )
        data = documents.month_data(fresh)
        event.keep_copy(
            lambda: render(documents.month_document(fresh.agency, data), "pdf"), folder=FOLDER
        )
        _keep_xlsx(event, lambda: documents.month_xlsx(fresh.agency, [data]))
    return event


def _keep_xlsx(event: MonthEvent, build: Any) -> None:
    try:
        stored = bytes_store(build(), folder=FOLDER, extension="xlsx")
    except Exception:
        logger.exception("the XLSX copy could not be built or written (%s)", FOLDER)
        return
    event.xlsx_path, event.xlsx_size, event.xlsx_sha256 = stored.path, stored.size, stored.sha256
    event.save(update_fields=["xlsx_path", "xlsx_size", "xlsx_sha256"])


def month_reopen(register: ProcurementMonth, reason: str, *, user: Any) -> MonthEvent:
    """Open a closed month for changes again. The copies kept at the closing stay (what was
    published stays as published until the month is closed again)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่เปิดแก้ไขอีกครั้ง")})
    with transaction.atomic():
        fresh = ProcurementMonth.objects.select_for_update().get(pk=register.pk)
        if not fresh.closed:
            raise ValidationError(_("เดือนนี้ยังไม่ได้ปิด"))
        _touch(fresh, user, closed=False)
        return MonthEvent.objects.create(
            register=fresh, user=_user(user), action=MonthEvent.Action.REOPENED, reason=reason[:500]
        )
