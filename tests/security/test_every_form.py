"""Every form of the site, fuzzed: the forms are found by reading the pages (every page of the
authorization matrix, as the agency's admin who is also site staff, as the district's overseer,
and as anonymous), so a new form is fuzzed without anyone listing it. Post forms and get forms
(the filters of the oversight views, the year pickers) alike. Each form gets random and hostile
values in each of its fields (random text, Thai digits, markup, SQL, null bytes, huge numbers,
random files) and must never answer with a server error; a refused post must write nothing.

`test_every_post_url_of_the_matrix_has_a_form` ties this to the authorization matrix: a URL that
takes a POST but shows no form anywhere fails it unless it is listed in NOT_A_FORM with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.plans.services import plan_approve
from prongsai.progress.models import Period, ProgressReport
from tests.authz.test_matrix import ALL_CASES

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# POST URLs of the matrix that no page shows as a form, and why they need no fuzzing here.
NOT_A_FORM = {
    # the matrix posts to the read-only pages too (a POST must not slip past their checks)
    "core:healthz": "a GET endpoint; the matrix checks that a POST is refused",
    "oversight:bulk_template": "a download; the matrix checks that a POST is refused",
    "progress:download": "a download; the matrix checks that a POST is refused",
    "progress:export": "a download; the matrix checks that a POST is refused",
    "progress:evidence_file": "a download; the matrix checks that a POST is refused",
    "plans:history": "a read-only page; the matrix checks that a POST is refused",
    "oit:export": "a download; the matrix checks that a POST is refused",
    "oit:file": "a download; the matrix checks that a POST is refused",
    "oit:print": "a read-only page; the matrix checks that a POST is refused",
    "oit_public:documents": "a public read-only page; the matrix checks that a POST is refused",
    "oit_public:document": "a public read-only page; the matrix checks that a POST is refused",
    "oit_public:document_pdf": "a public download; the matrix checks that a POST is refused",
    "oit_public:feed": "a public read-only feed; the matrix checks that a POST is refused",
    "oit_public:embed": "a public read-only fragment; the matrix checks that a POST is refused",
    "channels:identity": "a button without fields, on pages only the receiver opens (the matrix "
    "posts to it as every actor)",
    "channels:stand_aside": "a button without fields, on pages only the receiver opens (the "
    "matrix posts to it as every actor)",
}

HOSTILE = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "1.5",
        "99999999999999999999999",
        "๒๕๖๗",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\x00",
        "a\x00b",
        "../../etc/passwd",
        "ก" * 5000,
        "2567-13-45",
        "31/02/2567",
        "NaN",
        "1e309",
    ]
)
TEXT = (
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
    | HOSTILE
)
FILE_NAMES = ["x.pdf", "x.png", "x.jpg", "x.xlsx", "x.csv", "x.docx", "x.yaml", "x", "../x.pdf"]
FILE_HEADS = [b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\xff\xd8\xff"]


@dataclass
class Form:
    page: str
    action: str
    method: str = "post"
    actor: str = "admin"  # who saw it: "admin" (also staff), "overseer_above" or "anon"
    fields: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # name → (kind, values)

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return self.method, urlsplit(self.action).path, tuple(sorted(self.fields))


class _FormReader(HTMLParser):
    def __init__(self, page: str, actor: str) -> None:
        super().__init__()
        self.page = page
        self.actor = actor
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(
                page=self.page,
                action=urljoin(self.page, a.get("action", "")),
                method="post" if a.get("method", "get").lower() == "post" else "get",
                actor=self.actor,
            )
            return
        form = self._form
        if form is None or not a.get("name"):
            if tag == "option" and form is not None and self._select:
                form.fields[self._select][1].append(a.get("value", ""))
            return
        name = a["name"]
        if name == "csrfmiddlewaretoken":
            return
        if tag == "select":
            self._select = name
            form.fields[name] = ("select", [])
        elif tag == "textarea":
            form.fields[name] = ("text", [""])
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            values = form.fields.get(name, (kind, []))[1]
            values.append(a.get("value", "on" if kind == "checkbox" else ""))
            form.fields[name] = (kind, values)
        elif tag == "option" and self._select:
            form.fields[self._select][1].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None


def _field_strategy(kind: str, values: list[str]) -> st.SearchStrategy[Any]:
    known = st.sampled_from(values) if values else st.just("")
    if kind == "file":
        return st.builds(
            lambda name, head, body: SimpleUploadedFile(name, head + body),
            st.sampled_from(FILE_NAMES),
            st.sampled_from(FILE_HEADS),
            st.binary(max_size=2048) | TEXT.map(lambda t: t.encode("utf-8", "replace")),
        )
    if kind in ("checkbox", "radio", "submit"):
        return st.none() | known | HOSTILE
    return known | TEXT  # text, hidden, select, number, date, email, url, password, …


def _form_data(form: Form) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {name: _field_strategy(kind, values) for name, (kind, values) in form.fields.items()}
    )


def _row_counts() -> dict[str, int]:
    """Rows of every Prongsai table except the ones a refused post may write by design."""
    by_design = {"accounts.loginfailure"}  # a refused sign-in is counted for rate limiting
    return {
        m._meta.label_lower: m.objects.count()
        for m in apps.get_models()
        if m.__module__.startswith("prongsai.") and m._meta.label_lower not in by_design
    }


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()  # fragments cached under a stamp that the rollback brings back


def _lock_everything(world: Any) -> None:
    """An approved plan and final reports: the state that shows the forms that reopen them."""
    plan = world.objects["plan"]
    plan_approve(plan, user=None)
    for period in Period.values:
        ProgressReport.objects.update_or_create(
            plan=plan, period=period, defaults={"state": ProgressReport.State.FINALISED}
        )


STATES: list[Callable[[Any], None]] = [lambda world: None, _lock_everything]


def _staff(world: Any) -> Any:
    """The agency's admin, made site staff too: one user who sees every form."""
    user = world.users["admin"]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def _crawl(world: Any, user: Any) -> list[Form]:
    """The forms of every page of the authorization matrix, as `user`, as the overseer and as
    anonymous."""
    forms: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    clients = {"admin": Client(), "overseer_above": Client(), "anon": Client()}
    clients["admin"].force_login(user)
    clients["overseer_above"].force_login(world.users["overseer_above"])
    for case in ALL_CASES:
        if case.method != "get":
            continue
        url = reverse(case.url_name, kwargs=case.kwargs(world))
        url += f"?{case.query}" if case.query else ""
        for actor, client in clients.items():
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            reader = _FormReader(url, actor)
            reader.feed(response.content.decode())
            for form in reader.forms:
                forms.setdefault(form.key, form)
    return sorted(forms.values(), key=lambda f: f.key)


def _view_names(forms: list[Form], method: str = "post") -> set[str]:
    return {resolve(urlsplit(f.action).path).view_name for f in forms if f.method == method}


def _every_state(world: Any) -> Iterator[list[Form]]:
    """The forms of each state, each state rolled back after its turn."""
    user = _staff(world)
    for setup in STATES:
        with _rolled_back():
            setup(world)
            yield _crawl(world, user)


def test_the_crawler_finds_the_forms_of_every_domain(world: Any) -> None:
    forms = _crawl(world, _staff(world))
    names = _view_names(forms)
    for expected in (
        "accounts:login",
        "set_language",
        "orgs:members",
        "results:edit",
        "results:import",
        "plans:measure_add",
        "progress:action_add",
        "progress:evidence_add",
        "imports:upload",
        "jobs:list",
        "frameworks:upload",
        "oversight:bulk",
        "procurement:entry_edit",
        "procurement:import",
    ):
        assert expected in names, (expected, sorted(names))
    assert {"oversight:district", "orgs:home", "results:index"} <= _view_names(forms, "get")
    measure_form = next(f for f in forms if "/measures/" in f.action and "title" in f.fields)
    assert measure_form.fields["title"][0] == "text"
    upload = next(f for f in forms if _view_names([f]) == {"results:import"})
    assert "file" in {kind for kind, _values in upload.fields.values()}


def test_every_post_url_of_the_matrix_has_a_form(world: Any) -> None:
    shown = set().union(*(_view_names(forms) for forms in _every_state(world)))
    assert {"plans:reopen", "progress:reopen"} <= shown  # found in the second state
    posted = {case.url_name for case in ALL_CASES if case.method == "post"}
    missing = sorted(posted - shown - set(NOT_A_FORM))
    assert not missing, f"POST URLs with no form on any page (fuzz them or say why): {missing}"


def test_random_values_in_every_form_never_cause_a_server_error_or_a_partial_write(
    world: Any,
) -> None:
    users = {"admin": _staff(world), "overseer_above": world.users["overseer_above"]}
    client = Client(raise_request_exception=False)
    done: set[tuple[str, str, tuple[str, ...]]] = set()

    for forms in _every_state(world):
        for form in forms:
            if form.key in done:
                continue
            done.add(form.key)
            _fuzz(client, form, users.get(form.actor))
    assert len([k for k in done if k[0] == "post"]) >= 30, sorted(done)
    assert len([k for k in done if k[0] == "get"]) >= 4, sorted(done)


def _fuzz(client: Client, form: Form, user: Any) -> None:
    @EXAMPLES
    @given(data=_form_data(form))
    def send(data: dict[str, Any]) -> None:
        payload = {k: v for k, v in data.items() if v is not None}
        with _rolled_back():
            client.logout()
            if user is not None:
                client.force_login(user)
            before = _row_counts()
            if form.method == "get":
                files = [k for k, v in payload.items() if not isinstance(v, str)]
                response = client.get(
                    form.action, {k: payload[k] for k in payload if k not in files}
                )
            else:
                response = client.post(form.action, payload)
            assert response.status_code < 500, (form.method, form.action, payload)
            if form.method == "get" or response.status_code != 302:  # a read, or refused
                assert _row_counts() == before, (form.action, payload)

    send()
