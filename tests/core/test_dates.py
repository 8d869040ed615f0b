"""One date field everywhere: every date field of every form reads the officer's B.E. entry the
same way (prongsai.core.fields.ThaiDateField) and shows it back in B.E."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

import prongsai
from prongsai.core import thai
from prongsai.core.fields import ThaiDateField
from prongsai.core.widgets import ThaiDateInput
from prongsai.plans.models import Measure
from tests.authz.world import PASSWORD

APRIL_30 = dt.date(2027, 4, 30)


@pytest.mark.parametrize(
    "typed",
    [
        "2570-04-30",
        "30/04/2570",
        "30/4/2570",
        "30 เมษายน 2570",
        "30 เม.ย. 2570",
        "30 เม.ย. 70",
        "๓๐/๐๔/๒๕๗๐",
        "๓๐ เมษายน ๒๕๗๐",
        "วันที่ 30 เดือนเมษายน พ.ศ. 2570",
        " 30  เมษา  2570 ",
        "2027-04-30",  # C.E., as scripts and older pages send it
    ],
)
def test_the_date_field_reads_every_way_an_officer_types_a_be_date(typed: str) -> None:
    assert ThaiDateField().clean(typed) == APRIL_30


@pytest.mark.parametrize(
    "typed", ["31/04/2570", "30/13/2570", "30 เมษายน", "เมษายน 2570", "hello", "30-04-25700", "๓๐"]
)
def test_the_date_field_refuses_what_is_not_a_real_date_with_a_thai_message(typed: str) -> None:
    class _Form(forms.Form):
        day = ThaiDateField()

    form = _Form({"day": typed})
    assert not form.is_valid()
    assert "พิมพ์วัน/เดือน/ปี พ.ศ." in form.errors["day"][0]


def test_the_date_box_shows_the_date_back_in_be_in_the_pages_digits() -> None:
    widget = ThaiDateInput()
    with translation.override("th"):
        thai.set_page_digits("arabic")
        assert widget.format_value(APRIL_30) == "30/04/2570"
        thai.set_page_digits("thai")
        assert widget.format_value(APRIL_30) == "๓๐/๐๔/๒๕๗๐"
        thai.set_page_digits(None)
    assert 'type="text"' in widget.render("d", APRIL_30)
    assert widget.format_value("30 เมษา") == "30 เมษา"  # what was typed comes back as it was


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(prongsai.__path__, "prongsai."):
        if ".migrations" in module.name or module.name.endswith(("__main__", "wsgi")):
            continue
        importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("prongsai.") and inspect.isclass(cls):
            found.append(cls)
    return found


def test_every_date_field_of_every_form_is_the_shared_thai_date_field() -> None:
    classes = _form_classes()
    date_fields = {
        f"{cls.__module__}.{cls.__qualname__}.{name}": field
        for cls in classes
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    }
    # the walk found the forms it must (a walk that finds nothing proves nothing)
    assert {
        "prongsai.plans.forms.MonitoringForm.deadline",
        "prongsai.progress.forms.ActionForm.date",
        "prongsai.progress.forms.MemoForm.memo_date",
    } <= set(date_fields)
    wrong = sorted(
        name
        for name, field in date_fields.items()
        if not isinstance(field, ThaiDateField) or not isinstance(field.widget, ThaiDateInput)
    )
    assert wrong == []


def test_the_monitoring_deadline_takes_a_be_date_as_the_action_date_does(world: Any) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    plan, measure = world.objects["plan"], world.objects["measure"]
    url = reverse(
        "plans:measure_edit", kwargs={"slug": "ours", "year": plan.fiscal_year, "pk": measure.pk}
    )
    response = client.post(
        url,
        {
            "title": "มาตรการทดสอบ",
            "question_codes": "i1",
            "steps": "ขั้นที่หนึ่ง",
            "start_month": 1,
            "end_month": 12,
            "mon-TOTAL_FORMS": 2,
            "mon-INITIAL_FORMS": 0,
            "mon-0-text": "รายงานผู้บริหาร",
            "mon-0-deadline": "2567-04-30",
            "mon-1-text": "รายงานรอบสอง",
            "mon-1-deadline": "๓๐ กันยายน ๒๕๖๗",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Measure.objects.get(pk=measure.pk).monitoring == [
        {"text": "รายงานผู้บริหาร", "deadline": "2024-04-30"},
        {"text": "รายงานรอบสอง", "deadline": "2024-09-30"},
    ]
    page = client.get(url).content.decode()
    assert 'value="๓๐/๐๔/๒๕๖๗"' in page  # shown back in B.E., in the agency's Thai digits
