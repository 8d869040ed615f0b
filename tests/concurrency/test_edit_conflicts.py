"""Two officers open the same edit form; the first saves; the second is not saved over the
first: they get the form back (409) with their typed text, who changed the record, and the
field they both touched as "yours" against "now". Every edit form of the site, one shared
mechanism (`prongsai.core.versions`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.analysis.models import Analysis
from prongsai.core.thai import to_thai_digits
from prongsai.feedback.models import Guideline, Question, Service
from prongsai.oit import services as oit_services
from prongsai.oit.models import Entry as OitEntry
from prongsai.oit.models import Register as OitRegister
from prongsai.orgs.models import Agency, Person, Unit
from prongsai.plans.models import Measure, Plan, PlanIssue
from prongsai.procurement.models import Bidder, ProcurementEntry
from prongsai.progress.models import Action, MeasureNote, ProgressReport
from prongsai.registers.models import Asset, Gift, NoGiftPolicy, Risk
from prongsai.results.models import Result
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db


class _Values(HTMLParser):
    """The fields of the form carrying the version token, as a browser would post them."""

    def __init__(self, form_id: str | None) -> None:
        super().__init__()
        self.form_id = form_id
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._wanted = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {}
            self._wanted = self.form_id is None or a.get("id") == self.form_id
            return
        form, name = self._form, a.get("name")
        if form is None:
            return
        if tag == "textarea" and name:
            self._textarea = name
            form.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            form.setdefault(self._select, []).append(a.get("value", ""))
        elif tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("file", "submit"):
                form.setdefault(name, []).append(a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea and self._form is not None:
            values = self._form[self._textarea]
            # a browser drops the newline that opens a textarea's content
            values[-1] += data[1:] if not values[-1] and data.startswith("\n") else data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            if self._wanted:
                self.forms.append(self._form)
            self._form = None


def _fields(html: str, form_id: str | None, field: str) -> dict[str, Any]:
    """The values of the page's form that has `field` (the edit form)."""
    reader = _Values(form_id)
    reader.feed(html)
    form = next(f for f in reader.forms if field in f)
    return {k: v if len(v) > 1 else v[0] for k, v in form.items()}


def _open(client: Client, url: str, form_id: str | None, field: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, url
    return _fields(response.content.decode(), form_id, field)


@dataclass
class Edit:
    name: str
    url: Callable[[Any], str]
    field: str
    saved: Callable[[Any], str]  # the field's value in the database now
    first: str = "editor"
    second: str = "admin"


def _plan(w: Any) -> Plan:
    return w.objects["plan"]


def _url(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"slug": "ours", **kwargs})


EDITS = [
    Edit(
        "plan",
        lambda w: _url("plans:edit", year=2567),
        "constraints_text",
        lambda w: Plan.objects.get(pk=_plan(w).pk).constraints_text,
    ),
    Edit(
        "issue",
        lambda w: _url("plans:issue_edit", year=2567, pk=w.objects["issue"].pk),
        "title",
        lambda w: PlanIssue.objects.get(pk=w.objects["issue"].pk).title,
    ),
    Edit(
        "measure",
        lambda w: _url("plans:measure_edit", year=2567, pk=w.objects["measure"].pk),
        "finding",
        lambda w: Measure.objects.get(pk=w.objects["measure"].pk).finding,
    ),
    Edit(
        "measure monitoring row",
        lambda w: _url("plans:measure_edit", year=2567, pk=w.objects["measure"].pk),
        "mon-0-text",
        lambda w: " ".join(
            s["text"] for s in Measure.objects.get(pk=w.objects["measure"].pk).monitoring
        ),
    ),
    Edit(
        "result",
        lambda w: _url("results:edit", year=2566),
        "ind_4",
        lambda w: str(
            Result.objects.get(agency=w.agency, year=2566).indicator_scores.get(number=4).score
        ),
    ),
    Edit(
        "action",
        lambda w: _url("progress:action_edit", year=2567, pk=w.objects["action"].pk),
        "text",
        lambda w: Action.objects.get(pk=w.objects["action"].pk).text,
    ),
    Edit(
        "report note",
        lambda w: _url("progress:note_edit", year=2567, pk=w.objects["measure"].pk, period="half"),
        "problems",
        lambda w: MeasureNote.objects.get(measure=w.objects["measure"], period="half").problems,
    ),
    Edit(
        "memo",
        lambda w: _url("progress:memo_edit", year=2567, period="half"),
        "memo_to",
        lambda w: ProgressReport.objects.get(plan=_plan(w), period="half").memo_to,
    ),
    Edit(
        "analysis rules",
        lambda w: _url("analysis:year", year=2566),
        "threshold",
        lambda w: str(Analysis.objects.get(agency=w.agency, year=2566).threshold),
    ),
    Edit(
        "unit",
        lambda w: _url("orgs:unit_edit", pk=w.objects["unit"].pk),
        "name",
        lambda w: Unit.objects.get(pk=w.objects["unit"].pk).name,
        first="admin",
    ),
    Edit(
        "person",
        lambda w: _url("orgs:person_edit", pk=w.objects["person"].pk),
        "position",
        lambda w: Person.objects.get(pk=w.objects["person"].pk).position,
        first="admin",
    ),
    Edit(
        "agency settings",
        lambda w: _url("orgs:settings"),
        "phone",
        lambda w: Agency.objects.get(pk=w.agency.pk).phone,
        first="admin",
    ),
    Edit(
        "procurement entry",
        lambda w: _url(
            "procurement:entry_edit", year=2569, month=10, pk=w.objects["procurement_entry"].pk
        ),
        "title",
        lambda w: ProcurementEntry.objects.get(pk=w.objects["procurement_entry"].pk).title,
    ),
    Edit(
        "procurement bidder row",
        lambda w: _url(
            "procurement:entry_edit", year=2569, month=10, pk=w.objects["procurement_entry"].pk
        ),
        "bid-0-name",
        lambda w: " ".join(
            b.name for b in Bidder.objects.filter(entry=w.objects["procurement_entry"])
        ),
    ),
    Edit(
        "OIT register item",
        lambda w: _oit_item_url(w, "o1"),
        "notes",
        lambda w: (
            OitEntry.objects.get(
                register__agency=w.agency, register__fiscal_year=2569, code="o1"
            ).notes
        ),
    ),
    Edit(
        "gift received",
        lambda w: _url("registers:gift", year=2567, pk=w.objects["reg_gift"].pk),
        "decision",
        lambda w: Gift.objects.get(pk=w.objects["reg_gift"].pk).decision,
    ),
    Edit(
        "bribery risk",
        lambda w: _url("registers:risk", year=2567, pk=w.objects["reg_risk"].pk),
        "follow_up",
        lambda w: Risk.objects.get(pk=w.objects["reg_risk"].pk).follow_up,
    ),
    Edit(
        "asset of the catalogue",
        lambda w: reverse(
            "registers:asset", kwargs={"slug": w.agency.slug, "pk": w.objects["reg_asset"].pk}
        ),
        "name",
        lambda w: Asset.objects.get(pk=w.objects["reg_asset"].pk).name,
    ),
    Edit(
        "No Gift declaration",
        lambda w: _url("registers:policy", year=2567),
        "statement",
        lambda w: NoGiftPolicy.objects.get(agency=w.agency, fiscal_year=2567).statement,
    ),
    Edit(
        "question answer",
        lambda w: _url("feedback:question", pk=w.objects["fb_question"].pk),
        "answer",
        lambda w: Question.objects.get(pk=w.objects["fb_question"].pk).answer,
    ),
    Edit(
        "survey service",
        lambda w: _url("feedback:service_edit", pk=w.objects["fb_service"].pk),
        "description",
        lambda w: Service.objects.get(pk=w.objects["fb_service"].pk).description,
    ),
    Edit(
        "complaint guideline",
        lambda w: _url("feedback:guideline"),
        "responsible_unit",
        lambda w: Guideline.objects.get(agency=w.agency).responsible_unit,
    ),
]
VALUES = {"ind_4": ("88.5", "77.25"), "threshold": ("90", "80")}


def _oit_item_url(w: Any, code: str) -> str:
    if not OitRegister.objects.filter(agency=w.agency, fiscal_year=2569).exists():
        oit_services.register_create(w.agency, 2569)
    return _url("oit:entry", year=2569, code=code)


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.mark.parametrize("edit", EDITS, ids=[e.name for e in EDITS])
def test_the_second_of_two_editors_is_shown_the_first_ones_change_not_saved_over_it(
    world: Any, edit: Edit
) -> None:
    url = edit.url(world)
    first, second = _client(edit.first), _client(edit.second)
    first_form, second_form = (
        _open(first, url, None, edit.field),
        _open(second, url, None, edit.field),
    )
    one, two = VALUES.get(edit.field, ("ข้อความของผู้บันทึกคนแรก", "ข้อความที่คนที่สองพิมพ์ไว้"))

    saved = first.post(url, {**first_form, edit.field: one})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert one in edit.saved(world)

    refused = second.post(url, {**second_form, edit.field: two})

    assert refused.status_code == 409
    assert one in edit.saved(world) and two not in edit.saved(world)  # not saved over
    page = refused.content.decode()
    assert 'id="edit-conflict"' in page
    assert f"{edit.first} แก้ไขข้อมูลนี้เมื่อ" in page  # who, then when
    assert two in page  # the typed text is still in the form
    table = page.split('id="edit-conflict"')[1].split("</table>")[0]
    yours, now = to_thai_digits(two), to_thai_digits(one)  # numbers shown in Thai digits
    assert f'class="yours">{yours}' in table and f'class="current">{now}' in table
    # the form now carries the current version: saving again applies the typed text on purpose
    resent = _fields(page, None, edit.field)
    assert resent["_version"] != second_form["_version"]
    assert resent[edit.field] == two
    assert second.post(url, resent).status_code == 302
    assert two in edit.saved(world)


def test_the_analysis_texts_are_not_saved_over_another_officers(world: Any) -> None:
    url = _url("analysis:year", year=2566)
    first, second = _client("editor"), _client("admin")
    first_form, second_form = (
        _open(first, url, "texts", "constraints"),
        _open(second, url, "texts", "constraints"),
    )
    assert first.post(url, {**first_form, "constraints": "ข้อจำกัดของคนแรก"}).status_code == 302

    refused = second.post(url, {**second_form, "constraints": "ข้อจำกัดของคนที่สอง"})

    assert refused.status_code == 409
    assert Analysis.objects.get(agency=world.agency, year=2566).constraints == "ข้อจำกัดของคนแรก"
    page = refused.content.decode()
    assert "editor แก้ไขข้อมูลนี้เมื่อ" in page and "ข้อจำกัดของคนที่สอง" in page


def test_a_field_only_the_first_editor_changed_is_not_a_conflict_for_the_second(
    world: Any,
) -> None:
    url = _url("plans:measure_edit", year=2567, pk=world.objects["measure"].pk)
    first, second = _client("editor"), _client("admin")
    first_form, second_form = (
        _open(first, url, None, "finding"),
        _open(second, url, None, "finding"),
    )
    assert first.post(url, {**first_form, "finding": "ข้อค้นพบใหม่"}).status_code == 302
    # the second changed another field and left "finding" as they opened it: still a conflict,
    # since saving would bring the old finding back
    refused = second.post(url, {**second_form, "expected_outcome": "ผลลัพธ์ใหม่"})
    assert refused.status_code == 409
    assert Measure.objects.get(pk=world.objects["measure"].pk).finding == "ข้อค้นพบใหม่"
    # the same change made by both is no conflict
    second_form = _open(second, url, None, "finding")
    third = _open(first, url, None, "finding")
    assert first.post(url, {**third, "expected_outcome": "ตรงกัน"}).status_code == 302
    assert second.post(url, {**second_form, "expected_outcome": "ตรงกัน"}).status_code == 302


def test_a_post_without_a_version_is_saved_and_a_garbled_one_is_refused(world: Any) -> None:
    url = _url("plans:issue_edit", year=2567, pk=world.objects["issue"].pk)
    client = _client("editor")
    assert client.post(url, {"title": "ไม่มีเวอร์ชัน"}).status_code == 302
    refused = client.post(url, {"title": "เวอร์ชันเสีย", "_version": "!!not-a-token"})
    assert refused.status_code == 409
    assert PlanIssue.objects.get(pk=world.objects["issue"].pk).title == "ไม่มีเวอร์ชัน"


def test_a_role_changed_meanwhile_by_another_admin_is_not_changed_again_unknowingly(
    world: Any,
) -> None:
    from prongsai.orgs.models import Membership, Role

    members = _url("orgs:members")
    viewer = Membership.objects.get(agency=world.agency, user=world.users["viewer"])
    role_url = _url("orgs:member_role", pk=viewer.pk)
    first, second = _client("admin"), _client("admin")
    shown = {
        c: _fields(c.get(members).content.decode(), f"role-{viewer.pk}", "role")
        for c in (first, second)
    }  # fmt: skip
    # both admins opened the list with the viewer as viewer; the first makes them an editor
    assert first.post(role_url, {**shown[first], "role": Role.EDITOR}).status_code == 302
    # the second, not knowing, makes them an agency admin: refused, said in Thai
    refused = second.post(role_url, {**shown[second], "role": Role.ADMIN}, follow=True)
    assert Membership.objects.get(pk=viewer.pk).role == Role.EDITOR
    assert "เพิ่งถูกเปลี่ยนเป็น" in refused.content.decode()
    # from the list as it is now, the change is made on purpose
    again = _fields(second.get(members).content.decode(), f"role-{viewer.pk}", "role")
    assert second.post(role_url, {**again, "role": Role.ADMIN}).status_code == 302
    assert Membership.objects.get(pk=viewer.pk).role == Role.ADMIN


@pytest.mark.parametrize(("key", "first", "second"), [("channel_complaint", "editor", "admin")])
def test_a_case_reply_is_not_saved_over_another_handlers_reply(
    world: Any, key: str, first: str, second: str
) -> None:
    """The reply form of a case posts to its own URL (`channels:reply`); the same mechanism
    (decision 42; every case in tests/channels/test_reply_conflicts.py)."""
    from prongsai.channels.models import Message

    report = world.objects[key]
    page, reply = (
        reverse(name, kwargs={"slug": world.agency.slug, "pk": report.pk})
        for name in ("channels:report", "channels:reply")
    )
    one, two = _client(first), _client(second)
    form_one, form_two = (_open(c, page, "reply-form", "body") for c in (one, two))
    assert one.post(reply, {**form_one, "body": "ตอบคนแรก"}).status_code == 302
    refused = two.post(reply, {**form_two, "body": "ตอบคนที่สอง"})
    assert refused.status_code == 409
    assert list(Message.objects.filter(report=report).values_list("body", flat=True)) == [
        "ตอบคนแรก"
    ]
    assert "ตอบคนที่สอง" in refused.content.decode()
