"""The invitation e-mail and its one-time link.

A new account's link is made by Django's password-reset token generator with its own salt (a
reset link cannot serve as an invitation and back): it is bound to the account's password, so it
stops working once the password is set (one-time), and it expires after
`PASSWORD_RESET_TIMEOUT` (three days). An existing account's e-mail only points to its
invitations page: accepting needs its owner signed in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from prongsai.orgs.models import Invitation


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "prongsai.orgs.invitation_mail.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()


def set_password_path(user: Any) -> str:
    return reverse(
        "invitations:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )


def send_invitation(invitation: Invitation, *, link: Callable[[str], str]) -> bool:
    """Send the e-mail (in Thai, the language of the agency's officers); False when the account
    has no e-mail address (an existing account then sees the invitation when it signs in)."""
    user = invitation.user
    if not user.email:
        return False
    if invitation.kind == Invitation.Kind.NEW:
        url = link(set_password_path(user))
    else:
        url = link(reverse("invitations:list"))
    context = {
        "invitation": invitation,
        "agency": invitation.agency,
        "url": url,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    with translation.override("th"):
        subject = render_to_string("orgs/email/invitation_subject.txt", context).strip()
        body = render_to_string("orgs/email/invitation.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
    return True
