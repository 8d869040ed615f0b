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


def document_vocabulary(agency: Agency) -> tuple[str, ...]:
    """The agency's own words that a document never breaks across lines: its name, district
    and province, its units, its people's names and positions (see documents.thaibreak)."""
    words = {agency.name, agency.district.name, agency.district.province.name}
    words.update(Unit.objects.filter(agency=agency).values_list("name", flat=True))
    for name, position in Person.objects.filter(agency=agency).values_list("name", "position"):
        words.update((name, position))
    return tuple(sorted(w for w in words if w))


def agency_emblem(agency: Agency) -> bytes | None:
    """The agency's Garuda emblem (PNG bytes) for its memos, or None when it has none."""
    from prongsai.core.files import bytes_read

    return bytes_read(agency.emblem_path) if agency.emblem_path else None
