"""Checking evidence links: does each URL still answer?

Each check resolves the host once, refuses private, loopback and other non-public addresses
(unless PRONGSAI_LINK_CHECK_ALLOW_PRIVATE), then connects to that very address (so a DNS answer
cannot change between the check and the request), sends HEAD (GET when HEAD is not supported)
and follows at most five redirects, each checked the same way. Every network step has a timeout
and the whole check a deadline; checks run a few at a time in threads, and the results are
written to the database by the caller's thread."""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from prongsai.progress import conf

MAX_REDIRECTS = 5
USER_AGENT = "Prongsai-link-check/1.0 (+https://github.com/prongsai)"


@dataclass(frozen=True)
class LinkResult:
    status: str  # "ok", "broken", "unreachable" or "refused" (see models.LinkStatus)
    http_status: int | None = None
    detail: str = ""


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the last 32 bits are the IPv4 address
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: local use, any embedding
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated, still routed by some stacks


def _public(ip: str) -> bool:
    """A public address, judged by the IPv4 address inside the IPv6 ones that carry one (a
    gateway turns NAT64 64:ff9b::a00:1, 6to4 2002:a00:1:: and ::ffff:10.0.0.1 into 10.0.0.1;
    Python's `is_global` calls the first two public)."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address):
        if addr in _NAT64_LOCAL or addr.teredo is not None:
            return False
        inner = _embedded_ipv4(addr)
        if inner is not None:
            return _public(str(inner))
    return addr.is_global and not addr.is_multicast


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr in _NAT64 or (addr in _IPV4_COMPATIBLE and int(addr) > 1):  # ::, ::1 stay IPv6
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _request(url: str, method: str, *, timeout: float, allow_private: bool) -> Any:
    """One request to `url`; returns (status, location) or a LinkResult when it cannot be made."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return LinkResult("refused", None, "ไม่ใช่ลิงก์ http/https")
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return LinkResult("unreachable", None, "ไม่พบชื่อโดเมนนี้")
    ips = [str(info[4][0]) for info in infos]
    if not ips:
        return LinkResult("unreachable", None, "ไม่พบชื่อโดเมนนี้")
    if not allow_private and not all(_public(ip) for ip in ips):
        return LinkResult("refused", None, "ไม่ตรวจลิงก์ที่ชี้ไปยังที่อยู่ภายในหรือเครื่องนี้")
    cls = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    conn = cls(host, port, ips[0], timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        conn.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = conn.getresponse()
        if method == "GET":
            response.read(1024)
        return response.status, response.getheader("Location")
    except TimeoutError:
        return LinkResult("unreachable", None, "หมดเวลารอการตอบกลับ")
    except ConnectionRefusedError:
        return LinkResult("unreachable", None, "เครื่องปลายทางปฏิเสธการเชื่อมต่อ")
    except ssl.SSLError as e:
        return LinkResult("unreachable", None, f"ใบรับรองความปลอดภัย (SSL) มีปัญหา: {e.reason or e}")
    except (OSError, http.client.HTTPException) as e:
        return LinkResult("unreachable", None, f"เชื่อมต่อไม่ได้: {type(e).__name__}")
    finally:
        conn.close()


def check_url(
    url: str, *, timeout: float | None = None, allow_private: bool | None = None
) -> LinkResult:
    """Check one URL: ok (2xx after redirects), broken (HTTP error), unreachable or refused."""
    timeout = conf.link_check_timeout() if timeout is None else timeout
    allow_private = conf.link_check_allow_private() if allow_private is None else allow_private
    deadline = time.monotonic() + timeout * 3
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return LinkResult("unreachable", None, "หมดเวลารอการตอบกลับ")
        step = min(timeout, remaining)
        answer = _request(current, "HEAD", timeout=step, allow_private=allow_private)
        if isinstance(answer, LinkResult):
            return answer
        status, location = answer
        if status in (403, 405, 501):  # some servers refuse HEAD; ask again with GET
            answer = _request(current, "GET", timeout=step, allow_private=allow_private)
            if isinstance(answer, LinkResult):
                return answer
            status, location = answer
        if status in (301, 302, 303, 307, 308) and location:
            current = urljoin(current, location)
            continue
        if 200 <= status < 300:
            return LinkResult("ok", status, "")
        return LinkResult("broken", status, f"HTTP {status}")
    return LinkResult("broken", None, "เปลี่ยนเส้นทางมากเกินไป")


def check_urls(urls: Iterable[str], *, concurrency: int | None = None) -> dict[str, LinkResult]:
    """Check many URLs a few at a time; each distinct URL once."""
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    workers = min(concurrency or conf.link_check_concurrency(), len(unique))
    check = functools.partial(
        check_url, timeout=conf.link_check_timeout(), allow_private=conf.link_check_allow_private()
    )
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="linkcheck") as pool:
        return dict(zip(unique, pool.map(check, unique), strict=True))
