"""The registers in Chromium (issue #15): a gift over 3,000 baht recorded more than 30 days ago
is flagged until it is reported to the head; an asset is requested, approved and returned. Every
page of the flow is checked with axe-core (WCAG 2 A/AA)."""

from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_gift_is_flagged_until_reported_and_an_item_is_borrowed_and_returned(
    live_server: Any, page: Any
) -> None:
    import datetime as dt

    from prongsai.core import thai
    from prongsai.registers import selectors

    demo_build()
    base = live_server.url
    start = selectors.today() - dt.timedelta(days=40)  # more than 30 days ago
    year = thai.fiscal_year(start)
    typed = f"{start.day}/{start.month}/{start.year + 543}"
    due = start + dt.timedelta(days=2)
    login(page, base, "demo-admin", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/a/demo/")
    page.on("dialog", lambda dialog: dialog.accept())

    page.goto(f"{base}/a/demo/registers/{year}/gifts/")
    assert_accessible(page)
    form = page.locator("#gift-form")
    form.locator("#id_received_on").fill(typed)
    form.locator("#id_recipient").fill("นางสาวทดสอบ รับของ")
    form.locator("#id_giver").fill("บริษัท ตัวอย่าง จำกัด")
    form.locator("#id_item").fill("กระเป๋าหนัง")
    form.locator("#id_value").fill("4,500")
    form.locator("#id_action").select_option("pending")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    row = page.locator("#gifts tr", has_text="กระเป๋าหนัง")
    assert "เกินกำหนด" in row.inner_text()
    assert "กระเป๋าหนัง" in page.locator("#gifts-overdue").inner_text()

    row.get_by_role("button", name="บันทึกว่ารายงานแล้ว").click()
    page.wait_for_selector(".messages")
    row = page.locator("#gifts tr", has_text="กระเป๋าหนัง")
    assert "เกินกำหนด" not in row.inner_text() and "รายงานช้า" in row.inner_text()
    assert "กระเป๋าหนัง" not in (page.locator("#gifts-overdue").all_inner_texts() or [""])[0]

    page.goto(f"{base}/a/demo/registers/{year}/loans/")
    assert_accessible(page)
    form = page.locator("#loan-form")
    form.locator("#id_borrower").fill("นายยืม ทดลอง")
    form.locator("#id_purpose").fill("ประชุมหมู่บ้าน")
    form.locator("#id_items").fill("417-59-0099 | เครื่องขยายเสียง | 1")
    form.locator("#id_starts_on").fill(typed)
    form.locator("#id_due_on").fill(f"{due.day}/{due.month}/{due.year + 543}")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    row = page.locator("#loans tr", has_text="นายยืม ทดลอง")
    assert "รออนุมัติ" in row.inner_text()
    row.get_by_role("button", name="อนุมัติ", exact=True).click()
    page.wait_for_selector(".messages")
    row = page.locator("#loans tr", has_text="นายยืม ทดลอง")
    assert "เกินกำหนดส่งคืน" in row.inner_text()  # due 38 days ago, not back yet
    row.locator("select[name=condition]").select_option("good")
    row.get_by_role("button", name="บันทึกการส่งคืน").click()
    page.wait_for_selector(".messages")
    row = page.locator("#loans tr", has_text="นายยืม ทดลอง")
    assert "คืนแล้ว" in row.inner_text() and "เกินกำหนด" not in row.inner_text()
    with page.expect_download() as download:
        row.get_by_role("link", name="แบบบันทึกการยืม (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
