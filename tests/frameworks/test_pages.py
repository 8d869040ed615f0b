"""The framework library pages and the administrator's upload."""

import copy
from typing import Any

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prongsai.frameworks.files import load_framework_file
from prongsai.frameworks.models import Framework, OitItem, Question
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db: Any) -> Client:
    get_user_model().objects.create_user("site-staff", password=PASSWORD, is_staff=True)
    client = Client()
    client.login(username="site-staff", password=PASSWORD)
    return client


def upload(client: Client, data: Any, name: str = "fy.yaml") -> Any:
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    return client.post(
        reverse("frameworks:upload"),
        {"file": SimpleUploadedFile(name, text.encode(), content_type="application/yaml")},
    )


def test_any_signed_in_user_reads_the_years_with_their_counts(world: Any) -> None:
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    body = client.get(reverse("frameworks:list")).content.decode()
    assert "๒๕๖๖" in body and "๒๕๖๙" in body
    assert "อัปโหลด" not in body  # only staff see the upload
    detail = client.get(reverse("frameworks:detail", args=[2566])).content.decode()
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in detail
    assert "ไม่ทราบถ้อยคำ" in detail


def test_a_malformed_upload_changes_nothing_and_names_each_problem(staff: Client) -> None:
    data = copy.deepcopy(load_framework_file(2566))
    data["title_th"] = "ชื่อใหม่"
    data["tools"][2]["weight"] = 50
    data["questions"][4]["answer_type"] = "scale4"
    before = (
        Framework.objects.get(year=2566).content_hash,
        Question.objects.count(),
        OitItem.objects.count(),
    )
    response = upload(staff, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "พบข้อผิดพลาด 2 รายการ ไม่ได้บันทึกอะไร" in body
    assert "tools: น้ำหนักของเครื่องมือรวมกันต้องเท่ากับ 100 (ได้ 110)" in body
    assert "questions[4] (i5).answer_type" in body
    after = (
        Framework.objects.get(year=2566).content_hash,
        Question.objects.count(),
        OitItem.objects.count(),
    )
    assert after == before and Framework.objects.get(year=2566).title_th != "ชื่อใหม่"


def test_a_broken_yaml_upload_says_which_line(staff: Client) -> None:
    body = upload(staff, "year: 2566\ntools: [\n").content.decode()
    assert "อ่านไฟล์ YAML ไม่ได้ บรรทัดที่" in body


def test_a_corrected_year_is_updated_in_place_and_a_new_year_is_added(staff: Client) -> None:
    data = copy.deepcopy(load_framework_file(2566))
    data["questions"][1]["text"] = "ถ้อยคำที่ตรวจกับคู่มือแล้ว"
    pk = Question.objects.get(framework__year=2566, code="i2").pk
    response = upload(staff, data)
    assert response.status_code == 302
    q = Question.objects.get(framework__year=2566, code="i2")
    assert q.pk == pk and q.text == "ถ้อยคำที่ตรวจกับคู่มือแล้ว"
    assert Framework.objects.get(year=2566).origin == "upload"

    new = copy.deepcopy(load_framework_file(2569))
    new["year"] = 2570
    new["title_th"] = "เกณฑ์การประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2570"
    assert upload(staff, new).status_code == 302
    assert Framework.objects.get(year=2570).questions.count() == 45


def test_the_yaml_download_is_the_loaded_data(world: Any) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    response = client.get(reverse("frameworks:download", args=[2566, 2566]))
    assert yaml.safe_load(response.content) == load_framework_file(2566)
