"""Adding a member is an invitation: a new account sets its own password from a one-time,
time-limited link; an existing account joins only when its owner accepts; the admin never reads
the e-mail of an account that is not only theirs."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from prongsai.orgs import services
from prongsai.orgs.invitation_mail import invitation_tokens
from prongsai.orgs.models import Invitation, Membership, Role
from tests.authz.world import PASSWORD

LINK = re.compile(r"https?://\S+")


def no_pending_invitations(world: Any) -> None:
    Invitation.objects.filter(agency=world.agency).delete()  # the matrix world has one


def admin_client() -> Client:
    client = Client()
    assert client.login(username="admin", password=PASSWORD)
    return client


def invite(client: Client, username: str, email: str = "", role: str = "editor") -> str:
    response = client.post(
        reverse("orgs:members", args=["ours"]),
        {"username": username, "email": email, "role": role},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def set_password_through(link: str, password: str) -> Client:
    client = Client()
    page = client.get(link, follow=True)
    assert "set-password-form" in page.content.decode(), "the link did not open the form"
    client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"new_password1": password, "new_password2": password},
    )
    return client


@pytest.mark.django_db
def test_a_new_member_gets_an_e_mail_with_a_link_to_set_the_password_and_can_sign_in(
    world: Any,
) -> None:
    page = invite(admin_client(), "newbie", "newbie@example.go.th")
    assert "ส่งคำเชิญทางอีเมลถึง newbie แล้ว" in page and "ลืมรหัสผ่าน" not in page
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["newbie@example.go.th"]
    assert "คำเชิญ" in mail.outbox[0].subject and "newbie" in mail.outbox[0].body
    link = LINK.findall(mail.outbox[0].body)[0]
    user = get_user_model().objects.get(username="newbie")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.EDITOR

    set_password_through(link, "a-long-new-pass-2570")
    assert Client().login(username="newbie", password="a-long-new-pass-2570")
    assert Invitation.objects.get(user=user).accepted_at is not None
    # one time: the same link no longer opens the form
    assert "invalid-link" in Client().get(link, follow=True).content.decode()


@pytest.mark.django_db
def test_the_link_expires_and_the_admin_can_resend_a_new_one(world: Any, settings: Any) -> None:
    client = admin_client()
    invite(client, "late", "late@example.go.th")
    user = get_user_model().objects.get(username="late")
    old = LINK.findall(mail.outbox[0].body)[0]
    token = old.rstrip("/").rsplit("/", 1)[1]
    later = (
        invitation_tokens._num_seconds(invitation_tokens._now())
        + settings.PASSWORD_RESET_TIMEOUT
        + 60
    )
    with mock.patch.object(invitation_tokens, "_num_seconds", return_value=later):
        assert not invitation_tokens.check_token(user, token)
    assert invitation_tokens.check_token(user, token)

    members = client.get(reverse("orgs:members", args=["ours"])).content.decode()
    invitation = Invitation.objects.get(user=user)
    resend = reverse("orgs:invitation_resend", args=["ours", invitation.pk])
    assert resend in members and "รอตั้งรหัสผ่าน" in members
    refused = client.post(resend, follow=True).content.decode()
    assert "โปรดรอสักครู่" in refused and len(mail.outbox) == 1  # no flood through resend
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=invitation.sent_at - services.RESEND_AFTER
    )
    client.post(resend)
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["late@example.go.th"]
    assert LINK.findall(mail.outbox[1].body)[0].startswith("http://testserver/invitations/")


@pytest.mark.django_db
def test_an_agency_has_a_bounded_number_of_pending_invitations(
    world: Any, monkeypatch: Any
) -> None:
    no_pending_invitations(world)
    monkeypatch.setattr(services, "MAX_PENDING_INVITATIONS", 2)
    client = admin_client()
    for n in range(2):
        invite(client, f"person{n}", f"p{n}@example.go.th")
    page = invite(client, "person9", "p9@example.go.th")
    assert "ยกเลิกคำเชิญเก่าก่อน" in page
    assert not get_user_model().objects.filter(username="person9").exists()


@pytest.mark.django_db
def test_a_password_reset_token_is_not_an_invitation(world: Any) -> None:
    from django.contrib.auth.tokens import default_token_generator

    user = world.users["viewer"]
    assert not invitation_tokens.check_token(user, default_token_generator.make_token(user))


@pytest.mark.django_db
def test_the_add_form_defaults_to_editor(world: Any) -> None:
    page = admin_client().get(reverse("orgs:members", args=["ours"])).content.decode()
    form = page.split('id="invite-form"', 1)[1]
    assert re.search(r'<option value="editor" selected>', form)
    assert not re.search(r'<option value="admin" selected>', form)


@pytest.mark.django_db
def test_a_new_member_needs_an_e_mail_for_the_invitation(world: Any) -> None:
    page = invite(admin_client(), "nomail", "")
    assert "กรุณาระบุอีเมลของผู้ใช้ใหม่" in page
    assert not get_user_model().objects.filter(username="nomail").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other", "staff"])
def test_an_existing_account_joins_only_when_its_owner_accepts(world: Any, who: str) -> None:
    no_pending_invitations(world)
    User = get_user_model()
    if who == "staff":
        target = User.objects.create_user(
            username="staff", email="root@example.go.th", password=PASSWORD, is_staff=True
        )
    else:
        target = world.users["other"]
    page = invite(admin_client(), target.username, "attacker@example.com", role="admin")
    assert f"ส่งคำเชิญถึงบัญชี {target.username} แล้ว" in page
    assert not Membership.objects.filter(user=target, agency=world.agency).exists()
    assert target.email not in page
    # the e-mail goes to the account's own address, not the one the admin typed
    assert [m.to for m in mail.outbox] == [[target.email]]
    target.refresh_from_db()
    assert target.email != "attacker@example.com"

    invitation = Invitation.objects.get(user=target, agency=world.agency)
    for intruder in ["admin", "editor"]:
        client = Client()
        client.login(username=intruder, password=PASSWORD)
        answer = client.post(reverse("invitations:accept", args=[invitation.pk]))
        assert answer.status_code == 404
    assert not Membership.objects.filter(user=target, agency=world.agency).exists()

    owner = Client()
    owner.login(username=target.username, password=PASSWORD)
    assert reverse("invitations:list") in owner.get("/").content.decode()
    listing = owner.get(reverse("invitations:list")).content.decode()
    assert world.agency.full_name in listing
    owner.post(reverse("invitations:accept", args=[invitation.pk]))
    assert Membership.objects.get(user=target, agency=world.agency).role == Role.ADMIN


@pytest.mark.django_db
def test_members_page_hides_the_e_mail_of_accounts_used_elsewhere_or_staff(world: Any) -> None:
    User = get_user_model()
    staff = User.objects.create_user(
        username="helpdesk", email="helpdesk@example.go.th", is_staff=True
    )
    Membership.objects.create(user=staff, agency=world.agency, role=Role.VIEWER)
    Membership.objects.create(user=world.users["other"], agency=world.agency, role=Role.VIEWER)
    page = admin_client().get(reverse("orgs:members", args=["ours"])).content.decode()
    assert "editor@example.com" in page  # only ours: shown
    assert "other@example.com" not in page and "helpdesk@example.go.th" not in page


@pytest.mark.django_db
def test_declining_or_withdrawing_leaves_no_membership(world: Any) -> None:
    no_pending_invitations(world)
    invitation = services.member_invite(
        agency=world.agency,
        username="other",
        email="",
        role=Role.VIEWER,
        invited_by=world.users["admin"],
        link=lambda path: "http://testserver" + path,
    )
    owner = Client()
    owner.login(username="other", password=PASSWORD)
    owner.post(reverse("invitations:decline", args=[invitation.pk]))
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert not Membership.objects.filter(user=world.users["other"], agency=world.agency).exists()
    with pytest.raises(ValidationError):
        services.member_add(agency=world.agency, username="other", email="", role=Role.VIEWER)
