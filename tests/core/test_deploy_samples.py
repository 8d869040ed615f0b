"""The sample deployment in deploy/ and the README's configuration table stay true."""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import prongsai

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SETTINGS = Path(prongsai.__file__).parent / "settings.py"
ENV_OF_TESTS = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def _variables_read_by_settings() -> set[str]:
    return set(re.findall(r'"((?:PRONGSAI_[A-Z_]+)|DATABASE_URL)"', SETTINGS.read_text()))


def _sample_env() -> dict[str, str]:
    pairs = {}
    for line in (DEPLOY / "prongsai.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PRONGSAI_") and k not in ENV_OF_TESTS
    }
    return subprocess.run(
        [sys.executable, *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_variable_the_settings_read_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    variables = _variables_read_by_settings()
    assert len(variables) > 20
    missing = sorted(v for v in variables if f"`{v}`" not in readme)
    assert not missing, (
        f"settings read these, the README's Configuration table lacks them: {missing}"
    )


def test_the_sample_environment_names_only_real_variables() -> None:
    unknown = sorted(set(_sample_env()) - _variables_read_by_settings())
    assert not unknown


def test_the_sample_environments_placeholder_secret_key_is_refused() -> None:
    # copied as it is, the sample used to pass `check --deploy`: a site whose sessions and reset
    # links anyone who read the repository could forge
    result = _run(["-m", "prongsai", "check", "--deploy"], _sample_env())
    assert result.returncode != 0
    assert "PRONGSAI_SECRET_KEY" in result.stderr and "change-me" in result.stderr


def test_the_sample_environment_passes_the_deployment_checks(tmp_path: Path) -> None:
    env = _sample_env()
    assert "change-me" in env["PRONGSAI_SECRET_KEY"]  # the one value the sample cannot carry
    env["PRONGSAI_SECRET_KEY"] = secrets.token_urlsafe(64)  # as the sample's comment says
    from cryptography.fernet import Fernet  # and the channels' keys, as its comments say

    env["PRONGSAI_CHANNELS_KEY"] = Fernet.generate_key().decode()
    env["PRONGSAI_CHANNELS_CODE_KEY"] = secrets.token_urlsafe(48)
    # the sample's PostgreSQL server does not exist here: its URL must select PostgreSQL …
    probe = _run(
        ["-c", "import prongsai.settings as s; print(s.DATABASES['default']['ENGINE'])"], env
    )
    assert probe.stdout.strip() == "django.db.backends.postgresql", probe.stderr
    # … and the checks run on a throw-away SQLite database with everything else as written
    # (less the PostgreSQL connection pool, which SQLite refuses)
    env = {k: v for k, v in env.items() if not k.startswith("PRONGSAI_DB_POOL")}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PRONGSAI_DATA_DIR": str(tmp_path),
    }
    result = _run(["-m", "prongsai", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_sample_units_start_programs_the_package_installs() -> None:
    bin_dir = Path(sys.executable).parent
    for unit in (DEPLOY / "systemd").glob("*.service"):
        for command in re.findall(r"/opt/prongsai/venv/bin/([\w-]+)", unit.read_text()):
            assert (bin_dir / command).exists(), (unit.name, command)
    web = (DEPLOY / "systemd" / "prongsai-web.service").read_text()
    module = re.search(r"^ExecStart=.*/gunicorn .* ([\w.]+)$", web, re.MULTILINE)
    assert module and module.group(1) == "prongsai.wsgi"
    assert importlib.util.find_spec("prongsai.wsgi") is not None


def test_nginx_lets_the_largest_upload_through() -> None:
    from django.conf import settings

    conf = (DEPLOY / "nginx" / "prongsai.conf").read_text()
    found = re.search(r"client_max_body_size (\d+)m;", conf)
    assert found and int(found.group(1)) * 1024 * 1024 > settings.PRONGSAI_MAX_UPLOAD_BYTES
    assert "X-Forwarded-Proto" in conf and "$proxy_add_x_forwarded_for" in conf


def test_the_worker_unit_waits_for_the_chunk_in_hand_longer_than_a_lease_and_its_retries() -> None:
    from django.conf import settings

    from prongsai.oversight import bulk

    unit = (DEPLOY / "systemd" / "prongsai-worker@.service").read_text()
    found = re.search(r"^TimeoutStopSec=(\d+)$", unit, re.MULTILINE)
    assert found, "the worker unit keeps systemd's 90 s stop limit"
    # the longest chunk: an import chunk meeting locked rows on every try, with its back-off
    longest = bulk.CHUNK_TRIES * settings.IMPORT_LOCK_TIMEOUT_SECONDS + 2**bulk.CHUNK_TRIES
    assert int(found.group(1)) >= max(4 * longest, 2 * settings.JOB_LEASE_SECONDS)
    assert re.search(r"^KillSignal=SIGTERM$", unit, re.MULTILINE)


def test_the_prune_timers_name_the_kinds_the_command_knows() -> None:
    service = (DEPLOY / "systemd" / "prongsai-prune@.service").read_text()
    assert "ExecStart=/opt/prongsai/venv/bin/prongsai prune %i" in service
    for kind in re.findall(r"prongsai-prune@(\w+)\.timer", service):
        assert kind in ("sessions", "audit", "history")
    assert (DEPLOY / "systemd" / "prongsai-prune@.timer").is_file()


def test_every_sample_service_run_by_a_timer_has_its_timer_and_a_known_command() -> None:
    from django.core.management import get_commands

    timers = {t.stem for t in (DEPLOY / "systemd").glob("*.timer")}
    for name in ("prongsai-backup", "prongsai-oit-links"):
        assert name in timers, name
        service = (DEPLOY / "systemd" / f"{name}.service").read_text()
        command = re.search(r"bin/prongsai (\w[\w-]*)", service)
        assert command and command.group(1) in get_commands(), (name, service)
