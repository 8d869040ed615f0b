"""The CGD procurement-contract data ("ภาษีไปไหน?", opend.data.go.th govspending/cgdcontract)
mapped to the สขร. ๑ (research §6.2):

    project_name → งานที่จัดซื้อหรือจัดจ้าง     project_money → วงเงิน
    price_build → ราคากลาง                  purchase_method_name → วิธีซื้อหรือจ้าง
    contract[].winner + price_agree → ผู้ได้รับการคัดเลือกและราคาที่ตกลง
    contract[].contract_no + contract_date → เลขที่และวันที่ของสัญญา
    project_id → เลขที่โครงการ (recognises the contract on a re-import)

The data has only completed contracts and neither the bidders with their prices nor the reason
for the choice: those stay for the officer to fill in. One entry per contract; the contracts of
other months are left out (counted). Read from a saved JSON file or fetched with the API key in
`settings.PRONGSAI_CGD_API_KEY` (`fetch`)."""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from prongsai.core.text import clean_text
from prongsai.core.thai import month_name, parse_date
from prongsai.procurement.importing import (
    ImportFailed,
    ImportReport,
    Row,
    money,
    row_error,
    rows_save,
)
from prongsai.procurement.models import ProcurementMonth, calendar_year
from prongsai.procurement.services import EntryInput

ENDPOINT = "https://opend.data.go.th/govspending/cgdcontract"
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 20  # seconds


def records_of(content: bytes) -> list[dict[str, Any]]:
    """The project records of a CGD answer: `{"result": [...]}` (or `data`), or a bare list."""
    if len(content) > MAX_BYTES:
        raise ImportFailed([_("ไฟล์ใหญ่เกิน ๒๐ MB")])
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ImportFailed([_("อ่านไฟล์ JSON ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ข้อมูลจากกรมบัญชีกลาง")]) from None
    if isinstance(data, dict):
        data = data.get("result", data.get("data"))
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ImportFailed([_("ไฟล์ JSON ไม่ใช่ข้อมูลสัญญาจัดซื้อจัดจ้างของกรมบัญชีกลาง (ไม่พบรายการ result)")])
    return data


def _text(value: Any, limit: int) -> str:
    return clean_text(str(value)).strip()[:limit] if value not in (None, "-") else ""


def _day(value: Any) -> dt.date | None:
    text = _text(value, 40)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return parse_date(text)


def rows_for_month(
    records: list[dict[str, Any]], register: ProcurementMonth
) -> tuple[list[Row], int]:
    """The rows of the month's contracts, and how many contracts fall in other months."""
    year, month = calendar_year(register.fiscal_year, register.month), register.month
    rows: list[Row] = []
    errors: list[str] = []
    outside = 0
    for number, record in enumerate(records, start=1):
        contracts = record.get("contract") or [{}]
        if not isinstance(contracts, list):
            contracts = [{}]
        for contract in contracts:
            contract = contract if isinstance(contract, dict) else {}
            day = _day(contract.get("contract_date")) or _day(record.get("transaction_date"))
            if day is None or (day.year, day.month) != (year, month):
                outside += 1
                continue
            row, problems = _row(number, record, contract, day)
            errors += problems
            if row is not None:
                rows.append(row)
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([_("ไม่มีสัญญาของเดือน%(month)s ในข้อมูลนี้") % {"month": month_name(month)}])
    return rows, outside


def _row(
    number: int, record: dict[str, Any], contract: dict[str, Any], day: dt.date
) -> tuple[Row | None, list[str]]:
    errors = []
    title = _text(record.get("project_name"), 500)
    if not title:
        errors.append(row_error(number, _("ไม่มีชื่อโครงการ (project_name)")))
    amounts = {}
    for key in ("project_money", "price_build"):
        value = money(record.get(key))
        if isinstance(value, str):
            errors.append(row_error(number, f"{key}: {value}"))
        amounts[key] = value
    price = money(contract.get("price_agree"))
    if isinstance(price, str):
        errors.append(row_error(number, f"price_agree: {price}"))
    if amounts["project_money"] is None and not errors:
        errors.append(row_error(number, _("ไม่มีวงเงิน (project_money)")))
    if errors:
        return None, errors
    entry = EntryInput(
        title=title,
        budget=amounts["project_money"],  # type: ignore[arg-type]
        median_price=amounts["price_build"],  # type: ignore[arg-type]
        method=_text(record.get("purchase_method_name"), 200) or "-",
        winner=_text(contract.get("winner") or contract.get("winner_name"), 300),
        winner_price=price,  # type: ignore[arg-type]
        contract_no=_text(contract.get("contract_no"), 100),
        contract_date=_day(contract.get("contract_date")) or day,
        project_id=_text(record.get("project_id"), 50),
        source="cgd",
    )
    return Row(number, entry), []


def import_cgd(register: ProcurementMonth, content: bytes, *, user: Any) -> ImportReport:
    rows, outside = rows_for_month(records_of(content), register)
    return rows_save(register, rows, user=user, outside=outside)


def fetch(dept_code: str, fiscal_year: int, *, timeout: float = TIMEOUT) -> bytes:
    """The agency's completed contracts of the fiscal year from the CGD API (all pages are not
    followed: one answer, as the API gives it)."""
    key = getattr(settings, "PRONGSAI_CGD_API_KEY", "")
    if not key:
        raise ImportFailed([_("ยังไม่ได้ตั้งค่า API key ของข้อมูลกรมบัญชีกลาง (PRONGSAI_CGD_API_KEY)")])
    query = urllib.parse.urlencode({"dept_code": dept_code, "year": fiscal_year})
    request = urllib.request.Request(f"{ENDPOINT}?{query}", headers={"api-key": key})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - fixed https URL
            return bytes(answer.read(MAX_BYTES + 1))
    except (OSError, ValueError):
        raise ImportFailed(
            [_("ดึงข้อมูลจากกรมบัญชีกลางไม่สำเร็จ ลองใหม่ภายหลัง หรืออัปโหลดไฟล์ JSON แทน")]
        ) from None
