"""Abuse resistance of public forms: rate limits that keep no address, honeypot, fill time, size."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from django import forms
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from prongsai.core import abuse

pytestmark = pytest.mark.django_db


class _Form(abuse.PublicFormMixin, forms.Form):
    text = forms.CharField(max_length=50)


def _post(address: str = "203.0.113.7", body: bytes = b"x=1") -> HttpRequest:
    request = RequestFactory().post(
        "/", data=body, content_type="application/x-www-form-urlencoded"
    )
    request.META["REMOTE_ADDR"] = address
    return request


def _cache_keys() -> list[str]:
    return list(getattr(cache, "_cache", {}).keys())


def test_the_rate_limit_refuses_the_write_over_the_limit_with_a_thai_message(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_RATES = {"qa": ((3, 600),)}
    for _ in range(3):
        abuse.rate_check(_post(), "qa")
    with pytest.raises(abuse.Refused) as refused:
        abuse.rate_check(_post(), "qa")
    assert refused.value.status == 429
    assert "บ่อยเกินไป" in refused.value.message
    abuse.rate_check(_post("198.51.100.9"), "qa")  # another address is not affected
    abuse.rate_check(_post(), "survey")  # nor another scope (default limits)


def test_the_counters_name_no_address(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_RATES = {"qa": ((3, 600), (10, 86400))}
    abuse.rate_check(_post("203.0.113.77"), "qa")
    keys = _cache_keys()
    assert len(keys) == 2
    assert not any("203.0.113.77" in key or "203_0_113_77" in key for key in keys)
    token = abuse.address_token(_post("203.0.113.77"), "qa")
    assert all(token in key for key in keys)


def test_the_address_token_changes_every_day_and_with_the_secret(settings: Any) -> None:
    request = _post()
    today = dt.date(2026, 12, 3)
    first = abuse.address_token(request, "qa", day=today)
    assert first == abuse.address_token(request, "qa", day=today)
    assert first != abuse.address_token(request, "qa", day=today + dt.timedelta(days=1))
    assert first != abuse.address_token(_post("198.51.100.9"), "qa", day=today)
    settings.SECRET_KEY = "another-secret-" * 4
    assert first != abuse.address_token(request, "qa", day=today)


def test_a_check_without_counting_changes_nothing(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_RATES = {"qa": ((1, 600),)}
    abuse.rate_check(_post(), "qa", count=False)
    abuse.rate_check(_post(), "qa", count=False)
    abuse.rate_check(_post(), "qa")
    with pytest.raises(abuse.Refused):
        abuse.rate_check(_post(), "qa", count=False)
    abuse.rate_reset(_post(), "qa")
    abuse.rate_check(_post(), "qa")


def test_the_decorator_refuses_before_the_view_runs(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_RATES = {"qa": ((2, 600),)}
    calls: list[str] = []

    @abuse.public_write("qa")
    def view(request: HttpRequest) -> HttpResponse:
        calls.append(request.method or "")
        return HttpResponse("ok")

    assert view(_post()).status_code == 200
    assert view(_post()).status_code == 200
    refused = view(_post())
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "บ่อยเกินไป" in refused.content.decode()
    get = RequestFactory().get("/")
    assert view(get).status_code == 200  # reading the page is never limited
    assert calls == ["POST", "POST", "GET"]


def test_the_decorator_refuses_a_body_over_the_size_limit(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_MAX_BYTES = 100

    @abuse.public_write("qa")
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    assert view(_post(body=b"x=" + b"a" * 50)).status_code == 200
    response = view(_post(body=b"x=" + b"a" * 200))
    assert response.status_code == 413
    assert "ยาวเกินไป" in response.content.decode()


def _data(started: str, **extra: str) -> dict[str, str]:
    return {"text": "สวัสดี", "started": started, "website": "", **extra}


def test_a_form_sent_after_the_minimum_fill_time_is_valid(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_MIN_FILL_SECONDS = 3
    form = _Form(_data(abuse.start_token(time.time() - 5)))
    assert form.is_valid(), form.errors
    assert form.public_cleaned_data() == {"text": "สวัสดี"}


def test_a_form_sent_too_fast_is_refused_and_keeps_its_start(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_MIN_FILL_SECONDS = 3
    token = abuse.start_token()
    form = _Form(_data(token))
    assert not form.is_valid()
    assert "เร็วเกินไป" in str(form.non_field_errors())
    assert form["started"].value() == token  # the next try counts from the first showing


def test_a_filled_honeypot_is_refused(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_MIN_FILL_SECONDS = 0
    form = _Form(_data(abuse.start_token(), website="http://spam.example"))
    assert not form.is_valid()
    assert "ส่งไม่สำเร็จ" in str(form.non_field_errors())


@pytest.mark.parametrize("started", ["", "123", "garbage:xx", "\x00" * 10])
def test_a_missing_or_forged_start_is_refused_and_replaced(settings: Any, started: str) -> None:
    settings.PRONGSAI_ABUSE_MIN_FILL_SECONDS = 0
    form = _Form(_data(started))
    assert not form.is_valid()
    assert "ไม่สมบูรณ์" in str(form.non_field_errors())
    abuse.started_check(form["started"].value())  # the form shown again carries a valid one


def test_an_expired_form_is_refused(settings: Any) -> None:
    settings.PRONGSAI_ABUSE_MAX_FORM_AGE = 60
    form = _Form(_data(abuse.start_token(time.time() - 120)))
    assert not form.is_valid()
    assert "นานเกินไป" in str(form.non_field_errors())


def test_an_unbound_form_carries_a_start_and_a_hidden_honeypot() -> None:
    from django.template import Context, Template

    form = _Form()
    html = Template('{% include "core/_abuse_fields.html" %}').render(Context({"form": form}))
    assert '<div hidden class="abuse-trap">' in html
    assert 'name="website"' in html and 'name="started"' in html
    assert form["started"].value()
