"""The O18 table: counts per month, quarter and half-year; "ไม่มีเรื่องร้องเรียน" for a year
without any; PDF and XLSX from the page and `prongsai complaints stats`."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from prongsai.channels import selectors, services
from prongsai.channels.models import Kind
from tests.channels.conftest import Cast

pytestmark = pytest.mark.django_db


def _at(y: int, m: int, d: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, 10, 0))


def _cases(cast: Cast) -> None:
    # FY2568 = 1 Oct 2024 – 30 Sep 2025
    for when, closed in [
        (_at(2024, 10, 5), True),
        (_at(2024, 10, 20), False),
        (_at(2025, 2, 1), True),
        (_at(2025, 9, 30), False),
    ]:
        filed = services.report_create(
            cast.agency, kind=Kind.CORRUPTION, subject="ส", body="ร", now=when, notify=False
        )
        if closed:
            services.reply(filed.report, cast.users["receiver"], body="", status="done")
    services.report_create(  # a complaint is not in the O18 (corruption) table
        cast.agency, kind=Kind.COMPLAINT, subject="ส", body="ร", now=_at(2024, 11, 1), notify=False
    )


def test_the_table_counts_by_month_quarter_and_half_year(cast: Cast) -> None:
    _cases(cast)
    month = selectors.stats(cast.agency, 2568, "month")
    assert len(month.rows) == 12 and month.rows[0].label.startswith("ตุลาคม")
    assert (month.rows[0].total, month.rows[0].done, month.rows[0].in_progress) == (2, 1, 1)
    assert month.rows[11].total == 1
    total = month.total
    assert (total.total, total.done, total.in_progress) == (4, 2, 2)
    quarter = selectors.stats(cast.agency, 2568, "quarter")
    assert [r.total for r in quarter.rows] == [2, 1, 0, 1]
    half = selectors.stats(cast.agency, 2568, "half")
    assert [r.total for r in half.rows] == [3, 1]
    assert not month.empty and selectors.stats(cast.agency, 2567).empty


def test_the_page_and_its_downloads(cast: Cast) -> None:
    _cases(cast)
    client = cast.client("overseer")  # counts only: overseers may read them
    slug = cast.agency.slug
    page = client.get(
        reverse("channels:stats", kwargs={"slug": slug}), {"year": 2568, "by": "quarter"}
    )
    assert page.status_code == 200 and "ไตรมาส" in page.content.decode()
    xlsx = client.get(
        reverse("channels:stats_file", kwargs={"slug": slug, "fmt": "xlsx"}), {"year": 2568}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["รวม", 4, 2, 2] in values
    pdf = client.get(
        reverse("channels:stats_file", kwargs={"slug": slug, "fmt": "pdf"}), {"year": 2568}
    )
    assert pdf.content.startswith(b"%PDF")
    assert (
        client.get(reverse("channels:stats_file", kwargs={"slug": slug, "fmt": "exe"})).status_code
        == 404
    )


def test_the_cli_writes_the_no_complaints_version_for_an_empty_year(
    cast: Cast, tmp_path: Path
) -> None:
    from tests.progress.test_reports import pdf_text

    out = tmp_path / "o18.pdf"
    stdout = io.StringIO()
    call_command(
        "complaints", "stats", "--org", cast.agency.slug, "--year", "2567", "--by", "half",
        "--format", "pdf", "--out", str(out), stdout=stdout,
    )  # fmt: skip
    assert "no complaints" in stdout.getvalue()
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "ไม่มีเรื่องร้องเรียน" in text.replace(" ", "")
    xlsx = tmp_path / "o18.xlsx"
    call_command(
        "complaints", "stats", "--org", cast.agency.slug, "--year", "2567", "--format", "xlsx",
        "--out", str(xlsx), stdout=io.StringIO(),
    )  # fmt: skip
    cells = [c.value for row in load_workbook(xlsx).active.iter_rows() for c in row]
    assert any(isinstance(v, str) and "ไม่มีเรื่องร้องเรียน" in v for v in cells)


def test_the_cli_refuses_an_unknown_agency(cast: Cast, tmp_path: Path, capsys: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "complaints", "stats", "--org", "nope", "--year", "2568", "--out", str(tmp_path / "x")
        )


def test_publishing_keeps_an_official_pdf_and_xlsx_of_the_year(cast: Cast) -> None:
    from prongsai.channels.models import StatsCopy
    from prongsai.core import files

    _cases(cast)
    client = cast.client("receiver")
    url = reverse("channels:publish", kwargs={"slug": cast.agency.slug})
    assert cast.client("overseer").post(url, {"year": 2568, "by": "month"}).status_code == 403
    response = client.post(url, {"year": 2568, "by": "month"})
    assert response.status_code == 302
    copy = StatsCopy.objects.get()
    assert copy.fiscal_year == 2568 and copy.copy_size > 0 and copy.xlsx_size > 0
    assert files.read_bytes(copy.copy_path).startswith(b"%PDF")
    assert files.read_bytes(copy.xlsx_path).startswith(b"PK")


def test_the_published_table_is_a_public_document_and_answers_the_oit_item(cast: Cast) -> None:
    from prongsai.channels.models import StatsCopy
    from prongsai.frameworks.models import Framework
    from prongsai.oit.documents import public_documents

    _cases(cast)
    services.stats_publish(cast.agency, 2568, "month", cast.users["receiver"])
    services.stats_publish(cast.agency, 2568, "quarter", cast.users["receiver"])
    docs = [d for d in public_documents(cast.agency) if d.kind == "complaint_stats"]
    assert len(docs) == 2 and sum(d.current for d in docs) == 1
    current = next(d for d in docs if d.current)
    assert current.key == f"complaint-stats-{StatsCopy.objects.order_by('-pk').first().pk}"
    assert current.alternate("xlsx") is not None
    slug = cast.agency.slug
    from django.test import Client

    anon = Client()
    assert (
        anon.get(
            reverse("oit_public:document_pdf", kwargs={"slug": slug, "key": current.key})
        ).status_code
        == 200
    )
    page = anon.get(reverse("oit_public:documents", kwargs={"slug": slug})).content.decode()
    assert "ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in page
    # the framework data maps the OIT items to this kind (FY2569 O18, FY2568 O19)
    # (the test database loaded the shipped framework data after its migrations)
    items = {
        f.year: [i.code for i in f.oit_items.filter(answered_by="complaint_stats")]
        for f in Framework.objects.filter(year__in=[2568, 2569])
    }
    assert items == {2568: ["o19"], 2569: ["o18"]}


def test_the_oversight_counts_refuse_a_year_in_other_digits(cast: Cast) -> None:
    url = reverse(
        "channels_oversight:province", kwargs={"code": cast.agency.district.province.code}
    )
    client = cast.client("overseer")
    assert client.get(url, {"year": "²⁵⁶⁹"}).status_code == 404
    page = client.get(url, {"year": "2569"})
    assert page.status_code == 200 and "เรียก" not in page.content.decode()


def test_the_oit_register_row_of_fy2569_o18_links_the_published_fy2568_table(cast: Cast) -> None:
    from prongsai.oit import selectors as oit_selectors
    from prongsai.oit import services as oit_services

    _cases(cast)
    register = oit_services.register_create(cast.agency, 2569)
    row = next(r for r in oit_selectors.register_view(register).rows if r.item.code == "o18")
    assert not row.ready
    services.stats_publish(cast.agency, 2568, "month", cast.users["receiver"])
    row = next(r for r in oit_selectors.register_view(register).rows if r.item.code == "o18")
    assert row.ready
