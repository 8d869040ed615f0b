"""Writes of the OIT register: create a year's register from its framework, copy last year's
forward, edit a row, add and remove evidence, record link checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.fields import LONG_TEXT
from prongsai.core.thai import is_fiscal_year
from prongsai.frameworks.extras import default_due_date
from prongsai.frameworks.models import Framework
from prongsai.oit.models import Entry, EntryFile, EntryLink, EntryStatus, Register
from prongsai.orgs.models import Agency
from prongsai.progress import evidence_files
from prongsai.progress.models import LinkStatus

MAX_LINKS_PER_ENTRY = 30
MAX_FILES_PER_ENTRY = 30  # RTRDA's FY2569 O12 had 25 links; more is a flood, not evidence


def _framework(year: int) -> Framework:
    if not is_fiscal_year(year):
        raise ValidationError(_("ปีงบประมาณไม่ถูกต้อง"))
    fw = Framework.objects.filter(year=year).first()
    if fw is None or not fw.oit_items.exists():
        raise ValidationError(
            _("ยังไม่มีรายการ OIT ในเกณฑ์ของปีงบประมาณ %(year)s จึงสร้างทะเบียนไม่ได้") % {"year": year}
        )
    return fw


@transaction.atomic
def register_create(agency: Agency, fiscal_year: int, *, user: Any = None) -> Register:
    """The year's register with one row per OIT item of the year's framework (idempotent:
    an existing register is returned as it is, rows for items added since are added)."""
    fw = _framework(fiscal_year)
    register, _created = Register.objects.get_or_create(
        agency=agency, fiscal_year=fiscal_year, defaults={"created_by": user}
    )
    due = default_due_date(fw.data or {})
    have = set(register.entries.values_list("code", flat=True))
    for item in fw.oit_items.order_by("order"):
        if item.code not in have:
            Entry.objects.create(
                register=register, code=item.code, order=item.order, due_date=due, updated_by=user
            )
    return register


def _title_key(title: str | None) -> str:
    return re.sub(r"[\s–\-/()]+", "", title or "").lower()


@dataclass(frozen=True)
class CopyReport:
    matched: int  # rows that got last year's responsible people and links
    unmatched: int  # rows with no item of the same title last year


@transaction.atomic
def register_copy_forward(agency: Agency, fiscal_year: int, *, user: Any = None) -> CopyReport:
    """Copy last year's register into this year's: responsible unit and person, notes and
    links (with their explanations) of the item with the same title, statuses reset to
    "ยังไม่เริ่ม", link checks and the years the evidence covers cleared. Items are matched by
    title, never by code: codes are renumbered between years (FY2568 O11 is not FY2569 O11)."""
    previous = Register.objects.filter(agency=agency, fiscal_year=fiscal_year - 1).first()
    if previous is None:
        raise ValidationError(
            _("ไม่มีทะเบียนของปีงบประมาณ %(year)s ให้คัดลอก") % {"year": fiscal_year - 1}
        )
    register = register_create(agency, fiscal_year, user=user)
    old_fw = Framework.objects.filter(year=previous.fiscal_year).first()
    new_fw = Framework.objects.get(year=fiscal_year)
    old_titles = {
        i.code: _title_key(i.title) for i in (old_fw.oit_items.all() if old_fw else []) if i.title
    }
    by_title: dict[str, Entry] = {}
    for e in previous.entries.prefetch_related("links"):
        if e.code in old_titles:
            by_title.setdefault(old_titles[e.code], e)
    titles = {i.code: _title_key(i.title) for i in new_fw.oit_items.all()}
    matched = unmatched = 0
    for entry in register.entries.all():
        old = by_title.get(titles.get(entry.code) or "\0")
        if old is None:
            unmatched += 1
            continue
        matched += 1
        entry.unit_id, entry.person_id = old.unit_id, old.person_id
        entry.notes = old.notes
        entry.status = EntryStatus.TODO
        entry.updated_by = user
        entry.save()
        have = set(entry.links.values_list("url", flat=True))
        for link in old.links.all():
            if link.url in have:
                continue
            EntryLink.objects.create(entry=entry, url=link.url, explanation=link.explanation)
    register.copied_from = previous.fiscal_year
    register.save(update_fields=["copied_from"])
    return CopyReport(matched, unmatched)


def entry_save(entry: Entry, *, data: dict[str, Any], user: Any = None) -> Entry:
    for name in ("status", "unit", "person", "due_date", "notes"):
        if name in data:
            setattr(entry, name, data[name])
    if len(entry.notes) > LONG_TEXT:
        raise ValidationError({"notes": _("ข้อความยาวเกินกำหนด")})
    if entry.status not in EntryStatus.values:
        raise ValidationError({"status": _("สถานะไม่ถูกต้อง")})
    entry.updated_by = user
    entry.save()
    return entry


def link_add(
    entry: Entry, *, url: str, explanation: str = "", covers_year: int | None = None
) -> EntryLink:
    if entry.links.count() >= MAX_LINKS_PER_ENTRY:
        raise ValidationError(_("รายการหนึ่งมีลิงก์ได้ไม่เกิน %(n)s ลิงก์") % {"n": MAX_LINKS_PER_ENTRY})
    if covers_year is not None and not is_fiscal_year(covers_year):
        raise ValidationError({"covers_year": _("ปีงบประมาณไม่ถูกต้อง")})
    if len(explanation) > LONG_TEXT or len(url) > 1000:
        raise ValidationError({"explanation": _("ข้อความยาวเกินกำหนด")})
    return EntryLink.objects.create(
        entry=entry, url=url, explanation=explanation, covers_year=covers_year
    )


def link_delete(link: EntryLink) -> None:
    link.delete()


def file_folder(entry: Entry) -> str:
    register = entry.register
    return f"oit/{register.agency_id}/{register.fiscal_year}"


@transaction.atomic
def file_add(
    entry: Entry, *, upload: Any, title: str = "", covers_year: int | None = None
) -> EntryFile:
    if covers_year is not None and not is_fiscal_year(covers_year):
        raise ValidationError({"covers_year": _("ปีงบประมาณไม่ถูกต้อง")})
    if entry.files.count() >= MAX_FILES_PER_ENTRY:
        raise ValidationError(_("รายการหนึ่งมีไฟล์ได้ไม่เกิน %(n)s ไฟล์") % {"n": MAX_FILES_PER_ENTRY})
    stored = evidence_files.store_upload(upload, folder=file_folder(entry))
    try:
        return EntryFile.objects.create(
            entry=entry,
            title=title,
            covers_year=covers_year,
            file_path=stored.path,
            file_name=stored.name,
            content_type=stored.content_type,
            size=stored.size,
            sha256=stored.sha256,
        )
    except Exception:
        evidence_files.remove(stored.path)
        raise


def file_delete(file: EntryFile) -> None:
    path = file.file_path
    file.delete()
    transaction.on_commit(lambda: evidence_files.remove(path))


def link_record_check(
    link: EntryLink, *, status: str, http_status: int | None, detail: str
) -> None:
    """Keep one link check's outcome. A bulk update: the agency's stamp is replaced by hand."""
    from prongsai.orgs.stamps import agency_touch

    if status not in LinkStatus.values:
        raise ValueError(f"unknown link status {status!r}")
    with transaction.atomic():
        EntryLink.objects.filter(pk=link.pk).update(
            link_status=status,
            link_http_status=http_status,
            link_detail=detail[:300],
            link_checked_at=timezone.now(),
        )
        agency_touch(link.entry.register.agency_id)


def register_links(register: Register) -> list[EntryLink]:
    """The officer's links of the register (Prongsai's own document links are not stored and
    not checked over the network: they are this site's pages)."""
    return list(
        EntryLink.objects.filter(entry__register=register).select_related("entry__register")
    )
