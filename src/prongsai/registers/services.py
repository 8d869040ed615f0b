"""Every write to the registers. Each checks its dates against the fiscal year and writes all
or nothing; files are checked by content (progress.evidence_files) before their row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core import files, thai
from prongsai.core.documents import DocumentOptions
from prongsai.documents import render
from prongsai.orgs.models import Agency
from prongsai.progress import evidence_files
from prongsai.registers import selectors
from prongsai.registers.models import (
    Asset,
    AssetState,
    DocKind,
    Event,
    EventFile,
    Gift,
    Loan,
    LoanItem,
    LoanStatus,
    NoGiftPolicy,
    ParticipantGroup,
    Publication,
    Risk,
)

GIFT_FIELDS = (
    "received_on", "recipient", "recipient_position", "giver", "relation", "occasion", "item",
    "value", "action", "reported_on", "decision",
)  # fmt: skip
RISK_FIELDS = (
    "area", "process", "description", "likelihood", "impact", "controls", "owner", "status",
    "follow_up",
)  # fmt: skip
EVENT_FIELDS = ("held_on", "topic", "organiser", "hours", "outcome", "use")
POLICY_FIELDS = ("declared_on", "signer_name", "signer_position", "statement")


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _in_year(year: int, day: dt.date | None, field: str, label: str) -> dict[str, str]:
    if day is not None and day not in thai.fiscal_year_period(year):
        return {
            field: _("%(label)sต้องอยู่ในปีงบประมาณ %(year)s")
            % {"label": label, "year": thai.local_digits(year)}
        }
    return {}


def _not_future(day: dt.date | None, field: str, label: str) -> dict[str, str]:
    if day is not None and day > selectors.today():
        return {field: _("%(label)sต้องไม่เลยวันนี้") % {"label": label}}
    return {}


def _pick(data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: data[name] for name in names if name in data}


def policy_save(agency: Agency, year: int, data: dict[str, Any]) -> NoGiftPolicy:
    errors = _in_year(year, data.get("declared_on"), "declared_on", _("วันที่ประกาศ"))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        policy, _created = NoGiftPolicy.objects.select_for_update().get_or_create(
            agency=agency, fiscal_year=year
        )
        for name, value in _pick(data, POLICY_FIELDS).items():
            setattr(policy, name, value if value is not None or name == "declared_on" else "")
        policy.save()
    return policy


def _check_gift(year: int, data: dict[str, Any]) -> None:
    errors = _in_year(year, data.get("received_on"), "received_on", _("วันที่รับ"))
    errors |= _not_future(data.get("received_on"), "received_on", _("วันที่รับ"))
    reported = data.get("reported_on")
    errors |= _not_future(reported, "reported_on", _("วันที่รายงาน"))
    received = data.get("received_on")
    if reported and received and reported < received:
        errors["reported_on"] = _("วันที่รายงานต้องไม่ก่อนวันที่รับ")
    if errors:
        raise ValidationError(errors)


def gift_add(agency: Agency, year: int, data: dict[str, Any]) -> Gift:
    _check_gift(year, data)
    return Gift.objects.create(agency=agency, fiscal_year=year, **_pick(data, GIFT_FIELDS))


def gift_update(gift: Gift, data: dict[str, Any]) -> Gift:
    _check_gift(gift.fiscal_year, data)
    for name, value in _pick(data, GIFT_FIELDS).items():
        setattr(gift, name, value)
    gift.save()
    return gift


def gift_report(gift: Gift, reported_on: dt.date) -> Gift:
    data = {**{f: getattr(gift, f) for f in GIFT_FIELDS}, "reported_on": reported_on}
    return gift_update(gift, data)


def gift_delete(gift: Gift) -> None:
    gift.delete()


ASSET_FIELDS = ("number", "name", "unit", "state")


def _check_asset(agency: Agency, data: dict[str, Any], pk: int | None = None) -> None:
    number = (data.get("number") or "").strip()
    taken = Asset.objects.filter(agency=agency, number=number)
    if pk is not None:
        taken = taken.exclude(pk=pk)
    if taken.exists():
        raise ValidationError(
            {
                "number": _("หมายเลขครุภัณฑ์ %(number)s มีในทะเบียนแล้ว")
                % {"number": thai.local_digits_in_text(number)}
            }
        )


def asset_add(agency: Agency, data: dict[str, Any]) -> Asset:
    data = {**data, "number": (data.get("number") or "").strip()}
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()  # one number at a time
        _check_asset(agency, data)
        return Asset.objects.create(agency=agency, **_pick(data, ASSET_FIELDS))


def asset_update(asset: Asset, data: dict[str, Any]) -> Asset:
    data = {**data, "number": (data.get("number") or "").strip()}
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=asset.agency_id).first()
        _check_asset(asset.agency, data, asset.pk)
        for name, value in _pick(data, ASSET_FIELDS).items():
            setattr(asset, name, value)
        asset.save()
    return asset


#: a loan in these states holds its assets from its first day to its return (or due) date
HOLDING = (LoanStatus.REQUESTED, LoanStatus.APPROVED, LoanStatus.RETURNED)


def _clashes(assets: list[Asset], starts: dt.date, ends: dt.date) -> list[str]:
    """Each asset already lent (or asked for) on a day between starts and ends."""
    rows = (
        LoanItem.objects.filter(
            asset__in=assets, loan__status__in=HOLDING, loan__starts_on__lte=ends
        )
        .select_related("loan", "asset")
        .order_by("loan__starts_on", "pk")
    )
    found = []
    for row in rows:
        loan = row.loan
        until = loan.returned_on if loan.status == LoanStatus.RETURNED else loan.due_on
        if until is not None and until >= starts:
            found.append(
                _("%(asset)s ถูกยืมโดย %(who)s ช่วง %(start)s – %(end)s อยู่แล้ว ยืมซ้ำในช่วงเวลาเดียวกันไม่ได้")
                % {
                    "asset": thai.local_digits_in_text(str(row.asset)),
                    "who": loan.borrower,
                    "start": thai.local_date(loan.starts_on, style="abbr"),
                    "end": thai.local_date(until, style="abbr"),
                }
            )
    return found


def loan_request(agency: Agency, year: int, data: dict[str, Any]) -> Loan:
    """A request with its item rows (`items`: asset, quantity, note). Refused, with nothing
    written, when a date is wrong, an asset is not the agency's or retired, or an asset is
    already lent or asked for on one of the days (decision 43)."""
    errors = _in_year(year, data.get("starts_on"), "starts_on", _("วันที่ยืม"))
    if data.get("starts_on") and data.get("due_on") and data["due_on"] < data["starts_on"]:
        errors["due_on"] = _("กำหนดส่งคืนต้องไม่ก่อนวันที่ยืม")
    items = list(data.get("items") or [])
    if not items:
        errors[NON_FIELD_ERRORS] = _("กรุณาเลือกครุภัณฑ์ที่ยืมอย่างน้อย 1 รายการ")
    if errors:
        raise ValidationError(errors)
    fields = ("borrower", "position", "unit", "kind", "purpose", "starts_on", "due_on")
    with transaction.atomic():
        wanted = {item["asset"].pk for item in items}
        # lock the assets: two requests for one asset wait for each other, the second sees the first
        assets = list(Asset.objects.select_for_update().filter(agency=agency, pk__in=wanted))
        if len(assets) != len(wanted) or len(items) != len(wanted):
            raise ValidationError({NON_FIELD_ERRORS: _("รายการครุภัณฑ์ไม่ถูกต้อง กรุณาเลือกใหม่")})
        retired = [a for a in assets if a.state != AssetState.ACTIVE]
        if retired:
            message = _("%(asset)s เลิกใช้แล้ว ให้ยืมไม่ได้") % {
                "asset": thai.local_digits_in_text(str(retired[0]))
            }
            raise ValidationError({NON_FIELD_ERRORS: message})
        clashes = _clashes(assets, data["starts_on"], data["due_on"])
        if clashes:
            raise ValidationError({NON_FIELD_ERRORS: clashes})  # on the form, not a message
        loan = Loan.objects.create(agency=agency, fiscal_year=year, **_pick(data, fields))
        for n, item in enumerate(items):  # one by one: each row in the audit trail
            LoanItem.objects.create(
                agency=agency,
                loan=loan,
                asset=item["asset"],
                quantity=int(item.get("quantity") or 1),
                note=(item.get("note") or "")[:200],
                order=n,
            )
    return loan


def _locked(loan: Loan) -> Loan:
    return Loan.objects.select_for_update().get(pk=loan.pk)


@transaction.atomic
def loan_decide(loan: Loan, *, approve: bool, user: Any, on: dt.date | None = None) -> Loan:
    loan = _locked(loan)
    if loan.status != LoanStatus.REQUESTED:
        raise ValidationError(_("คำขอนี้พิจารณาไปแล้ว"))
    loan.status = LoanStatus.APPROVED if approve else LoanStatus.REJECTED
    loan.decided_by, loan.decided_on = _user(user), on or selectors.today()
    loan.save()
    return loan


@transaction.atomic
def loan_return(loan: Loan, data: dict[str, Any]) -> Loan:
    loan = _locked(loan)
    if loan.status != LoanStatus.APPROVED:
        raise ValidationError(_("ส่งคืนได้เฉพาะรายการที่อนุมัติให้ยืมแล้ว"))
    day = data["returned_on"]
    errors = _not_future(day, "returned_on", _("วันที่ส่งคืน"))
    if day < loan.starts_on:
        errors["returned_on"] = _("วันที่ส่งคืนต้องไม่ก่อนวันที่ยืม")
    if errors:
        raise ValidationError(errors)
    loan.status, loan.returned_on = LoanStatus.RETURNED, day
    loan.condition, loan.condition_note = data["condition"], data.get("condition_note") or ""
    loan.save()
    return loan


def risk_add(agency: Agency, year: int, data: dict[str, Any]) -> Risk:
    return Risk.objects.create(agency=agency, fiscal_year=year, **_pick(data, RISK_FIELDS))


def risk_update(risk: Risk, data: dict[str, Any]) -> Risk:
    for name, value in _pick(data, RISK_FIELDS).items():
        setattr(risk, name, value)
    risk.save()
    return risk


def risk_delete(risk: Risk) -> None:
    risk.delete()


def event_add(
    agency: Agency, year: int, kind: str, data: dict[str, Any], upload: Any = None, title: str = ""
) -> Event:
    errors = _in_year(year, data.get("held_on"), "held_on", _("วันที่จัด"))
    if errors:
        raise ValidationError(errors)
    written: list[str] = []
    try:
        with transaction.atomic():
            event = Event.objects.create(
                agency=agency, fiscal_year=year, kind=kind, **_pick(data, EVENT_FIELDS)
            )
            for n, g in enumerate(data.get("participants") or []):
                ParticipantGroup.objects.create(
                    agency=agency,
                    event=event,
                    name=str(g["group"])[:100],
                    count=int(g.get("count") or 0),
                    order=n,
                )
            if upload is not None:
                stored = evidence_files.store_upload(upload, folder=f"registers/{agency.pk}/{year}")
                written.append(stored.path)
                EventFile.objects.create(
                    agency=agency,
                    event=event,
                    title=title[:200],
                    file_path=stored.path,
                    file_name=stored.name,
                    content_type=stored.content_type,
                    size=stored.size,
                    sha256=stored.sha256,
                )
    except BaseException:
        for path in written:
            evidence_files.remove(path)
        raise
    return event


def event_delete(event: Event) -> None:
    paths = list(event.files.values_list("file_path", flat=True))
    with transaction.atomic():
        event.delete()
        transaction.on_commit(lambda: _remove_all(paths))


def _remove_all(paths: list[str]) -> None:
    for path in paths:
        evidence_files.remove(path)


def document_bytes(
    kind: str, agency: Agency, year: int, fmt: str, digits: str | None = None
) -> bytes:
    from prongsai.registers.documents import BUILDERS

    return render(BUILDERS[kind](agency, year, DocumentOptions(digits=digits)), fmt)  # type: ignore[arg-type]


def publish(agency: Agency, year: int, kind: str, *, user: Any) -> Publication:
    """Render the document as it stands now and keep it (PDF and DOCX) as the official copy;
    the public page and the OIT register show the newest one of each kind and year."""
    from prongsai.registers.documents import BUILDERS, digest_of

    DocKind(kind)
    document = BUILDERS[kind](agency, year, DocumentOptions())  # one build: files and digest agree
    pdf, docx = render(document, "pdf"), render(document, "docx")
    folder = f"registers/{agency.pk}/{year}/official"
    stored_pdf = files.bytes_store(pdf, folder=folder, extension="pdf")
    stored_docx = files.bytes_store(docx, folder=folder, extension="docx")
    return Publication.objects.create(
        source_digest=digest_of(document),
        agency=agency,
        fiscal_year=year,
        kind=kind,
        by=_user(user),
        copy_path=stored_pdf.path,
        copy_size=stored_pdf.size,
        copy_sha256=stored_pdf.sha256,
        docx_path=stored_docx.path,
        docx_size=stored_docx.size,
        docx_sha256=stored_docx.sha256,
    )


def attach_to_measure(
    measure: Any, *, user: Any, day: dt.date, text: str, url: str, pdf: bytes, name: str
) -> Any:
    """A register record as dated evidence of a measure, in one action (progress.services):
    the register's document as it stands (a PDF file) and, when the site's address is a public
    one, the link to the register page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prongsai.progress.services import action_add, clean_link

    try:
        link = clean_link(url)
    except ValidationError:  # a site without a public name (localhost, a test server)
        link = ""
    return action_add(
        measure,
        user=user,
        data={"date": day, "text": text[:2000]},
        url=link,
        evidence_title=text[:200],
        upload=SimpleUploadedFile(name, pdf, content_type="application/pdf"),
    )
