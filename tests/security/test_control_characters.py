"""Characters XML cannot hold (a vertical tab pasted from Word, other C0 controls, U+FFFE…):
cleaned on the way in, through every form and importer, and again on the way out, so every
document kind, every export and the document batches still render. A vertical tab in one field
made every DOCX of the agency, the XLSX exports and whole batches answer with a server error."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.core.documents import DocumentOptions, DocumentUnavailable, build_document
from prongsai.documents import render
from prongsai.jobs.models import DocumentJob
from prongsai.jobs.tasks import render_documents
from tests.authz.cases_plans import MEASURE_POST
from tests.authz.cases_progress import ACTION_POST, MEMO_POST, NOTE_POST
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db

CONTROLS = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")  # NUL: refused (400)
HOSTILE = "ก\x0bข" + CONTROLS + "\ufffe\uffffค"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _admin() -> Client:
    client = Client()
    client.login(username="admin", password=PASSWORD)
    return client


def _every_document_and_export(world: Any) -> list[str]:
    """Render every document kind in both formats and the XLSX exports; the kinds rendered."""
    rendered = []
    for kind in ("analysis", "plan", "progress", "status", "annual", "memo"):
        try:
            document = build_document(kind, world.agency, 2567, DocumentOptions())
        except DocumentUnavailable:
            continue
        for fmt in ("docx", "pdf"):
            assert render(document, fmt)[:2] in (b"PK", b"%P"), (kind, fmt)
        rendered.append(kind)
    client = _admin()
    export = client.get(reverse("progress:export", args=["ours", 2567]))
    assert export.status_code == 200
    for ws in load_workbook(io.BytesIO(export.content)).worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and NOT_XML.search(v) for v in row)
    return rendered


def test_the_cleaning_keeps_text_and_turns_words_line_breaks_into_line_breaks() -> None:
    from prongsai.core.text import clean_text

    assert clean_text("ขั้นที่ ๑\x0bขั้นที่ ๒\x0cหน้าใหม่") == "ขั้นที่ ๑\nขั้นที่ ๒\nหน้าใหม่"
    assert clean_text(HOSTILE) == "ก\nข\n\nค"  # \v and \f become line breaks, the rest goes
    assert clean_text("ก\ud800ข") == "กข"  # a lone surrogate
    assert clean_text("ปกติ\tมีแท็บ\r\nและบรรทัด 😀") == "ปกติ\tมีแท็บ\r\nและบรรทัด 😀"


def test_every_form_field_is_cleaned_before_the_view_reads_it_but_passwords() -> None:
    from prongsai.core.security import ControlCharacterMiddleware

    seen: dict[str, Any] = {}

    def view(request: Any) -> Any:
        seen.update(post=request.POST, get=request.GET)
        return None

    request = RequestFactory().post(
        "/x/?q=%3DA%0B1", {"text": HOSTILE, "many": ["a\x01", "b"], "new_password1": "p\x01w"}
    )
    ControlCharacterMiddleware(view)(request)
    assert seen["post"]["text"] == "ก\nข\n\nค"
    assert seen["post"].getlist("many") == ["a", "b"]
    assert seen["post"]["new_password1"] == "p\x01w"  # as typed: it is never rendered
    assert seen["get"]["q"] == "=A\n1"


def test_control_characters_typed_into_the_forms_never_reach_a_document(world: Any) -> None:
    client = _admin()
    plan, measure = world.objects["plan"], world.objects["measure"]
    posts = [
        (reverse("plans:edit", args=["ours", 2567]), {"title": "แผน" + HOSTILE, "constraints_text": HOSTILE}),
        (
            reverse("plans:measure_edit", args=["ours", 2567, measure.pk]),
            {**MEASURE_POST, "finding": HOSTILE, "steps": "ขั้นแรก" + HOSTILE, "expected_outcome": HOSTILE},
        ),
        (reverse("progress:action_add", args=["ours", 2567, measure.pk]), {**ACTION_POST, "text": HOSTILE}),
        (reverse("progress:note_edit", args=["ours", 2567, measure.pk, "year"]), {**NOTE_POST, "result": HOSTILE, "problems": HOSTILE}),
        (reverse("progress:memo_edit", args=["ours", 2567, "year"]), {**MEMO_POST, "memo_to": "นายก" + HOSTILE}),
        (reverse("orgs:settings", args=["ours"]), {"address": HOSTILE, "phone": "0 2123 4567", "website": "https://ours.go.th", "digit_style": "thai"}),
    ]  # fmt: skip
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (200, 302), url
        assert response.status_code == 302 or "error" not in response.content.decode(), url
    plan.refresh_from_db()
    measure.refresh_from_db()
    assert plan.constraints_text == "ก\nข\n\nค"
    assert measure.finding == "ก\nข\n\nค"
    action = measure.progress_actions.order_by("-pk").first()
    assert action is not None and action.text == "ก\nข\n\nค"
    world.agency.refresh_from_db()
    assert world.agency.address == "ก\nข\n\nค"
    assert {"plan", "progress", "annual", "memo"} <= set(_every_document_and_export(world))


def test_text_saved_before_with_control_characters_still_renders(world: Any) -> None:
    # records written before the cleaning (or by a script) reach the writers as they are
    from prongsai.progress.models import MeasureNote, Period

    measure = world.objects["measure"]
    type(measure).objects.filter(pk=measure.pk).update(finding=HOSTILE, steps=["ก\x0bข", HOSTILE])
    action = world.objects["action"]
    type(action).objects.filter(pk=action.pk).update(text=HOSTILE)
    MeasureNote.objects.update_or_create(
        measure=measure, period=Period.YEAR, defaults={"result": HOSTILE, "outcome": "\x0b"}
    )
    type(world.agency).objects.filter(pk=world.agency.pk).update(address=HOSTILE)
    assert {"plan", "progress", "annual", "memo"} <= set(_every_document_and_export(world))
    # and the whole batch, which used to fail on the first DOCX
    job = DocumentJob.objects.create(
        agency=world.agency, fiscal_year=2567, kinds=["plan", "annual"], formats=["docx", "pdf"]
    )
    render_documents.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.done) == ("done", 4)


def test_imports_clean_what_they_read(world: Any) -> None:
    from prongsai.core.tables import read_table
    from prongsai.frameworks.files import parse_framework_text

    rows = read_table("code,text\ni1,ก\x0bข\x01\n".encode(), "r.csv", columns=2)
    assert rows[1] == (2, ["i1", "ก\nข"])
    data = parse_framework_text('year: 2567\nname: "ก\\vข\\x01ค"\n')
    assert data["name"] == "ก\nขค"
