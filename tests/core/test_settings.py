"""The settings module fails loudly on bad values and is strict in production."""

import os
import subprocess
import sys

import pytest

# Variables the test run itself may set, which a production process never has.
ENV_OF_TESTS = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PRONGSAI_") and k not in ENV_OF_TESTS
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import prongsai.settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_development_defaults_load() -> None:
    result = load_settings(PRONGSAI_DATA_DIR="/tmp/prongsai-settings-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "0"]


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = load_settings(PRONGSAI_PRODUCTION="1", PRONGSAI_ALLOWED_HOSTS="example.go.th")
    assert result.returncode != 0
    assert "PRONGSAI_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "change-me-to-64-random-characters-change-me-to-64-random-characters",
        "django-insecure-" + "k" * 50,
        "dev-only-insecure-key-do-not-use-in-production-prongsai-0000000000",
        "CHANGEME" * 8,
    ],
)
def test_production_refuses_a_placeholder_secret_key(key: str) -> None:
    result = load_settings(
        PRONGSAI_PRODUCTION="1", PRONGSAI_ALLOWED_HOSTS="example.go.th", PRONGSAI_SECRET_KEY=key
    )
    assert result.returncode != 0
    assert "PRONGSAI_SECRET_KEY" in result.stderr and "placeholder" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = load_settings(PRONGSAI_PRODUCTION="1", PRONGSAI_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "PRONGSAI_ALLOWED_HOSTS" in result.stderr


def test_production_turns_on_secure_cookies_and_hsts() -> None:
    result = load_settings(
        PRONGSAI_PRODUCTION="1",
        PRONGSAI_SECRET_KEY="k" * 60,
        PRONGSAI_ALLOWED_HOSTS="example.go.th",
        PRONGSAI_DATA_DIR="/tmp/prongsai-settings-test",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "31536000"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("PRONGSAI_DEBUG", "maybe"), ("PRONGSAI_SMTP_PORT", "eighty"), ("PRONGSAI_EMAIL", "pigeon")],
)
def test_it_fails_loudly_on_values_it_cannot_understand(name: str, value: str) -> None:
    result = load_settings(**{name: value, "PRONGSAI_DATA_DIR": "/tmp/prongsai-settings-test"})
    assert result.returncode != 0
    assert name in result.stderr


def test_database_url_selects_postgresql() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import prongsai.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        env={**os.environ, "DATABASE_URL": "postgres://u:p@localhost:5432/prongsai"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_the_production_settings_pass_djangos_deployment_checks(tmp_path: object) -> None:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PRONGSAI_") and k not in ENV_OF_TESTS
    }
    result = subprocess.run(
        [sys.executable, "-m", "prongsai", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **clean,
            "PRONGSAI_PRODUCTION": "1",
            "PRONGSAI_SECRET_KEY": "s3cr3t-" * 10,
            "PRONGSAI_ALLOWED_HOSTS": "ita.example.go.th",
            "PRONGSAI_DATA_DIR": str(tmp_path),
            # the channels' keys: a Fernet key (urlsafe base64 of 32 bytes) and a hashing key
            "PRONGSAI_CHANNELS_KEY": "bXktdGVzdC1rZXktb2YtdGhpcnR5LXR3by1ieXRlcyE=",
            "PRONGSAI_CHANNELS_CODE_KEY": "c0de-" * 8,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_sign_in_lasts_a_working_day_unless_configured() -> None:
    def age(**env: str) -> str:
        clean = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("PRONGSAI_") and k not in ENV_OF_TESTS
        }
        result = subprocess.run(
            [sys.executable, "-c", "import prongsai.settings as s; print(s.SESSION_COOKIE_AGE)"],
            env={**clean, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.stdout.strip() or result.stderr

    assert age() == str(12 * 3600)
    assert age(PRONGSAI_SESSION_HOURS="8") == str(8 * 3600)
    assert "PRONGSAI_SESSION_HOURS" in age(PRONGSAI_SESSION_HOURS="0")


def settings_printing(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Python `code` run after `import prongsai.settings as s`, in a clean environment plus `env`."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PRONGSAI_") and k not in ENV_OF_TESTS
    }
    return subprocess.run(
        [sys.executable, "-c", f"import prongsai.settings as s; {code}"],
        env={**clean, "PRONGSAI_DATA_DIR": "/tmp/prongsai-settings-test", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _database_settings(**env: str) -> subprocess.CompletedProcess[str]:
    return settings_printing(
        "d = s.DATABASES['default']; print(d.get('OPTIONS', {}).get('pool'), d['CONN_MAX_AGE'], "
        "d.get('DISABLE_SERVER_SIDE_CURSORS', False))",
        **env,
    )


PG = "postgres://u:p@127.0.0.1:5432/prongsai"


def test_the_connection_pool_and_pgbouncer_mode_are_switched_from_the_environment() -> None:
    pooled = _database_settings(
        DATABASE_URL=PG,
        PRONGSAI_DB_POOL="1",
        PRONGSAI_DB_POOL_SIZE="8",
        PRONGSAI_DB_CONN_MAX_AGE="60",
    )
    assert pooled.returncode == 0, pooled.stderr
    assert pooled.stdout.split() == [
        "{'min_size':",
        "1,",
        "'max_size':",
        "8,",
        "'timeout':",
        "10}",
        "0",
        "False",
    ]
    bouncer = _database_settings(DATABASE_URL=PG, PRONGSAI_DB_PGBOUNCER="1")
    assert bouncer.stdout.split() == ["None", "0", "True"]


@pytest.mark.parametrize(
    "env",
    [
        {"PRONGSAI_DB_POOL": "1"},  # SQLite
        {"DATABASE_URL": PG, "PRONGSAI_DB_POOL": "1", "PRONGSAI_DB_PGBOUNCER": "1"},
        {"DATABASE_URL": PG, "PRONGSAI_DB_POOL": "maybe"},
    ],
)
def test_a_pool_setting_that_cannot_work_stops_start_up(env: dict[str, str]) -> None:
    result = _database_settings(**env)
    assert result.returncode != 0
    assert "PRONGSAI_DB_POOL" in result.stderr
