"""Settings given as URLs: where files are kept (PRONGSAI_STORAGE_URL) and the shared cache
(PRONGSAI_CACHE_URL). A value that cannot be understood stops start-up naming the variable."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

FILE_SYSTEM = "prongsai.core.storage.AtomicFileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
REDIS = "django.core.cache.backends.redis.RedisCache"


def storage_settings(
    variable: str, raw: str, *, access_key: str = "", secret_key: str = ""
) -> dict[str, Any]:
    """The STORAGES["default"] entry for a PRONGSAI_STORAGE_URL value (ImproperlyConfigured
    naming `variable` for anything not understood)."""
    raw = raw.strip()
    if raw in ("", "file:", "file://"):
        return {"BACKEND": FILE_SYSTEM}
    parts = urlsplit(raw)
    if parts.scheme == "file":
        if not parts.path.startswith("/"):
            raise ImproperlyConfigured(f"{variable}: a file:// URL needs an absolute path")
        return {"BACKEND": FILE_SYSTEM, "OPTIONS": {"location": parts.path}}
    if parts.scheme != "s3":
        raise ImproperlyConfigured(
            f"{variable} must be empty, file:///path or s3://bucket?endpoint=…; got {raw!r}"
        )
    bucket = parts.netloc
    if not bucket:
        raise ImproperlyConfigured(f"{variable}: s3:// needs a bucket name (s3://bucket?…)")
    query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    known = {"endpoint", "region", "prefix", "addressing", "verify"}
    unknown = sorted(set(query) - known)
    if unknown:
        raise ImproperlyConfigured(
            f"{variable}: unknown option {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    endpoint = query.get("endpoint", "")
    if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
        raise ImproperlyConfigured(f"{variable}: endpoint must be an http(s) URL; got {endpoint!r}")
    addressing = query.get("addressing", "path")
    if addressing not in ("path", "virtual"):
        raise ImproperlyConfigured(f"{variable}: addressing must be path or virtual")
    verify = query.get("verify", "1")
    if verify not in ("0", "1"):
        raise ImproperlyConfigured(f"{variable}: verify must be 0 or 1")
    access, secret = access_key.strip(), secret_key.strip()
    if bool(access) != bool(secret):
        raise ImproperlyConfigured(
            "PRONGSAI_STORAGE_ACCESS_KEY and PRONGSAI_STORAGE_SECRET_KEY go together: set both"
        )
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": query.get("prefix", "").strip("/"),
        "default_acl": None,  # the bucket's own (private) policy
        "querystring_auth": True,  # signed URLs only
        "querystring_expire": 60,
        "file_overwrite": True,  # names are fresh random ones, or a restore's exact ones
        "addressing_style": addressing,
        "signature_version": "s3v4",
        "verify": verify == "1",
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    if query.get("region"):
        options["region_name"] = query["region"]
    if access:
        options["access_key"], options["secret_key"] = access, secret
    return {"BACKEND": S3, "OPTIONS": options}


def cache_settings(variable: str, raw: str, fragment_entries: int) -> dict[str, Any]:
    """CACHES for a PRONGSAI_CACHE_URL value: each process's memory by default (one machine), or
    one Redis server shared by every web process and worker (`redis://host:6379/0`)."""
    raw = raw.strip()
    fragments_off = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if raw in ("", "locmem:", "locmem://"):
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "main",
            },
            "fragments": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "fragments",
                "TIMEOUT": 24 * 3600,
                "OPTIONS": {"MAX_ENTRIES": fragment_entries},
            }
            if fragment_entries
            else fragments_off,
        }
    parts = urlsplit(raw)
    if parts.scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(
            f"{variable} must be empty (each process's memory) or redis://host:port/db; got {raw!r}"
        )
    try:
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        raise ImproperlyConfigured(f"{variable}: the port is not a number in {raw!r}") from None
    if parts.scheme != "unix" and not parts.hostname:
        raise ImproperlyConfigured(f"{variable}: redis:// needs a host (redis://host:6379/0)")
    db = parts.path.strip("/")
    if db and not db.isdecimal():
        raise ImproperlyConfigured(f"{variable}: the database after the host must be a number")
    # a Redis that does not answer fails the request within a few seconds, not minutes
    options = {"socket_connect_timeout": 3, "socket_timeout": 3}
    return {
        "default": {"BACKEND": REDIS, "LOCATION": raw, "KEY_PREFIX": "p", "OPTIONS": options},
        "fragments": {
            "BACKEND": REDIS,
            "LOCATION": raw,
            "KEY_PREFIX": "f",
            "TIMEOUT": 24 * 3600,
            "OPTIONS": options,
        }
        if fragment_entries
        else fragments_off,
    }
