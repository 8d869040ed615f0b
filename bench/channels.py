"""`prongsai bench channels`: anonymous corruption reports sent at once, on loopback.

In its own database (var/bench-channels) it creates an agency, starts gunicorn with the
production settings (bench.channels_settings: the rate limit lifted for loopback, a 1 s fill
time) and PRONGSAI_CHANNELS_KEY set, then CLIENTS threads (50) each open the public form (its
CSRF cookie and signed start time), wait out the fill time, and send one report, all released
together. Prints the median and p95 of the submissions, the errors, and checks that every
report is in the database (nothing lost) with its identity encrypted.

PRONGSAI_BENCH_CLIENTS sets the number; PRONGSAI_BENCH_DATABASE_URL a PostgreSQL to use.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from bench.common import REPO
from bench.web import HOST, _free_port, _pct, _server_env, wait_ready

CLIENTS = int(os.environ.get("PRONGSAI_BENCH_CLIENTS", "50"))
SLUG = "bench-channels"
MARK = "ผู้แจ้งทดสอบภาระ"


def _env(data_dir: str) -> dict[str, str]:
    from cryptography.fernet import Fernet

    env = _server_env(data_dir)
    env["DJANGO_SETTINGS_MODULE"] = "bench.channels_settings"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    env["PRONGSAI_CHANNELS_KEY"] = Fernet.generate_key().decode()
    return env


def _agency() -> object:
    from prongsai.orgs import services
    from prongsai.orgs.models import Agency, AgencyType

    found = Agency.objects.filter(slug=SLUG).first()
    if found is not None:
        return found
    province = services.province_get_or_create(code="99", name="ทดสอบภาระ")
    district = services.district_get_or_create(province=province, code="9999", name="ทดสอบ")
    return services.agency_create(
        slug=SLUG, type=AgencyType.SAO, name="ทดสอบภาระ", district=district
    )


def _submit(port: int, index: int, barrier: threading.Barrier, out: list[object]) -> None:
    path = f"/p/{SLUG}/channels/report/"
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode()
        cookie = next(
            h.split(";", 1)[0]
            for h in response.headers.get_all("Set-Cookie") or []
            if h.startswith("csrftoken=")
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        started = re.search(r'name="started" value="([^"]+)"', body)
        assert token and started, "the form lacks its CSRF token or start time"
        form = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "started": started.group(1),
                "website": "",
                "subject": f"เรื่องทดสอบภาระ {index}",
                "body": "รายละเอียดของเรื่องที่แจ้งเพื่อทดสอบภาระของระบบ " * 5,
                "give_identity": "on",
                "name": MARK,
                "phone": "0800000000",
            }
        )
        time.sleep(1.2)  # the form's minimum fill time
        barrier.wait(timeout=120)  # all submissions leave together
        conn.close()  # the server closes idle keep-alive connections: send on a new one
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        began = time.perf_counter()
        conn.request(
            "POST",
            path,
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": f"http://{HOST}:{port}{path}",
                "Origin": f"http://{HOST}:{port}",
            },
        )
        answer = conn.getresponse()
        text = answer.read().decode()
        seconds = time.perf_counter() - began
        ok = answer.status == 200 and 'class="case-code"' in text
        out.append(seconds if ok else f"status {answer.status}")
    except Exception as error:
        out.append(f"{type(error).__name__}: {error}")


def run(write: Callable[[str], object] = print) -> None:
    from django.conf import settings
    from django.core.management import call_command

    from prongsai.channels.models import Report, ReportIdentity

    data_dir = str(Path(settings.DATA_DIR))
    call_command("migrate", verbosity=0)
    agency = _agency()
    env = _env(data_dir)
    subprocess.run(
        [sys.executable, "-m", "prongsai", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        check=True,
    )
    before = Report.objects.filter(agency=agency).count()
    port = _free_port()
    workers = int(os.environ.get("PRONGSAI_BENCH_WORKERS", os.cpu_count() or 1))
    cmd = [
        sys.executable, "-m", "gunicorn", "prongsai.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(workers), "--worker-class", "gthread",
        "--threads", "8", "--backlog", "512", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    try:
        wait_ready(port)
        results: list[object] = []
        barrier = threading.Barrier(CLIENTS)
        threads = [
            threading.Thread(target=_submit, args=(port, i, barrier, results))
            for i in range(CLIENTS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    times = [r for r in results if isinstance(r, float)]
    errors = [r for r in results if not isinstance(r, float)]
    stored = Report.objects.filter(agency=agency).count() - before
    clear = ReportIdentity.objects.filter(report__agency=agency)
    leaked = sum(1 for row in clear if MARK.encode() in bytes(row.ciphertext))
    write(
        f"channels: {CLIENTS} anonymous reports at once, gunicorn {workers} workers × 8 threads "
        f"on {HOST} ({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
    )
    write(
        f"channels submit: median {_pct(times, 0.5):.0f} ms, p95 {_pct(times, 0.95):.0f} ms, "
        f"errors {len(errors)}"
    )
    write(f"channels stored: {stored} of {CLIENTS} (lost {CLIENTS - len(errors) - stored})")
    write(f"channels identities in clear in the database: {leaked}")
    for error in errors[:5]:
        write(f"  error: {error}")
    if errors or stored != CLIENTS or leaked:
        raise SystemExit(1)
