"""Deadline reminders by e-mail: one message a day per agency to its admins and editors, listing
what is overdue or due soon. Run by a scheduler through `prongsai progress_remind`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from prongsai.core import thai
from prongsai.orgs.models import Agency, Membership, Role
from prongsai.plans.models import Plan
from prongsai.progress import conf
from prongsai.progress.deadlines import Deadlines, plan_deadlines
from prongsai.progress.models import ReminderLog
from prongsai.progress.selectors import today


def message_for(agency: Agency, d: Deadlines) -> tuple[str, str]:
    subject = thai.to_thai_digits(
        f"[Prongsai] {agency.short_name}: ล่าช้า {len(d.overdue)} รายการ "
        f"ครบกำหนดใน {d.days} วัน {len(d.soon)} รายการ"
    )
    lines = [
        f"{agency.full_name} — มาตรการประจำปีงบประมาณ พ.ศ. {d.plan.fiscal_year}",
        f"ข้อมูล ณ วันที่ {thai.format_date(d.on, digits_style='arabic')}",
        "",
    ]
    for heading, items in (
        ("ล่าช้า", d.overdue),
        ("ถึงกำหนดเริ่มแต่ยังไม่ดำเนินการ", d.not_started),
        (f"ครบกำหนดภายใน {d.days} วัน", d.soon),
        ("ยังไม่มีหลักฐาน", d.missing_evidence),
        ("ลิงก์หลักฐานใช้งานไม่ได้", d.broken_links),
    ):
        if not items:
            continue
        lines.append(f"{heading} ({len(items)})")
        lines += [
            f"  - {i.when_label} {i.title}: {i.detail}".replace("  -  ", "  - ") for i in items
        ]
        lines.append("")
    lines.append("เข้าสู่ระบบ Prongsai เพื่อบันทึกผลการดำเนินการ")
    return subject, thai.to_thai_digits("\n".join(lines))


def send_reminders(
    *, on: dt.date | None = None, agency_slug: str | None = None, days: int | None = None
) -> dict[str, Any]:
    on = on or today()
    days = conf.reminder_days() if days is None else days
    fy = thai.fiscal_year(on)
    plans = Plan.objects.filter(fiscal_year=fy).select_related("agency")
    if agency_slug:
        plans = plans.filter(agency__slug=agency_slug)
    sent, skipped = 0, 0
    for plan in plans:
        d = plan_deadlines(plan, on=on, days=days)
        if not (d.overdue or d.soon or d.not_started):
            continue
        emails = sorted(
            {
                m.user.email
                for m in Membership.objects.filter(
                    agency=plan.agency, role__in=[Role.ADMIN, Role.EDITOR], user__is_active=True
                ).select_related("user")
                if m.user.email
            }
        )
        if not emails:
            continue
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    agency=plan.agency, sent_on=on, recipients=len(emails), items=d.total
                )
                subject, body = message_for(plan.agency, d)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
        except IntegrityError:
            skipped += 1  # already sent today
            continue
        sent += 1
    return {"sent": sent, "skipped": skipped, "on": on.isoformat()}
