"""Our own 400/403/404/500 pages: the site's layout, the message we raised, a way back home."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse

from prongsai.core import errors
from tests.authz.world import PASSWORD


def signed_in(actor: str) -> Client:
    client = Client()
    assert client.login(username=actor, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_not_found_shows_our_thai_message_in_the_layout_with_a_way_home(world: Any) -> None:
    response = signed_in("editor").get(reverse("orgs:home", args=["no-such-agency"]))
    body = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="th">' in body and 'class="topbar"' in body
    assert "ไม่พบหน่วยงานนี้" in body and "ไม่พบหน้าที่ต้องการ" in body
    assert f'href="{reverse("core:home")}" id="error-home"' in body


@pytest.mark.django_db
def test_forbidden_shows_why_in_thai(world: Any) -> None:
    response = signed_in("viewer").get(reverse("orgs:members", args=["ours"]))
    body = response.content.decode()
    assert response.status_code == 403
    assert "คุณไม่มีสิทธิ์แก้ไขข้อมูลของหน่วยงานนี้" in body and "ไม่มีสิทธิ์เข้าถึงหน้านี้" in body


@pytest.mark.django_db
def test_an_unknown_address_shows_no_resolver_details(world: Any) -> None:
    body = signed_in("editor").get("/no/such/page/").content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in body and "tried" not in body and "urlpatterns" not in body


@pytest.mark.django_db
def test_the_error_pages_are_in_english_when_english_is_chosen(world: Any) -> None:
    client = signed_in("viewer")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("orgs:members", args=["ours"])).content.decode()
    assert '<html lang="en">' in body and "Access denied" in body
    assert "You may not change this agency" in body


@pytest.mark.django_db
def test_a_form_sent_after_its_page_expired_says_what_to_do(world: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.login(username="editor", password=PASSWORD)
    response = client.post(reverse("orgs:units", args=["ours"]), {"name": "x"})
    assert response.status_code == 403
    assert "แบบฟอร์มนี้หมดอายุแล้ว" in response.content.decode()


def test_our_message_is_shown_only_when_it_is_a_sentence_we_wrote() -> None:
    from django.http import Http404

    assert errors.our_message(Http404("ไม่พบมาตรการนี้")) == "ไม่พบมาตรการนี้"
    assert errors.our_message(Http404({"path": "/x", "tried": []})) == ""
    assert errors.our_message(Http404("No Plan matches the given query.")) == ""
    assert errors.our_message(None) == ""


def test_the_500_page_needs_neither_the_database_nor_a_request_context() -> None:
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("database is down"),
    ):
        response = errors.server_error(mock.Mock(spec=[]))
    body = response.content.decode()
    assert response.status_code == 500
    assert "ระบบขัดข้อง" in body and 'id="error-home"' in body and "prongsai.css" in body


def test_the_site_uses_our_handlers() -> None:
    from prongsai import urls

    assert urls.handler404 == "prongsai.core.errors.page_not_found"
    assert urls.handler403 == "prongsai.core.errors.permission_denied"
    assert urls.handler400 == "prongsai.core.errors.bad_request"
    assert urls.handler500 == "prongsai.core.errors.server_error"
