"""The registers' part of the deadlines dashboard and the daily reminder e-mails
(`prongsai progress_remind`): loans past their return date or due back soon, and gifts above
3,000 baht not yet reported to the head (overdue after 30 days)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.plans.models import Plan
from prongsai.progress.deadlines import Deadlines, Item
from prongsai.registers.models import Gift, Loan, LoanStatus


def registers_deadlines(plan: Plan, on: dt.date, horizon: dt.date, out: Deadlines) -> None:
    agency = plan.agency
    # every loan still out, whatever its year: a loan of last year not back is still overdue
    for loan in Loan.objects.filter(
        agency=agency, status=LoanStatus.APPROVED, due_on__lte=horizon
    ).prefetch_related("rows__asset"):
        url = reverse("registers:loans", kwargs={"slug": agency.slug, "year": loan.fiscal_year})
        title = _("ยืมทรัพย์สิน: %(who)s") % {"who": loan.borrower}
        items = thai.local_digits(loan.items_text.replace("\n", ", "))
        if loan.due_on < on:
            out.overdue.append(
                Item(loan.due_on, title, _("เกินกำหนดส่งคืน: %(items)s") % {"items": items}, url=url)
            )
        else:
            out.soon.append(
                Item(loan.due_on, title, _("กำหนดส่งคืน: %(items)s") % {"items": items}, url=url)
            )
    gifts = Gift.objects.filter(agency=agency, fiscal_year=plan.fiscal_year, reported_on=None)
    for gift in gifts:
        if not gift.must_report or gift.report_due > horizon:
            continue
        url = reverse("registers:gifts", kwargs={"slug": agency.slug, "year": gift.fiscal_year})
        title = _("รายงานการรับทรัพย์สิน: %(item)s (%(who)s)") % {
            "item": gift.item,
            "who": gift.recipient,
        }
        detail = thai.local_digits(_("มูลค่าเกิน 3,000 บาท ต้องรายงานผู้บังคับบัญชาภายใน 30 วัน"))
        (out.overdue if gift.report_due < on else out.soon).append(
            Item(gift.report_due, title, detail, url=url)
        )
