"""Settings this app reads (environment variables in prongsai/settings.py), with defaults."""

from __future__ import annotations

import base64
import hashlib

from django.conf import settings

PLACEHOLDER = "change-me"


def _derived(purpose: str) -> bytes:
    """A development key derived from SECRET_KEY (tests, the demo). Production sets its own:
    the deployment check `channels.W001` says so loudly."""
    return hashlib.sha256(f"prongsai-channels:{purpose}:{settings.SECRET_KEY}".encode()).digest()


def raw_keys() -> list[str]:
    raw = str(getattr(settings, "PRONGSAI_CHANNELS_KEY", "") or "")
    return [k.strip() for k in raw.split(",") if k.strip()]


def keys_configured() -> bool:
    return bool(raw_keys())


def fernet_keys() -> list[bytes]:
    keys = [k.encode() for k in raw_keys()]
    return keys or [base64.urlsafe_b64encode(_derived("fernet"))]


def raw_code_key() -> str:
    return str(getattr(settings, "PRONGSAI_CHANNELS_CODE_KEY", "") or "").strip()


def code_key() -> bytes:
    raw = raw_code_key()
    return raw.encode() if raw else _derived("case-code")


def max_file_bytes() -> int:
    return int(getattr(settings, "PRONGSAI_CHANNELS_MAX_FILE_BYTES", 5 * 1024 * 1024))


def max_files() -> int:
    return int(getattr(settings, "PRONGSAI_CHANNELS_MAX_FILES", 3))
