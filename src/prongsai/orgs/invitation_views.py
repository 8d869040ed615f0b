"""The invited person's side: set the password of a new account from the e-mailed link; accept or
decline an invitation to an existing account (signed in as its owner)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.orgs import selectors, services
from prongsai.orgs.access import get_own_invitation
from prongsai.orgs.invitation_mail import invitation_tokens


@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "orgs/invitations.html",
        {"invitations": selectors.user_pending_invitations(request.user)},
    )


@login_required
@require_POST
def invitation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_own_invitation(request.user, pk)
    try:
        membership = services.invitation_accept(invitation, user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("invitations:list")
    messages.success(
        request, _("ตอบรับคำเชิญแล้ว คุณเป็นผู้ใช้ของ%(name)s") % {"name": invitation.agency.full_name}
    )
    return redirect("orgs:home", slug=membership.agency.slug)  # type: ignore[union-attr]


@login_required
@require_POST
def invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_own_invitation(request.user, pk)
    try:
        services.invitation_cancel(invitation)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("ปฏิเสธคำเชิญแล้ว"))
    return redirect("invitations:list")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Django's reset-confirm view with the invitation's own tokens: one-time (bound to the
    password) and time-limited (PASSWORD_RESET_TIMEOUT)."""

    token_generator = invitation_tokens
    template_name = "orgs/invitation_set_password.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.invitation_password_set(self.user)
        messages.success(
            self.request, _("ตั้งรหัสผ่านแล้ว เข้าสู่ระบบด้วยชื่อผู้ใช้ %(u)s") % {"u": self.user.username}
        )
        return response
