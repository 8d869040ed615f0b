"""One habit on every page: numbers and dates in the agency's digits, and no English or developer
text on Thai pages. Walks every page of the authorization matrix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.authz.test_matrix import ALL_CASES
from tests.pagetext import visible_text

pytestmark = pytest.mark.django_db

# What may keep Arabic digits on a Thai-digit page: web addresses and file names, codes that
# start with Latin letters (i19, O25, C2), and the software's version in the footer.
_KEPT = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\S+\.(?:pdf|docx|xlsx|csv|txt|png|jpg)\b"
    r"|(?<![A-Za-z0-9])[A-Za-z]+[0-9]+(?:[–-][A-Za-z]*[0-9]+)?"
    r"|^\d+\.\d+\.\d+$"
)


def _pages(world: Any) -> Iterator[tuple[str, str, str]]:
    """(case, actor, html) of every agency and oversight page the admin or the overseer opens."""
    clients = {"admin": Client(), "overseer_above": Client()}
    for actor, client in clients.items():
        client.force_login(world.users[actor])
    for case in ALL_CASES:
        if case.method != "get":
            continue
        url = reverse(case.url_name, kwargs=case.kwargs(world))
        if not url.startswith(("/a/", "/oversight/")):
            continue
        url += f"?{case.query}" if case.query else ""
        for actor, client in clients.items():
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                yield case.id, actor, response.content.decode()


def _offending(html: str, digits: str, *, verbatim: bool = True) -> list[str]:
    """The visible texts with a digit of `digits` outside addresses and codes (`verbatim=False`
    leaves out what a page shows exactly as stored, such as a file's checksum)."""
    found = []
    for text in visible_text(html, verbatim=verbatim):
        rest = _KEPT.sub("", text)
        if re.search(f"[{digits}]", rest):
            found.append(text)
    return found


@pytest.mark.parametrize(
    ("style", "foreign"), [("thai", "0-9"), ("arabic", "๐-๙")], ids=["thai", "arabic"]
)
def test_every_page_of_an_agency_shows_numbers_and_dates_in_its_chosen_digits(
    world: Any, style: str, foreign: str
) -> None:
    world.agency.digit_style = style
    world.agency.save(update_fields=["digit_style"])
    pages = list(_pages(world))
    assert len(pages) > 40  # the walk reached the pages it must
    wrong = {
        f"{case} as {actor}": bad
        for case, actor, html in pages
        # the overseers' own pages (OIT's too) are about many agencies: they follow the language
        if not case.startswith(("GET oversight:", "GET oit_oversight:", "GET channels_oversight:"))
        and (bad := _offending(html, foreign))
    }
    assert wrong == {}


def test_the_overseers_pages_use_thai_digits_on_thai_pages_and_arabic_on_english_ones(
    world: Any,
) -> None:
    client = Client()
    client.force_login(world.users["overseer_above"])
    url = reverse("oversight:home")
    thai_page = client.get(url, follow=True).content.decode()
    assert _offending(thai_page, "0-9") == []
    client.cookies["django_language"] = "en"
    english = client.get(url, follow=True).content.decode()
    assert _offending(english, "๐-๙") == []
    assert re.search("[0-9]", " ".join(visible_text(english)))


# ASCII words a Thai page may show. Kept short: each is a name, a code or a file format that
# officers read as it is.
ALLOWED_WORDS = {
    # the product and the language switch (the name of a language in that language)
    "Prongsai", "English",
    # the assessment's own names and codes: ITA and its tools, levels, the system ITAS
    "ITA", "ITAS", "IIT", "EIT", "OIT", "AA", "A", "B", "C", "D", "E", "F",
    # the framework's confidence codes (explained on the page) and the project's own marker
    "INF", "REC", "ours",
    # file formats and the programs officers know them by
    "PDF", "DOCX", "XLSX", "CSV", "JPEG", "PNG", "YAML", "Excel", "Word", "zip", "csv", "xlsx",
    # the web terms ITAS and website vendors use
    "URL", "JSON",
    # ITA terms used in English inside Thai texts: E-Service, No Gift Policy, Q&A, Social Network
    # (the item names as the framework also writes them, upper case), and a platform agencies
    # publish on
    "E-Service", "No", "Gift", "Policy", "E-SERVICE", "NO", "GIFT", "POLICY", "Q", "Social",
    "Network", "Facebook",
    # the government procurement system, named so in Thai (เลขที่โครงการในระบบ e-GP)
    "e-GP",
}  # fmt: skip
# Codes with digits (i19, O1–O10, C2, FY2566) and addresses are not words.
_NOT_WORDS = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+|\S+\.(?:pdf|docx|xlsx|csv|txt|zip|yaml)\b"
    r"|(?<![A-Za-z])[A-Za-z]{1,3}[0-9]+(?:[–/-][A-Za-z]{0,3}[0-9]+)?"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def test_the_thai_pages_show_no_english_or_developer_words(world: Any) -> None:
    user = world.users["admin"]
    user.is_staff = True  # the agency admin who is also staff sees every page
    user.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(user)
    # what the test world itself typed (usernames, the agency's slug, a revision's summary)
    data = {*world.users, "ours", "x"}
    seen = 0
    wrong: dict[str, set[str]] = {}
    for case in ALL_CASES:
        if case.method != "get":
            continue
        url = reverse(case.url_name, kwargs=case.kwargs(world))
        response = client.get(url + (f"?{case.query}" if case.query else ""))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        words = {
            word
            for text in visible_text(response.content.decode(), verbatim=False)
            for word in _WORD.findall(_NOT_WORDS.sub(" ", text))
        }
        if bad := words - ALLOWED_WORDS - data:
            wrong[case.id] = bad
    assert seen > 40
    assert wrong == {}


def test_the_checkers_places_are_shown_in_thai_with_the_agencys_digits(world: Any) -> None:
    client = Client()
    client.force_login(world.users["editor"])
    url = reverse("imports:review", args=["ours", world.objects["draft"].pk])
    page = " ".join(visible_text(client.get(url).content.decode()))
    assert "มาตรการที่ ๓ มาตรการซ้ำกับ มาตรการที่ ๒" in page
    assert "บรรทัดที่ ๘ ชื่อหน่วยงานอื่น" in page and "ทั้งเอกสาร อ่านบางส่วนไม่ได้" in page


def test_the_english_pages_name_the_product_once_and_show_service_messages_in_english(
    world: Any,
) -> None:
    client = Client()
    client.force_login(world.users["editor"])
    client.cookies["django_language"] = "en"
    home = client.get(reverse("orgs:home", args=["ours"]))
    assert re.search(r'class="brand"[^>]*>Prongsai</a>', home.content.decode())
    plan, issue = world.objects["plan"], world.objects["issue"]
    url = reverse(
        "plans:measure_add", kwargs={"slug": "ours", "year": plan.fiscal_year, "pk": issue.pk}
    )
    response = client.post(
        url,
        {"title": "มาตรการ", "question_codes": "i1", "steps": "x", "start_month": 5, "end_month": 2,
         "mon-TOTAL_FORMS": 0, "mon-INITIAL_FORMS": 0},
    )  # fmt: skip
    page = " ".join(visible_text(response.content.decode()))
    assert "The end month cannot be before the start month" in page
    assert "เดือนสิ้นสุด" not in page


@pytest.mark.parametrize("typed", ["๒๕๖๗", "2567", " 2567 "])
def test_the_year_box_shows_the_agencys_digits_and_takes_either(world: Any, typed: str) -> None:
    client = Client()
    client.force_login(world.users["editor"])
    page = client.get(reverse("orgs:home", args=["ours"]), {"fy": typed}).content.decode()
    assert 'name="fy" value="๒๕๖๗"' in page


@pytest.mark.parametrize("typed", ["²", "๒๕๖๗๗", "x"])
def test_a_year_that_is_not_one_shows_the_default_year(world: Any, typed: str) -> None:
    client = Client()
    client.force_login(world.users["editor"])
    assert client.get(reverse("orgs:home", args=["ours"]), {"fy": typed}).status_code == 200
