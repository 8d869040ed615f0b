"""A doubtful import is never saved without the officer seeing why and acknowledging it."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.imports.models import ImportDraft
from prongsai.plans.models import Plan

pytestmark = pytest.mark.django_db

# 40 measures under one issue with nothing but a heading: wrapped lines read as rows
_DOUBTFUL = "\n".join(
    [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        "องค์การบริหารส่วนตำบลโคกสำราญใต้ อำเภอบ้านแฮด จังหวัดขอนแก่น",
        "ประเด็น\tขั้นตอน/วิธีการปฏิบัติ\tระยะเวลาดำเนินการ\tผู้รับผิดชอบ",
        "1. การเปิดเผยข้อมูล\tจัดทำประกาศ\tไตรมาส ๒\tสำนักปลัด",
        *[f"{n}. ข้อความที่ถูกตัด{n}\t\t\t" for n in range(2, 41)],
    ]
)


def test_a_doubtful_import_needs_an_acknowledgement_before_it_is_saved() -> None:
    demo_build()
    Plan.objects.filter(agency__slug="demo").delete()
    client = Client()
    assert client.login(username="demo-editor", password=DEMO_PASSWORD)
    client.post(
        reverse("imports:upload", args=["demo"]),
        {"file": SimpleUploadedFile("plan.txt", _DOUBTFUL.encode())},
    )
    draft = ImportDraft.objects.get()
    confidence = draft.data["confidence"]
    assert confidence["doubtful"] and confidence["structure"]["level"] == "low"
    url = reverse("imports:review", args=["demo", draft.pk])
    page = client.get(url).content.decode()
    warning = page.index("ระบบไม่แน่ใจในบางส่วนของเอกสารนี้")
    assert warning < page.index('name="acknowledge"') < page.index("บันทึกเป็นร่างมาตรการ</button>")
    assert "อาจแยกบรรทัดที่ตัดคำในช่องตารางเป็นมาตรการ" in page

    form: dict[str, Any] = {"fiscal_year": "2567", "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "1"}
    form.update({"m-0-include": "on", "m-0-title": "การเปิดเผยข้อมูล", "m-0-source": "0",
                 "m-0-start_month": "4", "m-0-end_month": "6"})  # fmt: skip
    refused = client.post(url, form)
    assert refused.status_code == 200 and "ทำเครื่องหมายยืนยันก่อนบันทึก" in refused.content.decode()
    assert not Plan.objects.filter(agency__slug="demo").exists()

    saved = client.post(url, {**form, "acknowledge": "on"})
    assert saved.status_code == 302
    assert Plan.objects.filter(agency__slug="demo", fiscal_year=2567).exists()


def test_a_result_page_becomes_the_agencys_result_for_that_year() -> None:
    from pathlib import Path

    from prongsai.results.models import Result

    demo_build()
    client = Client()
    assert client.login(username="demo-editor", password=DEMO_PASSWORD)
    page = Path(__file__).parents[1] / "docimport/fixtures/corpus/results_web_table.html"
    client.post(
        reverse("imports:upload", args=["demo"]),
        {"file": SimpleUploadedFile("ita.html", page.read_bytes())},
    )
    draft = ImportDraft.objects.get()
    assert draft.kind == "results" and draft.fiscal_year == 2566
    url = reverse("imports:review", args=["demo", draft.pk])
    body = client.get(url).content.decode()
    assert "ประกาศผลการประเมิน ITA" in body and "บันทึกเป็นผลการประเมินของปีนี้" in body
    Result.objects.filter(agency__slug="demo", year=2566).delete()
    response = client.post(url, {"fiscal_year": "2566"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    result = Result.objects.get(agency__slug="demo", year=2566)
    assert result.source == Result.Source.IMPORT
    assert str(result.entered_overall) == "97.90" and result.rank == 215
    assert result.indicator_scores.count() == 10
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.SAVED
