"""Reads about agencies, their places, units and people."""

from __future__ import annotations

from django.db.models import QuerySet

from prongsai.orgs.models import Agency, Membership, Person, Unit


def agency_units(agency: Agency) -> QuerySet[Unit]:
    return Unit.objects.filter(agency=agency)


def agency_people(agency: Agency) -> QuerySet[Person]:
    return Person.objects.filter(agency=agency).select_related("unit")


def agency_signatories(agency: Agency) -> QuerySet[Person]:
    return agency_people(agency).filter(signs_documents=True)


def agency_members(agency: Agency) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(agency=agency).select_related("user").order_by("user__username")
    )
