"""The one settings module. Every value comes from the environment; see README "Configuration".

Development defaults are safe for a laptop (SQLite under ./var, console e-mail). Setting
PRONGSAI_PRODUCTION=1 switches on the production defaults and requires a real secret key and
allowed hosts: start-up fails with a clear message when they are missing.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from prongsai.env import admins_list, env_bool, env_choice, env_int, env_list, env_str
from prongsai.env_urls import cache_settings, storage_settings

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("PRONGSAI_DATA_DIR", str(Path.cwd() / "var"))).resolve()

PRODUCTION = env_bool("PRONGSAI_PRODUCTION", False)
PRONGSAI_PRODUCTION = PRODUCTION
DEBUG = env_bool("PRONGSAI_DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("PRONGSAI_DEBUG cannot be on when PRONGSAI_PRODUCTION=1")

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-prongsai-0000000000"  # noqa: S105
SECRET_KEY = env_str("PRONGSAI_SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
# Values that are examples, not secrets: the sample environment's, Django's start-project ones,
# our development key. Anyone who read the repository could sign sessions and reset links.
_PLACEHOLDER_SECRET_MARKS = ("change-me", "changeme", "change_me", "replace-me", "django-insecure")
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured(
        "PRONGSAI_SECRET_KEY must be set to a random value of at least 50 characters in production"
        + (" (this is the development placeholder)" if SECRET_KEY == _DEV_SECRET else "")
    )
_placeholder = next((m for m in _PLACEHOLDER_SECRET_MARKS if m in SECRET_KEY.lower()), None)
if PRODUCTION and _placeholder:
    raise ImproperlyConfigured(
        f"PRONGSAI_SECRET_KEY is a placeholder (it contains {_placeholder!r}): set a random value, "
        'e.g. python3 -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

ALLOWED_HOSTS = env_list(
    "PRONGSAI_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("PRONGSAI_ALLOWED_HOSTS must list the host names in production")
CSRF_TRUSTED_ORIGINS = env_list("PRONGSAI_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "prongsai.core.errors.csrf_failure"

INSTALLED_APPS = [
    # Ours first, so our templates (login, password reset) win over django.contrib.admin's.
    "prongsai.core",
    "prongsai.orgs",
    "prongsai.accounts",
    "prongsai.audit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "prongsai.frameworks",
    "prongsai.results",  # before plans: the demo plan is built from the demo results
    "prongsai.analysis",
    "prongsai.plans",
    "prongsai.imports",
    "prongsai.jobs",
    "prongsai.progress",
    "prongsai.oit",  # after progress: its demo links the demo plan and reports
    "prongsai.registers",  # after oit: the OIT register rows it fills
    "prongsai.feedback",
    "prongsai.oversight",
    "prongsai.channels",  # after oit: its O18 statistics fill the OIT register
    "prongsai.procurement",
]

MIDDLEWARE = [
    "prongsai.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "prongsai.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prongsai.core.security.ThaiFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "prongsai.core.pagedigits.PageDigitsMiddleware",
    "prongsai.core.security.NullCharacterMiddleware",
    "prongsai.core.security.ControlCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "prongsai.audit.context.AuditUserMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "prongsai.urls"
WSGI_APPLICATION = "prongsai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prongsai.core.context_processors.prongsai",
            ],
            # the page's digits and B.E. dates (|thai_digits, |thai_date, |thai_time) in every
            # template, so no number is left out for want of a {% load %}
            "builtins": ["prongsai.core.templatetags.thai"],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'prongsai.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db) or _default_db,
        conn_max_age=env_int("PRONGSAI_DB_CONN_MAX_AGE", 60 if PRODUCTION else 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database lives in the data folder; create it on first use.
    Path(str(DATABASES["default"]["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# PostgreSQL connections: Django's psycopg pool inside each process (PRONGSAI_DB_POOL=1; then no
# persistent connections), or a pgbouncer in transaction mode in front (PRONGSAI_DB_PGBOUNCER=1:
# no server-side cursors, which do not survive a pooled transaction).
_DB_POOL = env_bool("PRONGSAI_DB_POOL", False)
_DB_PGBOUNCER = env_bool("PRONGSAI_DB_PGBOUNCER", False)
if _DB_POOL or _DB_PGBOUNCER:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "PRONGSAI_DB_POOL and PRONGSAI_DB_PGBOUNCER need a PostgreSQL DATABASE_URL"
        )
    if _DB_POOL and _DB_PGBOUNCER:
        raise ImproperlyConfigured("PRONGSAI_DB_POOL and PRONGSAI_DB_PGBOUNCER: choose one")
if _DB_POOL:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env_int("PRONGSAI_DB_POOL_SIZE", 4, minimum=1),
        "timeout": 10,
    }
if _DB_PGBOUNCER:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The country's oversight figures are recomputed at most this often (seconds; 0: after every
# change). Provinces and districts always follow their agencies' data.
OVERSIGHT_COUNTRY_MAX_AGE = env_int("PRONGSAI_COUNTRY_FIGURES_MAX_AGE", 60, minimum=0)

# Caches: each process's memory by default (nothing to run beside the app), or one Redis shared
# by every process (PRONGSAI_CACHE_URL). "default" holds the oversight figures and exports,
# "fragments" the costly parts of agency pages (prongsai.core.fragments); both are keyed by
# versions read from the database, so every process serves current data.
_FRAGMENT_ENTRIES = env_int("PRONGSAI_FRAGMENT_CACHE_ENTRIES", 2000, minimum=0)
CACHES = cache_settings("PRONGSAI_CACHE_URL", env_str("PRONGSAI_CACHE_URL"), _FRAGMENT_ENTRIES)

# Every sign-in, /admin/login/ included, goes through the rate limits (accounts/throttle.py).
AUTHENTICATION_BACKENDS = ["prongsai.accounts.throttle.ThrottledModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

FORMS_URLFIELD_ASSUME_HTTPS = True
WHITENOISE_USE_FINDERS = DEBUG

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("PRONGSAI_TIME_ZONE", "Asia/Bangkok")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Kept files (evidence, official copies, batches): the file system under MEDIA_ROOT by default, or
# S3-compatible object storage shared by every machine (prongsai.core.storage, core.files).
STORAGES = {
    "default": storage_settings(
        "PRONGSAI_STORAGE_URL",
        env_str("PRONGSAI_STORAGE_URL"),
        access_key=env_str("PRONGSAI_STORAGE_ACCESS_KEY"),
        secret_key=env_str("PRONGSAI_STORAGE_SECRET_KEY"),
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "prongsai.core.staticfinders.FontPackageFinder",
]
# Uploaded files live outside the web root and are only served through views that check access.
MEDIA_ROOT = Path(env_str("PRONGSAI_MEDIA_ROOT", str(DATA_DIR / "uploads"))).resolve()
MEDIA_URL = "/_uploads_never_served_directly/"  # no URL route serves this; views check access
# On S3, downloads (after the view's access check) redirect to a signed URL valid for a minute
# instead of passing through the web process; the browser must reach the object store.
PRONGSAI_STORAGE_SIGNED_URLS = env_bool("PRONGSAI_STORAGE_SIGNED_URLS", False)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
PRONGSAI_MAX_UPLOAD_BYTES = env_int("PRONGSAI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1024)

# Evidence link checks (background task) and deadline reminders.
# Document batches: the most documents in one batch, the batches one agency may have queued or
# running at once (jobs/services.py)
PRONGSAI_BATCH_MAX_DOCUMENTS = env_int("PRONGSAI_BATCH_MAX_DOCUMENTS", 24, minimum=1)
PRONGSAI_BATCH_MAX_ACTIVE = env_int("PRONGSAI_BATCH_MAX_ACTIVE", 3, minimum=1)
PRONGSAI_LINK_CHECK_TIMEOUT = env_int("PRONGSAI_LINK_CHECK_TIMEOUT", 10, minimum=1)
PRONGSAI_LINK_CHECK_CONCURRENCY = env_int("PRONGSAI_LINK_CHECK_CONCURRENCY", 4, minimum=1)
# Outbound checks refuse private and loopback addresses unless this is on (an intranet, tests).
PRONGSAI_LINK_CHECK_ALLOW_PRIVATE = env_bool("PRONGSAI_LINK_CHECK_ALLOW_PRIVATE", False)
PRONGSAI_REMINDER_DAYS = env_int("PRONGSAI_REMINDER_DAYS", 14, minimum=1)

# Reporting channels (prongsai.channels, docs/channels.md): the Fernet keys reporters' identities
# and attachments are encrypted with (comma-separated; the first encrypts, all decrypt: rotation)
# and the key case codes are hashed with (empty: derived from SECRET_KEY, for development only);
# attachments' size and number (the public forms' rate limits: core.abuse).
PRONGSAI_CHANNELS_KEY = env_str("PRONGSAI_CHANNELS_KEY")
PRONGSAI_CHANNELS_CODE_KEY = env_str("PRONGSAI_CHANNELS_CODE_KEY")
PRONGSAI_CHANNELS_MAX_FILE_BYTES = env_int(
    "PRONGSAI_CHANNELS_MAX_FILE_BYTES", 5 * 1024 * 1024, minimum=1024
)
PRONGSAI_CHANNELS_MAX_FILES = env_int("PRONGSAI_CHANNELS_MAX_FILES", 3, minimum=0)
# The site's public address (https://ita.example.go.th), for the absolute links of the public
# documents in the ITAS export and the CLI; pages use the request's own address.
PRONGSAI_SITE_URL = env_str("PRONGSAI_SITE_URL", "").rstrip("/")

# E-mail: the console by default (password-reset links print in the server's output).
_email = env_choice("PRONGSAI_EMAIL", ("console", "smtp"), "console")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if _email == "smtp"
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("PRONGSAI_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("PRONGSAI_SMTP_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("PRONGSAI_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("PRONGSAI_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("PRONGSAI_SMTP_TLS", True)
DEFAULT_FROM_EMAIL = env_str("PRONGSAI_FROM_EMAIL", "prongsai@localhost")

# Background jobs (prongsai.core.queued): a running job whose worker has not renewed its lease
# for JOB_LEASE_SECONDS is put back in the queue (at most JOB_MAX_ATTEMPTS runs, then it fails);
# every worker writes its heartbeat every WORKER_BEAT_SECONDS and sweeps for such jobs.
JOB_LEASE_SECONDS = env_int("PRONGSAI_JOB_LEASE_SECONDS", 60, minimum=5)
JOB_MAX_ATTEMPTS = env_int("PRONGSAI_JOB_MAX_ATTEMPTS", 3, minimum=1)
WORKER_BEAT_SECONDS = env_int("PRONGSAI_WORKER_BEAT_SECONDS", 10, minimum=1)
# How long a bulk import's chunk waits for a row an officer is saving (PostgreSQL lock_timeout),
# and how long an officer's own save waits for a row an import holds, before saying "try again".
IMPORT_LOCK_TIMEOUT_SECONDS = env_int("PRONGSAI_IMPORT_LOCK_TIMEOUT", 5, minimum=1)
SAVE_LOCK_TIMEOUT_SECONDS = env_int("PRONGSAI_SAVE_LOCK_TIMEOUT", 10, minimum=1)
# `prongsai prune audit|history` removes what is older than this (days) by default.
PRUNE_AUDIT_DAYS = env_int("PRONGSAI_PRUNE_AUDIT_DAYS", 730, minimum=1)
PRUNE_HISTORY_DAYS = env_int("PRONGSAI_PRUNE_HISTORY_DAYS", 730, minimum=1)

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_choice("PRONGSAI_TASKS", ("database", "immediate"), "database") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# Security. Production turns on HTTPS-only cookies and HSTS.
SESSION_COOKIE_HTTPONLY = True
# Offices share computers: a sign-in lasts one working day, not Django's two weeks.
SESSION_COOKIE_AGE = env_int("PRONGSAI_SESSION_HOURS", 12, minimum=1) * 3600
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("PRONGSAI_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("PRONGSAI_HSTS_SECONDS", 31536000 if PRODUCTION else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
# One reverse proxy in front (nginx, deploy/nginx/prongsai.conf): trust its X-Forwarded-Proto, and
# the address it appends last to X-Forwarded-For as the client's (login rate limiting).
BEHIND_PROXY = env_bool("PRONGSAI_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Logs: JSON lines with the request's id (prongsai.core.logs) in production, plain text on a
# laptop; server errors mailed to ADMINS without personal data.
_LOG_LEVEL = env_str("PRONGSAI_LOG_LEVEL", "INFO").upper()
_LOG_FORMAT = env_choice("PRONGSAI_LOG_FORMAT", ("json", "text"), "json" if PRODUCTION else "text")
ADMINS = admins_list("PRONGSAI_ADMINS", env_str("PRONGSAI_ADMINS"))
SERVER_EMAIL = env_str("PRONGSAI_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "prongsai.core.logs.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "json": {"()": "prongsai.core.logs.JsonFormatter"},
        "text": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": _LOG_FORMAT,
        },
        "mail_admins": {
            "class": "prongsai.core.logs.AdminErrorMail",
            "level": "ERROR",
            "filters": ["require_debug_false", "request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
    "loggers": {
        # replaces Django's own "django" handlers (its admin mail carries the form's fields)
        "django": {"handlers": ["console", "mail_admins"], "level": _LOG_LEVEL, "propagate": False},
        "fontTools": {"level": "WARNING"},
        "matplotlib": {"level": "WARNING"},
    },
}

# The CGD open-data API key (opend.data.go.th) for importing a month's procurement contracts.
PRONGSAI_CGD_API_KEY = env_str("PRONGSAI_CGD_API_KEY", "")
