"""Reads about agencies, their places, units and people."""

from __future__ import annotations

from django.db.models import QuerySet

from prongsai.orgs.models import Agency, Membership, Person, Role, Unit


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


def agency_admin_names(agency: Agency) -> list[str]:
    """Who approves and reopens for the agency, as an editor may be told (never their e-mail)."""
    admins = agency_members(agency).filter(role=Role.ADMIN)
    return [m.user.get_full_name() or m.user.get_username() for m in admins]
