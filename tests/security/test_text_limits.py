"""Every free-text field of every form has a length limit (625 KB of text in one field made the
plan's PDF take 8.8 s on every view), refused with a Thai message."""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest
from django import forms

import prongsai

SKIP = {"prongsai.__main__", "prongsai.wsgi"}  # they start the program


def _every_form_class() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(prongsai.__path__, "prongsai."):
        if ".migrations" not in module.name and module.name not in SKIP:
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type[Any]] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("prongsai."):
                found.append(sub)
    return found


@pytest.mark.django_db
def test_every_free_text_field_of_every_form_has_a_length_limit() -> None:
    unlimited = []
    forms_seen = _every_form_class()
    assert len(forms_seen) > 20
    for form in forms_seen:
        for name, field in form.base_fields.items():
            if (
                isinstance(field, forms.CharField)
                and field.max_length is None
                and not isinstance(field.widget, forms.PasswordInput)
                # Django's sign-in forms set the username's limit from the user model
                and not type(field).__module__.startswith("django.contrib.auth")
            ):
                unlimited.append(f"{form.__module__}.{form.__name__}.{name}")
    assert not unlimited, unlimited


@pytest.mark.django_db
def test_a_text_over_the_limit_gets_a_thai_error_and_saves_nothing(world: Any) -> None:
    from django.test import Client
    from django.urls import reverse

    from tests.authz.cases_plans import MEASURE_POST
    from tests.authz.world import PASSWORD

    client = Client()
    client.login(username="editor", password=PASSWORD)
    measure = world.objects["measure"]
    url = reverse("plans:measure_edit", args=["ours", 2567, measure.pk])
    response = client.post(url, {**MEASURE_POST, "finding": "ข้อค้นพบยาว " * 60_000})
    assert response.status_code == 200
    assert "ยาวได้ไม่เกิน 5000 ตัวอักษร" in response.content.decode()
    measure.refresh_from_db()
    assert measure.title == "มาตรการทดสอบ" and len(measure.finding) < 5000
    page = client.get(url).content.decode()
    assert 'maxlength="5000"' in page  # the browser stops the typing there too


@pytest.mark.django_db
def test_a_measure_keeps_at_most_ten_monitoring_steps_whoever_saves_it(world: Any) -> None:
    # the form showed ten rows but accepted any number posted: 450 were saved
    from django.core.exceptions import ValidationError
    from django.test import Client
    from django.urls import reverse

    from prongsai.plans import services
    from tests.authz.cases_plans import MEASURE_POST
    from tests.authz.world import PASSWORD

    measure = world.objects["measure"]
    client = Client()
    client.login(username="editor", password=PASSWORD)
    rows = {f"mon-{i}-text": f"รายงานครั้งที่ {i}" for i in range(450)}
    response = client.post(
        reverse("plans:measure_edit", args=["ours", 2567, measure.pk]),
        {**MEASURE_POST, **rows, "mon-TOTAL_FORMS": 450, "mon-INITIAL_FORMS": 0},
    )
    assert response.status_code == 200
    assert "ไม่เกิน ๑๐ ขั้นตอน" in response.content.decode()
    measure.refresh_from_db()
    assert measure.monitoring == []
    with pytest.raises(ValidationError):
        services.measure_save(
            measure.issue,
            user=None,
            measure=measure,
            data={"title": "x", "monitoring": [{"text": f"ขั้น {i}"} for i in range(11)]},
        )
    ten = [{"text": f"ขั้น {i}"} for i in range(10)]
    services.measure_save(
        measure.issue, user=None, measure=measure, data={"title": "x", "monitoring": ten}
    )
    measure.refresh_from_db()
    assert len(measure.monitoring) == 10


@pytest.mark.django_db
def test_the_reopen_reason_read_raw_by_its_view_is_bounded(world: Any) -> None:
    from django.test import Client
    from django.urls import reverse

    from prongsai.plans import services
    from prongsai.plans.models import PlanRevision
    from tests.authz.world import PASSWORD

    plan = world.objects["plan"]
    services.plan_approve(plan, user=world.users["admin"])
    client = Client()
    client.login(username="admin", password=PASSWORD)
    page = client.get(reverse("plans:detail", args=["ours", 2567])).content.decode()
    reason_input = re.search(r'<(?:input|textarea)[^>]*name="reason"[^>]*>', page)
    assert reason_input and 'maxlength="300"' in reason_input.group()
    client.post(reverse("plans:reopen", args=["ours", 2567]), {"reason": "เหตุผล" * 10_000})
    entry = PlanRevision.objects.filter(plan=plan, action="reopen").get()
    assert len(entry.summary) < 400
