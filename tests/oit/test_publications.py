"""Documents other apps publish (prongsai.core.publications): the public list and pages, a second
format, one document per month, the OIT register's automatic link and oversight readiness."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.core import files
from prongsai.core.publications import (
    Alternate,
    DocumentKind,
    PublicDocument,
    register_document_kind,
    register_document_source,
    unregister_document_source,
)
from prongsai.frameworks.models import OitItem
from prongsai.oit import services
from prongsai.oit.documents import official_documents, public_documents
from prongsai.oit.readiness import area_readiness
from prongsai.oit.selectors import register_view

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Months:
    """A source with one document per month, each with its XLSX; March published twice."""

    def __init__(self, agency_id: int) -> None:
        self.agency_id = agency_id
        pdf = files.bytes_store(b"%PDF-1.4 month\n%%EOF\n", folder="test-pub", extension="pdf")
        xlsx = files.bytes_store(b"PK\x03\x04 sheet", folder="test-pub", extension="xlsx")
        at = timezone.make_aware(dt.datetime(2026, 3, 31, 10))
        self.docs = [
            PublicDocument(
                f"months-{n}",
                "test_month",
                2569,
                at + dt.timedelta(days=n),
                pdf.path,
                pdf.size,
                pdf.sha256,
                part=part,
                title_text=f"สรุปประจำเดือน {part}",
                alternates=(Alternate("xlsx", xlsx.path, xlsx.size, xlsx.sha256, XLSX),),
            )
            for n, part in enumerate(("2569-02", "2569-03", "2569-03"))
        ]

    def documents(self, agency: Any) -> Iterable[PublicDocument]:
        return self.docs if agency.pk == self.agency_id else []

    def official(self, agency_ids: list[int], years: Iterable[int]) -> set[tuple[int, str, int]]:
        found = self.agency_id in agency_ids and 2569 in tuple(years)
        return {(self.agency_id, "test_month", 2569)} if found else set()


@pytest.fixture
def months(agency: Any) -> Iterator[Months]:
    register_document_kind(DocumentKind("test_month", "สรุปประจำเดือน", "สรุปรายเดือน", 40))
    source = Months(agency.pk)
    register_document_source(source)
    yield source
    unregister_document_source(source)


def test_each_month_is_current_and_a_month_published_again_supersedes_its_first_copy(
    agency, months
) -> None:
    docs = {d.key: d for d in public_documents(agency)}
    assert docs["months-0"].current and docs["months-2"].current
    assert docs["months-1"].superseded_by == "months-2"
    assert docs["months-0"].title == "สรุปประจำเดือน 2569-02"


def test_the_public_pages_offer_the_second_format_and_serve_it(agency, months) -> None:
    client = Client()
    listing = client.get(reverse("oit_public:documents", kwargs={"slug": agency.slug}))
    url = reverse(
        "oit_public:document_file", kwargs={"slug": agency.slug, "key": "months-0", "ext": "xlsx"}
    )
    assert url in listing.content.decode()
    answer = client.get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == XLSX
    assert b"".join(answer.streaming_content).startswith(b"PK")
    other = client.get(url.replace("/xlsx/", "/docx/"))
    assert other.status_code == 404
    feed = client.get(reverse("oit_public:feed", kwargs={"slug": agency.slug})).json()
    month = next(d for d in feed["documents"] if d["key"] == "months-0")
    assert month["files"]["xlsx"].endswith(url)


def test_a_register_row_answered_by_monthly_documents_links_to_that_years_list(
    agency, months
) -> None:
    OitItem.objects.filter(framework__year=2569, code="o11").update(
        answered_by="test_month", period="current"
    )
    register = services.register_create(agency, 2569)
    row = next(r for r in register_view(register).rows if r.item.code == "o11")
    assert row.ready and row.document is not None
    listing = reverse("oit_public:documents", kwargs={"slug": agency.slug})
    assert row.document.url.endswith(f"{listing}?year=2569")
    page = Client().get(row.document.url.split("testserver")[-1])
    assert "/d/months-0/" in page.content.decode() and "/d/months-2/" in page.content.decode()
    assert (agency.pk, "test_month", 2569) in official_documents([agency.pk], [2569])
    area = area_readiness(None, 2569, {"district_id": agency.district_id})
    assert "o11" not in {code for code, _title, _n in area.not_ready}


def test_framework_data_may_only_name_a_registered_kind(agency) -> None:
    from prongsai.frameworks.extras import validate_oit_item_extras

    class Collect:
        def __init__(self) -> None:
            self.errors: list[str] = []

        def err(self, path: str, message: str) -> None:
            self.errors.append(path)

    c = Collect()
    validate_oit_item_extras(c, {"period": "current", "answered_by": "plan"}, "o25")
    validate_oit_item_extras(c, {"period": "current", "answered_by": "nothing_like_it"}, "o11")
    assert c.errors == ["o11.answered_by"]


def test_a_link_kept_as_evidence_uses_the_sites_public_address_before_the_requests(
    settings: Any,
) -> None:
    from django.test import RequestFactory

    from prongsai.oit.documents import lasting_url

    request = RequestFactory().get("/", HTTP_HOST="testserver")
    settings.PRONGSAI_SITE_URL = ""
    assert lasting_url("/p/demo/", request) == "http://testserver/p/demo/"
    settings.PRONGSAI_SITE_URL = "https://ita.example.go.th/"
    assert lasting_url("/p/demo/", request) == "https://ita.example.go.th/p/demo/"
