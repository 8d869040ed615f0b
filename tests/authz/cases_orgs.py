from typing import Any

from tests.authz.matrix import MANAGE, PUBLIC, READ, SIGNED_IN, Case, agency, agency_obj

CASES = [
    Case("orgs:home", READ, kwargs=agency),
    Case("orgs:units", READ, kwargs=agency),
    Case(
        "orgs:units",
        MANAGE,
        kwargs=agency,
        method="post",
        data=lambda w: {"name": "กองใหม่", "order": 9},
    ),
    Case("orgs:unit_edit", MANAGE, kwargs=agency_obj("unit")),
    Case("orgs:unit_delete", MANAGE, kwargs=agency_obj("unit"), method="post"),
    Case("orgs:people", READ, kwargs=agency),
    Case(
        "orgs:people",
        MANAGE,
        kwargs=agency,
        method="post",
        data=lambda w: {"name": "นายใหม่", "position": "นิติกร", "order": 1},
    ),
    Case("orgs:person_edit", MANAGE, kwargs=agency_obj("person")),
    Case("orgs:person_delete", MANAGE, kwargs=agency_obj("person"), method="post"),
    Case("orgs:members", MANAGE, kwargs=agency),
    Case(
        "orgs:member_role",
        MANAGE,
        kwargs=agency_obj("editor_membership"),
        method="post",
        data=lambda w: {"role": "viewer"},
    ),
    Case("orgs:member_remove", MANAGE, kwargs=agency_obj("editor_membership"), method="post"),
    Case("orgs:settings", MANAGE, kwargs=agency),
]


def build(world: Any) -> None:
    from prongsai.orgs.models import Invitation, Role

    # "other" (another agency's editor) invited into ours, not answered yet: our admin may
    # resend or withdraw it, only "other" may accept or decline it
    world.objects["invitation"] = Invitation.objects.create(
        agency=world.agency, user=world.users["other"], role=Role.VIEWER, kind="join"
    )
    # and our admin invited into theirs: the form crawler (as our admin) finds accept and decline
    Invitation.objects.create(
        agency=world.other_agency, user=world.users["admin"], role=Role.VIEWER, kind="join"
    )


INVITEE_ONLY = {actor: "404" for actor in READ} | {"other": "ok", "anon": "login"}

CASES += [
    Case(
        "orgs:members",
        MANAGE,
        kwargs=agency,
        method="post",
        data=lambda w: {"username": "newcomer", "email": "new@example.com", "role": "editor"},
    ),
    Case("orgs:invitation_resend", MANAGE, kwargs=agency_obj("invitation"), method="post"),
    Case("orgs:invitation_cancel", MANAGE, kwargs=agency_obj("invitation"), method="post"),
    Case("invitations:list", SIGNED_IN),
    Case(
        "invitations:accept",
        INVITEE_ONLY,
        kwargs=lambda w: {"pk": w.objects["invitation"].pk},
        method="post",
    ),
    Case(
        "invitations:decline",
        INVITEE_ONLY,
        kwargs=lambda w: {"pk": w.objects["invitation"].pk},
        method="post",
    ),
    Case(
        "invitations:set_password",
        PUBLIC,
        kwargs=lambda w: {"uidb64": "MQ", "token": "invalid-token"},
    ),
]
