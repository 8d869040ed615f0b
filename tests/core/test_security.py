from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.accounts.models import LoginFailure
from prongsai.core.security import CSP
from tests.authz.world import PASSWORD


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_other_headers() -> None:
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "script-src 'self'" in csp
        and "frame-ancestors 'none'" in csp
    )
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_templates_use_no_inline_scripts(world: Any) -> None:
    client = Client()
    client.login(username="admin", password=PASSWORD)
    for name in ("orgs:home", "orgs:units", "orgs:people", "orgs:members"):
        body = client.get(reverse(name, args=["ours"])).content.decode()
        assert "onclick=" not in body and "<script>" not in body


@pytest.mark.django_db
def test_repeated_wrong_passwords_block_that_username_from_that_address(world: Any) -> None:
    client = Client()
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "editor", "password": "wrong"})
    assert LoginFailure.objects.filter(username="editor").count() == 5
    response = client.post(url, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 200  # not signed in: the form is shown again
    assert "โปรดรอ" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # another user from elsewhere is not affected
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(url, {"username": "viewer", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_a_stranger_guessing_cannot_lock_the_officer_out(world: Any) -> None:
    url = reverse("accounts:login")
    stranger = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(8):
        stranger.post(url, {"username": "editor", "password": "wrong"})
    blocked = stranger.post(url, {"username": "editor", "password": PASSWORD})
    assert "_auth_user_id" not in stranger.session and "โปรดรอ" in blocked.content.decode()
    officer = Client(REMOTE_ADDR="10.1.2.3")
    assert officer.post(url, {"username": "editor", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_one_address_trying_many_accounts_is_blocked(world: Any) -> None:
    url = reverse("accounts:login")
    sprayer = Client(REMOTE_ADDR="203.0.113.60")
    for i in range(30):
        sprayer.post(url, {"username": f"user{i}", "password": "wrong"})
    response = sprayer.post(url, {"username": "viewer", "password": PASSWORD})
    assert "_auth_user_id" not in sprayer.session and "โปรดรอ" in response.content.decode()


@pytest.mark.django_db
def test_guessing_one_username_from_many_addresses_is_blocked(world: Any, settings: Any) -> None:
    settings.PRONGSAI_LOGIN_FAILURES_PER_USERNAME = 12
    url = reverse("accounts:login")
    for i in range(12):
        Client(REMOTE_ADDR=f"198.51.100.{i}").post(url, {"username": "admin", "password": "x"})
    officer = Client(REMOTE_ADDR="10.1.2.3")
    response = officer.post(url, {"username": "admin", "password": PASSWORD})
    assert "_auth_user_id" not in officer.session and "โปรดรอ" in response.content.decode()


@pytest.mark.django_db
def test_behind_the_proxy_failures_count_per_client_not_for_the_proxy(
    world: Any, settings: Any
) -> None:
    # every request reaches the app from nginx's address: counting that address would lock
    # everybody out after 30 failures anywhere
    settings.BEHIND_PROXY = True
    url = reverse("accounts:login")
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    for i in range(3):
        guesser.post(url, {"username": f"nobody{i}", "password": "wrong"})
    assert set(LoginFailure.objects.values_list("ip", flat=True)) == {"203.0.113.7"}
    # a forged header without the proxy's own entry falls back to the connection's address
    odd = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    odd.post(url, {"username": "nobody", "password": "wrong"})
    assert LoginFailure.objects.filter(ip="127.0.0.1").count() == 1


@pytest.mark.django_db
def test_without_a_proxy_the_forwarded_header_is_ignored(world: Any, settings: Any) -> None:
    settings.BEHIND_PROXY = False
    client = Client(REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.7")
    client.post(reverse("accounts:login"), {"username": "x", "password": "wrong"})
    assert list(LoginFailure.objects.values_list("ip", flat=True)) == ["198.51.100.4"]


@pytest.mark.django_db
def test_a_nul_character_in_any_field_is_refused_before_any_view(world: Any) -> None:
    # the plan's reopen reason and the analysis texts are read raw by their views: PostgreSQL
    # cannot store a NUL, so on PostgreSQL they answered with a server error
    from prongsai.plans.models import PlanRevision

    client = Client()
    client.login(username="admin", password=PASSWORD)
    before = PlanRevision.objects.count()
    response = client.post(reverse("plans:reopen", args=["ours", 2567]), {"reason": "แก้ไข\x00เพิ่ม"})
    assert response.status_code == 400
    assert "อักขระที่ใช้ไม่ได้" in response.content.decode()
    assert PlanRevision.objects.count() == before
    assert client.get(reverse("orgs:home", args=["ours"]) + "?fy=%00").status_code == 400
    assert client.get(reverse("orgs:home", args=["ours"])).status_code == 200


@pytest.mark.django_db
def test_the_admin_pages_carry_the_same_content_security_policy(world: Any) -> None:
    # /admin/ was left without one: a script injected into a record shown there would have run
    user = world.users["admin"]
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.login(username="admin", password=PASSWORD)
    for url in (
        "/admin/login/",
        "/admin/",
        "/admin/auth/user/",
        f"/admin/auth/user/{user.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert response["Content-Security-Policy"] == CSP, url
