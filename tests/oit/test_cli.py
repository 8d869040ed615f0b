"""`prongsai oit status|export|check-links`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from prongsai.oit import services
from prongsai.oit.models import EntryStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(agency):
    register = services.register_create(agency, 2569)
    entry = register.entries.get(code="o4")
    services.entry_save(entry, data={"status": EntryStatus.PUBLISHED})
    ok = services.link_add(entry, url="https://www.example.go.th/news", explanation="เมนูข่าว")
    services.link_record_check(ok, status="ok", http_status=200, detail="")
    bad = services.link_add(register.entries.get(code="o8"), url="https://www.example.go.th/x")
    services.link_record_check(bad, status="broken", http_status=404, detail="HTTP 404")
    return register


def test_status_prints_the_issues_json(register) -> None:
    out = io.StringIO()
    call_command(
        "oit", "status", "--org", register.agency.slug, "--year", "2569", "--json", stdout=out
    )
    data = json.loads(out.getvalue())
    # 1 of 26 ready → 3.85 (flat estimate); no IIT/EIT result → no overall
    assert data == {
        "items": 26,
        "ready": 1,
        "predicted": {"oit": 3.85, "overall": None, "level": None},
        "broken_links": 1,
    }
    assert list(data) == ["items", "ready", "predicted", "broken_links"]


def test_export_writes_the_itas_answers_in_order(register, tmp_path) -> None:
    target = tmp_path / "itas.xlsx"
    call_command(
        "oit",
        "export",
        "--org",
        register.agency.slug,
        "--year",
        "2569",
        "--out",
        str(target),
        stdout=io.StringIO(),
    )
    ws = load_workbook(target).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("ข้อ", "รายการ", "มี/ไม่มี", "URL", "คำอธิบายเพิ่มเติม")
    assert [r[0] for r in rows[1:]] == [f"O{n}" for n in range(1, 27)]
    assert rows[4][:5] == ("O4", "ข่าวประชาสัมพันธ์", "มี", "https://www.example.go.th/news", "เมนูข่าว")
    assert rows[8][2] == "ไม่มี"


def test_a_spreadsheet_formula_in_an_explanation_is_stored_as_text(register, tmp_path) -> None:
    entry = register.entries.get(code="o9")
    services.link_add(
        entry, url="https://www.example.go.th/y", explanation='=HYPERLINK("http://evil")'
    )
    target = tmp_path / "itas.xlsx"
    call_command(
        "oit",
        "export",
        "--org",
        register.agency.slug,
        "--year",
        "2569",
        "--out",
        str(target),
        stdout=io.StringIO(),
    )
    ws = load_workbook(target).active
    assert ws["A10"].value == "O9"
    # kept as a string cell shown as typed (core.spreadsheets), never a live formula
    cell = ws["E10"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://evil")'
    assert cell.quotePrefix


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--org", "nobody", "--year", "2569"],
        ["status", "--year", "2569"],
        ["export", "--org", "res", "--year", "2568", "--out", "x.xlsx"],
    ],
)
def test_bad_arguments_stop_with_a_thai_message(register, args) -> None:
    with pytest.raises(CommandError):
        call_command("oit", *args, stdout=io.StringIO())
