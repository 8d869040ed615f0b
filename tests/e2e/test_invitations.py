"""An agency admin invites a new member in the browser; the member opens the e-mailed link, sets a
password and signs in; an existing account accepts its invitation itself."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.orgs.models import Membership, Role
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_invite_read_the_mail_set_the_password_and_sign_in(
    live_server: Any, page: Any, browser: Any
) -> None:
    demo_build()
    mail.outbox.clear()
    login(page, live_server.url, "demo-admin", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    page.goto(f"{live_server.url}/a/demo/members/")
    assert page.locator("#invite-form select[name=role]").input_value() == "editor"
    assert_accessible(page)
    page.fill("#invite-form input[name=username]", "new-officer")
    page.fill("#invite-form input[name=email]", "new-officer@example.go.th")
    page.click("#invite-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "ส่งคำเชิญทางอีเมลถึง new-officer แล้ว" in page.locator(".messages").inner_text()
    assert "รอตั้งรหัสผ่าน" in page.locator("#members").inner_text()

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new-officer@example.go.th"]
    link = re.findall(r"https?://\S+", mail.outbox[0].body)[0]
    assert link.startswith(live_server.url)

    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    newcomer = context.new_page()
    newcomer.goto(link)
    assert "new-officer" in newcomer.locator("main").inner_text()
    assert_accessible(newcomer)
    newcomer.fill("#id_new_password1", "ตั้งใจทำงาน-2570")
    newcomer.fill("#id_new_password2", "ตั้งใจทำงาน-2570")
    newcomer.click("#set-password-form button[type=submit]")
    newcomer.wait_for_url(f"{live_server.url}/accounts/login/")
    assert "ตั้งรหัสผ่านแล้ว" in newcomer.locator(".messages").inner_text()
    login(newcomer, live_server.url, "new-officer", "ตั้งใจทำงาน-2570")
    newcomer.wait_for_url(f"{live_server.url}/a/demo/")
    assert newcomer.locator(".topbar .who").inner_text() == "new-officer"
    # the link was for one use
    newcomer.goto(link)
    assert newcomer.locator("#invalid-link").count() == 1
    context.close()


def test_an_existing_account_accepts_its_invitation_itself(live_server: Any, page: Any) -> None:
    demo_build()
    mail.outbox.clear()
    login(page, live_server.url, "demo-admin", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/a/demo/")
    page.goto(f"{live_server.url}/a/demo/members/")
    page.fill("#invite-form input[name=username]", "other-editor")
    page.select_option("#invite-form select[name=role]", "viewer")
    page.click("#invite-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "other-editor" in page.locator("#invitations").inner_text()
    assert not Membership.objects.filter(
        user__username="other-editor", agency__slug="demo"
    ).exists()
    page.click("form.inline >> text=ออกจากระบบ")

    login(page, live_server.url, "other-editor", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.click("#pending-invitations a")
    assert_accessible(page)
    page.get_by_role("button", name="ตอบรับคำเชิญ").click()
    page.wait_for_url(f"{live_server.url}/a/demo/")
    assert Membership.objects.get(user__username="other-editor", agency__slug="demo").role == (
        Role.VIEWER
    )
