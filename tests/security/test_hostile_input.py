"""Hostile input: random and mutated files and form data never cause a server error, a partial
write, or a hang. (The document importer has its own property tests in tests/docimport; every
form of the site is found and fuzzed by test_every_form.py.)"""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.results.importing import ImportFailed, results_import
from prongsai.results.models import IndicatorScore, Result
from tests.authz.world import PASSWORD

pytestmark = pytest.mark.django_db

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _valid_xlsx(world: Any) -> bytes:
    client = Client()
    client.login(username="admin", password=PASSWORD)
    response = client.get(
        reverse("results:template", kwargs={"slug": "ours", "year": 2566, "fmt": "xlsx"})
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _counts() -> tuple[int, int]:
    return Result.objects.count(), IndicatorScore.objects.count()


@FAST
@given(data=st.binary(max_size=4096), name=st.sampled_from(["r.csv", "r.xlsx", "r.txt", "r.bin"]))
def test_random_bytes_never_break_the_results_import(world: Any, data: bytes, name: str) -> None:
    before = _counts()
    started = time.monotonic()
    try:
        results_import(world.agency, data, name)
    except ImportFailed as e:
        assert e.errors and all(isinstance(m, str) and m for m in e.errors)
        assert _counts() == before
    assert time.monotonic() - started < 10


def test_mutated_workbooks_never_break_the_results_import(world: Any) -> None:
    valid = _valid_xlsx(world)

    @FAST
    @given(
        st.lists(
            st.tuples(st.integers(0, len(valid) - 1), st.integers(0, 255)), min_size=1, max_size=8
        )
    )
    def mutate(changes: list[tuple[int, int]]) -> None:
        damaged = bytearray(valid)
        for position, value in changes:
            damaged[position] = value
        before = _counts()
        try:
            results_import(world.agency, bytes(damaged), "r.xlsx")
        except ImportFailed:
            assert _counts() == before

    mutate()


def test_a_workbook_that_inflates_enormously_is_refused_quickly(world: Any) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", "<x>" + " " * 300_000_000 + "</x>")
    before = _counts()
    started = time.monotonic()
    with pytest.raises(ImportFailed):
        results_import(world.agency, buffer.getvalue(), "r.xlsx")
    assert time.monotonic() - started < 10
    assert _counts() == before


TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300
) | st.sampled_from(
    ["", "0", "-1", "99999999999999999999", "<script>", "' OR 1=1 --", "๒๕๖๗", "\x00"]
)


def test_random_measure_data_never_causes_a_server_error(world: Any) -> None:
    client = Client(raise_request_exception=False)
    client.login(username="editor", password=PASSWORD)
    plan, issue = world.objects["plan"], world.objects["issue"]
    url = reverse(
        "plans:measure_add", kwargs={"slug": "ours", "year": plan.fiscal_year, "pk": issue.pk}
    )

    @FAST
    @given(
        st.fixed_dictionaries(
            {
                "title": TEXT,
                "question_codes": TEXT,
                "steps": TEXT,
                "start_month": TEXT,
                "end_month": TEXT,
                "mon-TOTAL_FORMS": st.sampled_from(["1", "0", "x", "999"]),
                "mon-INITIAL_FORMS": st.just("0"),
                "mon-0-text": TEXT,
                "mon-0-deadline": TEXT,
            }
        )
    )
    def post(data: dict[str, str]) -> None:
        response = client.post(url, data)  # null bytes included: refused by the form
        assert response.status_code < 500, data

    post()


def test_a_framework_file_with_nested_aliases_is_refused_not_expanded() -> None:
    from prongsai.frameworks.files import FrameworkFileError, parse_framework_text

    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    bomb = "\n".join([*levels, "questions: *i", "year: 2570"]).encode()
    started = time.monotonic()
    with pytest.raises(FrameworkFileError) as err:
        parse_framework_text(bomb)
    assert "alias" in str(err.value)
    assert time.monotonic() - started < 2


@FAST
@given(data=st.binary(max_size=4096), name=st.sampled_from(["b.csv", "b.xlsx", "b.pdf"]))
def test_random_bytes_never_break_the_bulk_import(world: Any, data: bytes, name: str) -> None:
    from prongsai.orgs.models import Agency
    from prongsai.oversight.bulk import BulkImportFailed, bulk_import

    before = (Agency.objects.count(), *_counts())
    try:
        bulk_import(data, name)
    except BulkImportFailed as e:
        assert e.errors and all(isinstance(m, str) and m for m in e.errors)
        assert (Agency.objects.count(), *_counts()) == before
