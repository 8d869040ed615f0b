from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.accounts.models import LoginFailure
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
def test_repeated_wrong_passwords_block_the_username_for_a_while(world: Any) -> None:
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
