"""The registers in Chromium (issue #15): a gift over 3,000 baht recorded more than 30 days ago
is flagged until it is reported to the head; an asset is added to the catalogue, borrowed with a
row added by the page's script, refused to a second borrower over the same days, approved and
returned; a participation event's groups are rows, one added by the script. Every
page of the flow is checked with axe-core (WCAG 2 A/AA)."""

from typing import Any

import pytest

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.core.thai import to_thai_digits as thai_digits
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

    page.goto(f"{base}/a/demo/registers/assets/")
    assert_accessible(page)
    form = page.locator("#asset-form")
    form.locator("#id_number").fill("417-59-0099")
    form.locator("#id_name").fill("เครื่องขยายเสียง")
    form.locator("#id_unit").fill("เครื่อง")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    assert thai_digits("417-59-0099") in page.locator("#assets").inner_text()
    page.locator("#assets").get_by_role("link", name=thai_digits("417-59-0099")).click()
    page.wait_for_selector("#asset-edit")
    assert_accessible(page)
    page.locator("#asset-edit #id_unit").fill("ชุด")
    page.locator("#asset-edit button[type=submit]").click()
    page.wait_for_selector("#assets")
    assert "ชุด" in page.locator("#assets tr", has_text=thai_digits("417-59-0099")).inner_text()

    page.goto(f"{base}/a/demo/registers/{year}/loans/")
    assert_accessible(page)

    def request(who: str) -> Any:
        form = page.locator("#loan-form")
        form.locator("#id_borrower").fill(who)
        form.locator("#id_purpose").fill("ประชุมหมู่บ้าน")
        form.locator("#id_starts_on").fill(typed)
        form.locator("#id_due_on").fill(f"{due.day}/{due.month}/{due.year + 543}")
        form.locator("#id_item-0-asset").select_option(
            label=thai_digits("417-59-0099 เครื่องขยายเสียง")
        )
        return form

    form = request("นายยืม ทดลอง")
    # the page's script adds a fourth row (rows.js): numbered, counted in the management form
    form.get_by_role("button", name="เพิ่มแถว").click()
    assert form.locator("#id_item-TOTAL_FORMS").input_value() == "4"
    fourth = form.locator("#id_item-3-asset")
    assert fourth.get_attribute("aria-label") == "ครุภัณฑ์ ๔"
    fourth.select_option(label=thai_digits("416-55-0001 เครื่องขยายเสียงแบบพกพา"))
    form.locator("#id_item-3-note").fill("พร้อมไมโครโฟน")
    assert_accessible(page)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    row = page.locator("#loans tr", has_text="นายยืม ทดลอง")
    assert thai_digits("417-59-0099") in row.inner_text() and "พร้อมไมโครโฟน" in row.inner_text()
    # the same amplifier over the same days: refused with the holder, nothing written
    form = request("นางยืม ซ้ำ")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#loan-form .errorlist")
    assert "ยืมซ้ำ" in page.locator("#loan-form").inner_text()
    assert "นายยืม ทดลอง" in page.locator("#loan-form .errorlist").first.inner_text()
    assert page.locator("#loans tr", has_text="นางยืม ซ้ำ").count() == 0
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

    # a participation event with its groups as rows, one added by the page's script
    page.goto(f"{base}/a/demo/registers/{year}/events/participation/")
    form = page.locator("#event-form")
    form.locator("#id_held_on").fill(typed)
    form.locator("#id_topic").fill("ประชาคมหมู่บ้าน ทดลอง")
    form.locator("#id_group-0-name").fill("ประชาชน")
    form.locator("#id_group-0-count").fill("30")
    form.get_by_role("button", name="เพิ่มแถว").click()
    form.locator("#id_group-3-name").fill("ผู้นำชุมชน")
    form.locator("#id_group-3-count").fill("7")
    assert_accessible(page)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    row = page.locator("#events tr", has_text="ประชาคมหมู่บ้าน ทดลอง")
    assert "ผู้นำชุมชน" in row.inner_text() and thai_digits("รวม 37 คน") in row.inner_text()
