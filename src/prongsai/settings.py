"""The one settings module. Every value comes from the environment; see README "Configuration".

Development defaults are safe for a laptop (SQLite under ./var, console e-mail). Setting
PRONGSAI_PRODUCTION=1 switches on the production defaults and requires a real secret key and
allowed hosts: start-up fails with a clear message when they are missing.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from prongsai.env import env_bool, env_choice, env_int, env_list, env_str

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
    "prongsai.oversight",
]

MIDDLEWARE = [
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The country's oversight figures are recomputed at most this often (seconds; 0: after every
# change). Provinces and districts always follow their agencies' data.
OVERSIGHT_COUNTRY_MAX_AGE = env_int("PRONGSAI_COUNTRY_FIGURES_MAX_AGE", 60, minimum=0)

# In-process caches (nothing to run beside the app). "default" holds the oversight figures,
# "fragments" the costly parts of agency pages (prongsai.core.fragments); both are keyed by
# versions read from the database, so every process serves current data.
_FRAGMENT_ENTRIES = env_int("PRONGSAI_FRAGMENT_CACHE_ENTRIES", 2000, minimum=0)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "main"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
        if _FRAGMENT_ENTRIES
        else "django.core.cache.backends.dummy.DummyCache",
        "LOCATION": "fragments",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": max(_FRAGMENT_ENTRIES, 1)},
    },
}

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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PRONGSAI_LOG_LEVEL", "INFO").upper()},
    "loggers": {"fontTools": {"level": "WARNING"}, "matplotlib": {"level": "WARNING"}},
}
