"""Reaching feedback records: officers through the agency's access check, the public only
through `public_agency` and only what is published (answered questions, active services)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from prongsai.core import thai
from prongsai.feedback.models import Question, Service
from prongsai.orgs.access import AgencyAccess, Need, get_agency_for_user, get_or_404
from prongsai.orgs.models import Agency


def get_question_for_user(
    user: Any, slug: str, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Question]:
    access = get_agency_for_user(user, slug, need)
    question = get_or_404(
        Question.objects.select_related("agency", "answered_by"),
        gettext_noop("ไม่พบคำถามนี้"),
        agency=access.agency,
        pk=pk,
    )
    return access, question


def get_service_for_user(
    user: Any, slug: str, pk: int, need: Need = Need.READ
) -> tuple[AgencyAccess, Service]:
    access = get_agency_for_user(user, slug, need)
    service = get_or_404(
        Service.objects.select_related("agency"),
        gettext_noop("ไม่พบงานบริการนี้"),
        agency=access.agency,
        pk=pk,
    )
    return access, service


def public_agency(slug: str) -> Agency:
    """The agency of a public page (no login); its pages follow its digit choice."""
    agency = get_or_404(
        Agency.objects.select_related("district__province"),
        gettext_noop("ไม่พบหน่วยงานนี้"),
        slug=slug,
    )
    thai.set_page_digits(agency.digit_style)
    return agency


def public_service(slug: str, pk: int) -> tuple[Agency, Service]:
    """An active service of the agency, for the public survey form."""
    agency = public_agency(slug)
    service = get_or_404(
        Service.objects, gettext_noop("ไม่พบงานบริการนี้"), agency=agency, pk=pk, active=True
    )
    return agency, service
