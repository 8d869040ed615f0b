import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.progress import services
from prongsai.progress.export import plan_workbook
from prongsai.progress.models import Period, ProgressReport
from tests.authz.world import PASSWORD
from tests.progress.conftest import act
from tests.progress.factories import measures

pytestmark = pytest.mark.django_db


def client(username: str) -> Client:
    c = Client()
    assert c.login(username=username, password=PASSWORD)
    return c


def test_the_export_has_measures_and_dated_actions(plan: Any) -> None:
    m = measures(plan)[0]
    act(m, dt.date(2023, 11, 1), '=HYPERLINK("http://evil")', url="https://www.example.go.th/a")
    act(m, dt.date(2023, 12, 1), "- เสร็จ", completes=True)
    wb = load_workbook(io.BytesIO(plan_workbook(plan)))
    assert wb.sheetnames == ["มาตรการ", "การดำเนินการ", "ข้อมูล"]
    rows = list(wb["มาตรการ"].iter_rows(values_only=True))
    assert rows[0][:3] == ("ประเด็น", "มาตรการ", "ข้อคำถาม ITA")
    first = rows[1]
    assert first[1] == m.title and first[7] == "ดำเนินการแล้ว" and first[6] == "1"
    actions = list(wb["การดำเนินการ"].iter_rows(values_only=True))
    assert actions[1][0] == "1 พฤศจิกายน 2566"
    # stored as text, not a formula, and shown as typed: no apostrophe in front
    assert actions[1][3] == '=HYPERLINK("http://evil")'
    assert wb["การดำเนินการ"].cell(row=2, column=4).data_type == "s"
    assert actions[2][3] == "- เสร็จ"  # an officer's list item stays as written
    assert actions[1][6] == "https://www.example.go.th/a"


def test_the_progress_pages_show_status_and_the_home_shows_the_steps(plan: Any) -> None:
    m = measures(plan)[0]
    act(m, dt.date(2023, 11, 1), "จัดทำคู่มือ", completes=True)
    c = client("viewer")
    page = c.get(reverse("progress:plan", kwargs={"slug": "ours", "year": 2567})).content.decode()
    assert "ดำเนินการแล้ว ๑" in page and m.title in page
    detail = c.get(reverse("progress:measure", kwargs={"slug": "ours", "year": 2567, "pk": m.pk}))
    html = detail.content.decode()
    assert "จัดทำคู่มือ" in html and 'id="action-form"' not in html  # the viewer cannot write
    home = c.get(reverse("orgs:home", kwargs={"slug": "ours"}) + "?fy=2567").content.decode()
    assert "ดำเนินการแล้ว ๑/๔ มาตรการ" in home
    assert "รอบ ๖ เดือน: ร่าง" in home


def test_the_reports_page_lists_what_blocks_finalising(plan: Any) -> None:
    html = (
        client("editor")
        .get(reverse("progress:reports", kwargs={"slug": "ours", "year": 2567}))
        .content.decode()
    )
    assert "ต้องระบุสาเหตุ ปัญหาอุปสรรค ข้อเสนอแนะ" in html
    assert (
        reverse(
            "progress:download",
            kwargs={
                "slug": "ours",
                "year": 2567,
                "period": "half",
                "kind": "progress",
                "fmt": "docx",
            },
        )
        in html
    )


def test_downloading_a_report_with_its_memo(plan: Any) -> None:
    url = reverse(
        "progress:download",
        kwargs={"slug": "ours", "year": 2567, "period": "half", "kind": "status", "fmt": "pdf"},
    )
    response = client("viewer").get(url + "?memo=1")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        'attachment; filename="status-half-ours-2567-with-memo.pdf"'
    )
    bad = reverse(
        "progress:download",
        kwargs={"slug": "ours", "year": 2567, "period": "half", "kind": "annual", "fmt": "pdf"},
    )
    assert client("viewer").get(bad).status_code == 404


def test_finalising_through_the_page(plan: Any, world: Any) -> None:
    for m in measures(plan)[:2]:
        services.note_save(
            m,
            period=Period.HALF,
            user=None,
            data={"cause": "ก", "problems": "ข", "suggestions": "ค"},
        )
    url = reverse("progress:finalise", kwargs={"slug": "ours", "year": 2567, "period": "half"})
    done = client("editor").post(url, follow=True).content.decode()
    assert "สรุปรายงานแล้ว" in done and "เก็บสำเนา PDF ของฉบับนี้ไม่ได้" not in done
    html = (
        client("viewer")
        .get(reverse("progress:reports", kwargs={"slug": "ours", "year": 2567}))
        .content.decode()
    )
    assert "สรุปแล้ว" in html and "editor" in html
    event = ProgressReport.objects.get(plan=plan, period=Period.HALF).events.get()
    copy = reverse("progress:report_copy", kwargs={"slug": "ours", "year": 2567, "pk": event.pk})
    assert f'href="{copy}"' in html
    assert b"".join(client("viewer").get(copy).streaming_content).startswith(b"%PDF")


def test_the_annual_note_starts_from_the_6_month_note(plan: Any) -> None:
    m = measures(plan)[1]
    services.note_save(m, period=Period.HALF, user=None, data={"cause": "คนย้าย"})
    html = (
        client("editor")
        .get(
            reverse(
                "progress:note_edit",
                kwargs={"slug": "ours", "year": 2567, "pk": m.pk, "period": "year"},
            )
        )
        .content.decode()
    )
    assert "คนย้าย" in html


def test_the_reports_page_warns_while_the_plan_is_a_draft_and_says_who_can_reopen(
    plan: Any,
) -> None:
    url = reverse("progress:reports", kwargs={"slug": "ours", "year": 2567})
    html = client("editor").get(url).content.decode()
    assert 'id="plan-draft-warning"' in html
    assert "ผู้ดูแลหน่วยงานเท่านั้นที่เปิดแก้ไขรายงานได้" in html and "admin" in html
    finalise = html.split("/reports/half/finalise/", 1)[1].split("</form>", 1)[0]
    assert 'data-confirm="มาตรการของปีนี้ยังเป็นร่าง' in finalise


def test_after_explaining_a_late_measure_the_officer_returns_to_the_reports_page(
    plan: Any,
) -> None:
    reports = reverse("progress:reports", kwargs={"slug": "ours", "year": 2567})
    editor = client("editor")
    html = editor.get(reports).content.decode()
    m = next(
        m
        for m in measures(plan)
        if reverse(
            "progress:note_edit",
            kwargs={"slug": "ours", "year": 2567, "pk": m.pk, "period": "half"},
        )
        + "?next="
        in html
    )
    note = reverse(
        "progress:note_edit", kwargs={"slug": "ours", "year": 2567, "pk": m.pk, "period": "half"}
    )
    data = {"cause": "ก", "problems": "ข", "suggestions": "ค"}
    saved = editor.post(note, data | {"next": reports + "#report-half"})
    assert saved.status_code == 302 and saved["Location"] == reports + "#report-half"
    for hostile in ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"]:
        saved = editor.post(note, data | {"next": hostile})
        assert saved["Location"] == reverse(
            "progress:measure", kwargs={"slug": "ours", "year": 2567, "pk": m.pk}
        ), hostile
