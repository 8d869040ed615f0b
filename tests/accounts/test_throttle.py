"""Every way of signing in and of proving a password shares the same rate limits."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from prongsai.accounts.models import LoginFailure
from tests.authz.world import PASSWORD

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def staff(world: Any) -> Any:
    user = world.users["admin"]
    user.is_staff = True
    user.save()
    return user


@pytest.mark.django_db
def test_the_admin_sign_in_is_throttled(staff: Any) -> None:
    # /admin/login/ used to let anyone guess the site administrator's password without limit
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        guesser.post(ADMIN_LOGIN, {"username": "admin", "password": "wrong"})
    response = guesser.post(ADMIN_LOGIN, {"username": "admin", "password": PASSWORD})
    assert not _signed_in(guesser)
    assert "โปรดรอ" in response.content.decode()
    # elsewhere the officer still signs in
    assert (
        Client(REMOTE_ADDR="10.1.2.3")
        .post(ADMIN_LOGIN, {"username": "admin", "password": PASSWORD})
        .status_code
        == 302
    )


@pytest.mark.django_db
def test_failures_at_either_sign_in_page_count_together(staff: Any) -> None:
    guesser = Client(REMOTE_ADDR="203.0.113.10")
    for url in (LOGIN, ADMIN_LOGIN, LOGIN, ADMIN_LOGIN, LOGIN):
        guesser.post(url, {"username": "admin", "password": "wrong"})
    guesser.post(ADMIN_LOGIN, {"username": "admin", "password": PASSWORD})
    assert not _signed_in(guesser)
    guesser.post(LOGIN, {"username": "admin", "password": PASSWORD})
    assert not _signed_in(guesser)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_username_variants_django_reads_as_one_share_one_count(staff: Any, url: str) -> None:
    # Django strips spaces and NFKC-normalises the username before looking it up, but the limit
    # was counted on the raw text: after five failures "admin ", full-width "ａｄｍｉｎ" and
    # "ADMIN" each went on guessing the same account
    guesser = Client(REMOTE_ADDR="203.0.113.11")
    for variant in ("admin", "admin ", "ａｄｍｉｎ", "ADMIN", "Ａdmin"):
        guesser.post(url, {"username": variant, "password": "wrong"})
    assert set(LoginFailure.objects.values_list("username", flat=True)) == {"admin"}
    for variant in ("admin ", " admin", "ａｄｍｉｎ", "ＡＤＭＩＮ", "Admin", "admin"):
        response = guesser.post(url, {"username": variant, "password": PASSWORD})
        assert not _signed_in(guesser), variant
        assert "โปรดรอ" in response.content.decode(), variant


@pytest.mark.django_db
def test_a_blocked_username_is_refused_whatever_path_calls_authenticate(world: Any) -> None:
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.12")
    for _ in range(5):
        assert authenticate(request, username="editor", password="wrong") is None
    assert authenticate(request, username="editor", password=PASSWORD) is None
    other = RequestFactory().post("/", REMOTE_ADDR="10.9.9.9")
    assert authenticate(other, username="editor", password=PASSWORD) is not None


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_email_and_per_address(world: Any) -> None:
    # every request sends a mail: a script could flood an officer's mailbox without limit
    url = reverse("accounts:password_reset")
    client = Client(REMOTE_ADDR="203.0.113.20")
    for _ in range(3):
        assert client.post(url, {"email": "editor@example.com"}).status_code == 302
    assert len(mail.outbox) == 3
    response = client.post(url, {"email": " EDITOR@example.com"})
    assert response.status_code == 200 and "บ่อยเกินไป" in response.content.decode()
    assert len(mail.outbox) == 3
    # one address asking for many mailboxes is stopped too
    for i in range(7):
        client.post(url, {"email": f"nobody{i}@example.com"})
    response = client.post(url, {"email": "viewer@example.com"})
    assert "บ่อยเกินไป" in response.content.decode()
    assert len(mail.outbox) == 3
    # another office still gets its link
    assert (
        Client(REMOTE_ADDR="10.4.4.4").post(url, {"email": "viewer@example.com"}).status_code == 302
    )
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_wrong_old_passwords_are_limited_on_the_password_change(world: Any) -> None:
    # someone at an officer's open session could try old passwords without limit
    client = Client()
    client.login(username="editor", password=PASSWORD)
    url = reverse("accounts:password_change")
    new = {"new_password1": "ใหม่-ยาวพอ-2570", "new_password2": "ใหม่-ยาวพอ-2570"}
    for _ in range(5):
        response = client.post(url, {"old_password": "wrong", **new})
        assert response.status_code == 200
    response = client.post(url, {"old_password": PASSWORD, **new})
    assert response.status_code == 200 and "หลายครั้งเกินไป" in response.content.decode()
    user = get_user_model().objects.get(username="editor")
    assert user.check_password(PASSWORD)  # unchanged


@pytest.mark.django_db
def test_the_admins_own_password_change_goes_to_the_rate_limited_form(staff: Any) -> None:
    client = Client()
    client.login(username="admin", password=PASSWORD)
    response = client.get(reverse("admin:password_change"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change")
