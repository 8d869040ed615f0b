"""Reads about agencies, their places, units and people."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from prongsai.orgs.models import Agency, Invitation, Membership, Person, Role, Unit


def agency_units(agency: Agency) -> QuerySet[Unit]:
    return Unit.objects.filter(agency=agency)


def agency_people(agency: Agency) -> QuerySet[Person]:
    return Person.objects.filter(agency=agency).select_related("unit")


def agency_signatories(agency: Agency) -> QuerySet[Person]:
    return agency_people(agency).filter(signs_documents=True)


def agency_members(agency: Agency) -> QuerySet[Membership]:
    """The agency's members; `email_shown` is false for an account that is staff or has a role
    anywhere else (its e-mail is not this agency's to read); `awaiting_password` is the pending
    invitation of a new account whose owner has not set a password yet (else None)."""
    elsewhere = Membership.objects.filter(user=OuterRef("user")).exclude(agency=agency)
    awaiting = Invitation.objects.filter(
        user=OuterRef("user"), agency=agency, kind=Invitation.Kind.NEW, accepted_at=None
    )
    return (
        Membership.objects.filter(agency=agency)
        .select_related("user")
        .annotate(
            email_shown=ExpressionWrapper(
                ~Exists(elsewhere) & Q(user__is_staff=False, user__is_superuser=False),
                output_field=BooleanField(),
            ),
            awaiting_password=Subquery(awaiting.values("pk")[:1]),
        )
        .order_by("user__username")
    )


def agency_pending_invitations(agency: Agency) -> QuerySet[Invitation]:
    """Existing accounts invited and not answered yet (shown by username only)."""
    return Invitation.objects.filter(
        agency=agency, kind=Invitation.Kind.JOIN, accepted_at=None
    ).select_related("user")


def user_pending_invitations(user: Any) -> QuerySet[Invitation]:
    return Invitation.objects.filter(user=user, accepted_at=None).select_related("agency")


def agency_admin_names(agency: Agency) -> list[str]:
    """Who approves and reopens for the agency, as an editor may be told (never their e-mail)."""
    admins = agency_members(agency).filter(role=Role.ADMIN)
    return [m.user.get_full_name() or m.user.get_username() for m in admins]


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
    from prongsai.core import files

    if not agency.emblem_path:
        return None
    try:
        return files.read_bytes(agency.emblem_path)
    except FileNotFoundError:
        return None  # gone from the store: the memo is made without it
