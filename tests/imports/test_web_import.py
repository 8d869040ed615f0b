import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prongsai.core.demo import DEMO_PASSWORD, demo_build
from prongsai.documents import render
from prongsai.imports.models import ImportDraft
from prongsai.plans.documents import plan_document
from prongsai.plans.models import Measure, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> Client:
    demo_build()
    Plan.objects.filter(agency__slug="demo").delete()
    client = Client()
    assert client.login(username="demo-editor", password=DEMO_PASSWORD)
    return client


def upload(client: Client, name: str, data: bytes) -> Any:
    return client.post(
        reverse("imports:upload", args=["demo"]), {"file": SimpleUploadedFile(name, data)}
    )


def test_seed_000_becomes_a_draft_plan_that_renders_back_into_a_document(
    editor: Client, seeds_dir: Path
) -> None:
    data = next(seeds_dir.glob("000_*.txt")).read_bytes()
    response = upload(editor, "plan-2566.txt", data)
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/{draft.pk}/")
    assert draft.kind == "plan" and draft.fiscal_year == 2566
    assert any(f["code"] == "other_agency_name" and "ชาราก" in f["message"] for f in draft.findings)
    assert not Plan.objects.filter(agency__slug="demo").exists()  # nothing saved before review

    page = editor.get(response["Location"]).content.decode()
    assert "เทศบาลตำบลชาราก" in page  # the finding is shown
    assert 'name="m-TOTAL_FORMS" value="7"' in page

    form = {"fiscal_year": "2566", "m-TOTAL_FORMS": "7", "m-INITIAL_FORMS": "7"}
    for i, m in enumerate(draft.data["measures"]):
        form.update(
            {
                f"m-{i}-include": "on",
                f"m-{i}-issue": m["issue"],
                f"m-{i}-title": (m["finding"] or m["issue"])[:200],
                f"m-{i}-question_codes": ", ".join(m["question_codes"]),
                f"m-{i}-finding": m["finding"] or "",
                f"m-{i}-steps": "\n".join(m["steps"]),
                f"m-{i}-start_month": "4",
                f"m-{i}-end_month": "6",
                f"m-{i}-responsible": m["responsible"] or "",
            }
        )
    form["m-6-title"] = "มาตรการที่แก้ชื่อระหว่างตรวจทาน"
    saved = editor.post(response["Location"], form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    plan = Plan.objects.get(agency__slug="demo", fiscal_year=2566)
    assert not plan.is_locked
    measures = Measure.objects.filter(issue__plan=plan)
    assert measures.count() == 7
    assert measures.filter(title="มาตรการที่แก้ชื่อระหว่างตรวจทาน").exists()
    assert ["i19", "i20", "i21"] in [sorted(m.question_codes) for m in measures]
    draft.refresh_from_db()
    assert draft.status == "saved" and draft.plan == plan
    pdf = render(plan_document(plan), "pdf")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.docx", b"", "ว่าง"),
        ("picture.docx", b"\x89PNG\r\n\x1a\n" + b"0" * 100, None),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 50, None),
        ("random.pdf", bytes(range(256)) * 4, None),
        # text that is no ITA document (a draft with no kind used to end in a server error)
        ("notes.txt", "บันทึกการประชุมประจำเดือน เรื่องทั่วไป".encode(), "ไม่พบเนื้อหาเอกสาร ITA"),
        ("one-byte.pdf", b"\x01", "ไม่พบเนื้อหาเอกสาร ITA"),
    ],
)
def test_malformed_files_get_a_thai_error_and_change_nothing(
    editor: Client, name: str, data: bytes, expected: str | None
) -> None:
    response = upload(editor, name, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="errorlist' in body
    if expected:
        assert expected in body
    assert not ImportDraft.objects.exists()
    assert not Plan.objects.filter(agency__slug="demo").exists()


def test_a_zip_bomb_is_refused(editor: Client) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<a>" + "A" * 200_000_000 + "</a>")
    response = upload(editor, "bomb.docx", buffer.getvalue())
    assert 'class="errorlist' in response.content.decode()
    assert not ImportDraft.objects.exists()


def test_a_draft_names_its_kind_for_the_officer_in_the_page_language() -> None:
    from django.utils import translation

    assert ImportDraft(kind="plan").kind_label == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    assert ImportDraft(kind="").kind_label == "ไม่ทราบชนิดเอกสาร"
    with translation.override("en"):
        assert ImportDraft(kind="annual_report").kind_label == "Annual progress report"


class _FormValues:
    """The values a browser would send for the page's POST form that has the field `marker`
    (inputs, textareas, selected options; unchecked boxes left out)."""

    def __init__(self, html: str, marker: str) -> None:
        from html.parser import HTMLParser

        forms: list[dict[str, str]] = []
        values: dict[str, str] = {}
        state: dict[str, Any] = {"textarea": None, "select": None, "in_form": False}

        class Parser(HTMLParser):
            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                a = {k: v or "" for k, v in attrs}
                if tag == "form" and a.get("method") == "post":
                    state["in_form"] = True
                    values.clear()
                if not state["in_form"]:
                    return
                if tag == "input" and a.get("name"):
                    if a.get("type") == "checkbox" and "checked" not in a:
                        return
                    values[a["name"]] = a.get("value", "on" if a.get("type") == "checkbox" else "")
                elif tag == "textarea":
                    state["textarea"] = a.get("name")
                    values[a["name"]] = ""
                elif tag == "select":
                    state["select"] = a.get("name")
                elif tag == "option" and state["select"] and "selected" in a:
                    values[state["select"]] = a.get("value", "")

            def handle_endtag(self, tag: str) -> None:
                if tag == "form" and state["in_form"]:
                    state["in_form"] = False
                    forms.append(dict(values))
                elif tag == "textarea":
                    state["textarea"] = None
                elif tag == "select":
                    state["select"] = None

            def handle_data(self, data: str) -> None:
                if state["textarea"]:
                    values[state["textarea"]] += (
                        data.lstrip("\n") if not values[state["textarea"]] else data
                    )

        Parser(convert_charrefs=True).feed(html)
        self.values = next(f for f in forms if marker in f)


def test_importing_a_report_keeps_statuses_planned_quarters_and_results(editor: Client) -> None:
    from prongsai.progress.models import MeasureNote, Period
    from prongsai.progress.periods import period_end
    from prongsai.progress.selectors import measure_state

    fixture = Path(__file__).parent.parent / "docimport" / "fixtures" / "status_report_memo.txt"
    response = upload(editor, "status-6m.txt", fixture.read_bytes())
    page = editor.get(response["Location"]).content.decode()
    assert 'id="keeps-progress"' in page
    form = _FormValues(page, "m-TOTAL_FORMS").values
    assert form["fiscal_year"] == "2567"
    saved = editor.post(response["Location"], form)
    assert saved.status_code == 302, saved.content.decode()[:3000]

    plan = Plan.objects.get(agency__slug="demo", fiscal_year=2567)
    draft = ImportDraft.objects.get()
    measures = list(Measure.objects.filter(issue__plan=plan).order_by("issue__order", "order"))
    assert len(measures) == 3
    for measure, source in zip(measures, draft.data["measures"], strict=True):
        # a title of its own, not the issue or the finding again
        assert measure.title not in (source["issue"], source["finding"])
        assert measure.title == source["steps"][0]
    half_end = period_end(2567, Period.HALF)
    statuses = [measure_state(m, half_end, Period.HALF).status for m in measures]
    assert statuses == ["done", "doing", "todo"]
    # planned quarters: "ไตรมาส ๒, ไตรมาส ๓, ไตรมาส ๔" → January to September, not the whole year
    assert (measures[1].start_month, measures[1].end_month) == (4, 12)
    assert (measures[2].start_month, measures[2].end_month) == (7, 9)
    note = MeasureNote.objects.get(measure=measures[1], period=Period.HALF)
    assert note.result == draft.data["measures"][1]["result"]


def test_imported_titles_never_repeat_the_issue_or_the_finding() -> None:
    from prongsai.imports.services import measure_title

    same = {"issue": "ลดการรับสินบน", "finding": "ยังมีการรับสินบน", "steps": ["ลดการรับสินบน"]}
    assert measure_title(same, 3) == "มาตรการที่ ๓"
    coded = {"issue": "x", "finding": "x", "steps": [], "question_codes": ["i19", "e11"]}
    assert measure_title(coded, 1) == "มาตรการตามข้อคำถาม i19, e11"
    long_step = {"issue": "", "finding": "", "steps": ["ก" * 400]}
    assert len(measure_title(long_step, 1)) == 150
