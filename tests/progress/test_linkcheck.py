"""Link checks against a local server on 127.0.0.1, never the internet."""

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from prongsai.progress import linkcheck
from prongsai.progress.models import Evidence
from prongsai.progress.tasks import check_plan_links
from tests.progress.conftest import act
from tests.progress.factories import measures


class Handler(BaseHTTPRequestHandler):
    active = 0
    peak = 0
    lock = threading.Lock()

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self, body: bool) -> None:
        path = self.path.split("?", 1)[0]
        counted = path == "/slow-ok"  # only these count towards the concurrency peak
        if counted:
            with Handler.lock:
                Handler.active += 1
                Handler.peak = max(Handler.peak, Handler.active)
        try:
            if path.startswith("/slow"):
                time.sleep(0.2 if path == "/slow-ok" else 3)
            if counted:
                # before answering: once answered, the client's next request may arrive before
                # this thread gets here again (a peak of 3 was once measured with 2 workers)
                with Handler.lock:
                    Handler.active -= 1
                counted = False
            if path in ("/ok", "/slow-ok"):
                self.send_response(200)
            elif path == "/redirect":
                self.send_response(302)
                self.send_header("Location", "/ok")
            elif path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
            elif path == "/head-not-allowed":
                self.send_response(405 if self.command == "HEAD" else 200)
            elif path == "/gone":
                self.send_response(410)
            else:
                self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
        finally:
            if counted:
                with Handler.lock:
                    Handler.active -= 1

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)


@pytest.fixture
def server(settings: Any) -> Iterator[str]:
    settings.PRONGSAI_LINK_CHECK_ALLOW_PRIVATE = True
    settings.PRONGSAI_LINK_CHECK_TIMEOUT = 1.0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.peak = 0
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_each_link_gets_a_clear_status(server: str) -> None:
    assert linkcheck.check_url(f"{server}/ok") == linkcheck.LinkResult("ok", 200, "")
    assert linkcheck.check_url(f"{server}/redirect").status == "ok"
    assert linkcheck.check_url(f"{server}/head-not-allowed").status == "ok"
    missing = linkcheck.check_url(f"{server}/missing")
    assert (missing.status, missing.http_status, missing.detail) == ("broken", 404, "HTTP 404")
    assert linkcheck.check_url(f"{server}/gone").http_status == 410
    assert linkcheck.check_url(f"{server}/loop").status == "broken"
    refused = linkcheck.check_url(f"http://127.0.0.1:{closed_port()}/x")
    assert refused.status == "unreachable" and "ปฏิเสธการเชื่อมต่อ" in refused.detail
    assert linkcheck.check_url("ftp://127.0.0.1/x").status == "refused"


def test_a_slow_server_is_bounded_by_the_timeout(server: str) -> None:
    started = time.monotonic()
    result = linkcheck.check_url(f"{server}/slow", timeout=0.5)
    assert result.status == "unreachable" and "หมดเวลา" in result.detail
    assert time.monotonic() - started < 2.5


def test_private_and_loopback_addresses_are_refused_unless_allowed(settings: Any) -> None:
    settings.PRONGSAI_LINK_CHECK_ALLOW_PRIVATE = False
    for url in (
        "http://127.0.0.1:9/",
        "http://localhost:9/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]:9/",
        "http://0.0.0.0/",
    ):
        result = linkcheck.check_url(url)
        assert result.status == "refused", url
        assert "ที่อยู่ภายใน" in result.detail


def test_ipv6_addresses_wrapping_a_private_ipv4_address_are_refused(settings: Any) -> None:
    """NAT64, 6to4, IPv4-mapped, IPv4-compatible and Teredo addresses carry an IPv4 address
    inside: a gateway on the way turns them into that address, so 64:ff9b::a00:1 reaches
    10.0.0.1. Python calls most of them global; the check looks at the address inside."""
    settings.PRONGSAI_LINK_CHECK_ALLOW_PRIVATE = False
    for host in (
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254 (cloud metadata)
        "64:ff9b:1::a00:1",  # local-use NAT64 prefix
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "::ffff:10.0.0.1",  # IPv4-mapped
        "::10.0.0.1",  # IPv4-compatible
        "::a9fe:a9fe",  # IPv4-compatible 169.254.169.254
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
    ):
        result = linkcheck.check_url(f"http://[{host}]/", timeout=0.5)
        assert result.status == "refused", host
        assert "ที่อยู่ภายใน" in result.detail


def test_addresses_wrapping_a_public_ipv4_address_are_judged_by_it() -> None:
    assert linkcheck._public("64:ff9b::808:808")  # NAT64 of 8.8.8.8
    assert linkcheck._public("2002:808:808::1")  # 6to4 of 8.8.8.8
    assert linkcheck._public("2606:4700:4700::1111")
    assert not linkcheck._public("64:ff9b::e000:1")  # NAT64 of multicast 224.0.0.1


def test_a_redirect_to_a_private_address_is_refused(server: str, monkeypatch: Any) -> None:
    """A public page that redirects inside is stopped at the redirect."""
    calls: list[str] = []
    real = linkcheck._request

    def fake(url: str, method: str, *, timeout: float, allow_private: bool) -> Any:
        calls.append(url)
        if url == "https://public.example/":
            return 302, "http://127.0.0.1:1/admin"
        return real(url, method, timeout=timeout, allow_private=False)

    monkeypatch.setattr(linkcheck, "_request", fake)
    assert linkcheck.check_url("https://public.example/").status == "refused"
    assert calls == ["https://public.example/", "http://127.0.0.1:1/admin"]


def test_checks_run_a_few_at_a_time(server: str, settings: Any) -> None:
    settings.PRONGSAI_LINK_CHECK_CONCURRENCY = 2
    urls = [f"{server}/slow-ok?n={i}" for i in range(6)]
    results = linkcheck.check_urls(urls)
    assert {r.status for r in results.values()} == {"ok"}
    assert Handler.peak == 2


@pytest.mark.django_db
def test_the_task_records_every_links_status(plan: Any, server: str) -> None:
    m = measures(plan)[0]
    act(m, dt.date(2023, 11, 1), "ก", url=f"{server}/ok")
    act(m, dt.date(2023, 11, 2), "ข", url=f"{server}/missing")
    act(m, dt.date(2023, 11, 3), "ค", url=f"{server}/ok")
    result = check_plan_links.enqueue(plan.pk)
    assert result.return_value == {"ok": 2, "broken": 1}
    statuses = dict(Evidence.objects.values_list("url", "link_status"))
    assert statuses == {f"{server}/ok": "ok", f"{server}/missing": "broken"}
    broken = Evidence.objects.get(url=f"{server}/missing")
    assert broken.link_http_status == 404 and broken.link_checked_at is not None
    assert broken.link_problem
