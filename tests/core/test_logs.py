"""Every response carries its request id, log lines are JSON with it, and a server error mails
the administrators without personal data."""

import json
import logging
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from prongsai.core.logs import JsonFormatter, RequestIdFilter
from prongsai.env import admins_list

pytestmark = pytest.mark.django_db


def test_each_response_has_a_request_id_and_a_proxys_plain_one_is_kept() -> None:
    first = Client().get("/healthz")["X-Request-ID"]
    second = Client().get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second
    given = Client().get("/healthz", HTTP_X_REQUEST_ID="nginx-1234abcd")
    assert given["X-Request-ID"] == "nginx-1234abcd"
    forged = Client().get("/healthz", HTTP_X_REQUEST_ID='x"\n{"level": "ERROR"}')
    assert forged["X-Request-ID"] != 'x"\n{"level": "ERROR"}' and len(forged["X-Request-ID"]) == 32


def test_a_log_line_is_one_json_object_with_the_request_id() -> None:
    record = logging.LogRecord("prongsai.x", logging.ERROR, __file__, 1, 'ผิด "%s"', ("a\nb",), None)
    record.request_id = "abc12345"
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == 'ผิด "a\nb"' and parsed["request_id"] == "abc12345"
    assert parsed["level"] == "ERROR" and parsed["logger"] == "prongsai.x"


def test_a_server_error_mails_the_admins_without_personal_data(settings: Any) -> None:
    import logging.config

    settings.ROOT_URLCONF = "tests.core.urls_boom"
    settings.ADMINS = [("Admin", "admin@example.go.th")]
    settings.DEBUG = False
    logging.config.dictConfig(settings.LOGGING)  # the handlers of the settings, not pytest's
    try:
        client = Client(raise_request_exception=False)
        client.cookies["sessionid"] = "secret-session"
        response = client.post("/boom/?name=สมชาย", {"citizen_id": "1103700012345"})
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
    assert response.status_code == 500
    (message,) = mail.outbox
    assert message.to == ["admin@example.go.th"]
    text = message.subject + message.body
    assert response["X-Request-ID"] in message.body
    assert "/boom/" in text and "ValueError" in text
    for private in ("1103700012345", "สมชาย", "secret-session"):
        assert private not in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", []),
        ("a@x.go.th", [("a@x.go.th", "a@x.go.th")]),
        ("ผู้ดูแล <a@x.go.th>, b@y.th", [("ผู้ดูแล", "a@x.go.th"), ("b@y.th", "b@y.th")]),
    ],
)
def test_admins_are_read_from_a_list_of_addresses(raw: str, expected: list[Any]) -> None:
    assert admins_list("PRONGSAI_ADMINS", raw) == expected


@pytest.mark.parametrize("raw", ["admin", "a@b", "<a@x.th", "a b@x.th"])
def test_a_bad_admin_address_is_refused_naming_the_variable(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="PRONGSAI_ADMINS"):
        admins_list("PRONGSAI_ADMINS", raw)
