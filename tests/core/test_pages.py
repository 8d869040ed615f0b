from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.authz.world import PASSWORD


@pytest.mark.django_db
def test_the_landing_page_is_in_thai_by_default() -> None:
    response = Client().get("/")
    assert response.status_code == 200
    assert '<html lang="th">' in response.content.decode()
    assert "เข้าสู่ระบบ" in response.content.decode()


@pytest.mark.django_db
def test_an_english_browser_still_gets_thai_until_english_is_chosen() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="th">' in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_english_is_available() -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Sign in" in body


@pytest.mark.django_db
def test_a_member_of_one_agency_lands_on_its_home(world: Any) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse(
        "orgs:home", args=["ours"]
    )
    home = client.get(response["Location"]).content.decode()
    assert "องค์การบริหารส่วนตำบลของเรา" in home
    for step in ("ผลการประเมิน ITA", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "รายงานรอบ ๖ เดือน"):
        assert step in home


@pytest.mark.django_db
def test_an_overseer_sees_only_the_agencies_of_their_district(world: Any) -> None:
    client = Client()
    client.login(username="overseer_above", password=PASSWORD)
    response = client.get("/", follow=True)
    assert response.redirect_chain[0][0] == reverse("oversight:home")
    body = response.content.decode()
    assert "ของเรา" in body and "ของเขา" not in body
    assert "ภาพรวมการกำกับดูแล" in body  # the overseer's menu link


@pytest.mark.django_db
def test_the_sarabun_font_is_served_locally() -> None:
    response = Client().get("/static/fonts/Sarabun-Regular.ttf")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert content[:4] == b"\x00\x01\x00\x00"


def test_password_reset_mail_carries_a_working_link(
    client: Client, world: Any, mailoutbox: Any
) -> None:
    client.post(reverse("accounts:password_reset"), {"email": "editor@example.com"})
    assert len(mailoutbox) == 1
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/accounts/password/reset/" in line
    )
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "ตั้งรหัสผ่านใหม่" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"new_password1": "a-New-passw0rd!", "new_password2": "a-New-passw0rd!"},
    )
    assert done.status_code == 302
    assert Client().login(username="editor", password="a-New-passw0rd!")
