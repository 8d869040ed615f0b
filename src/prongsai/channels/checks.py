"""Deployment checks: production must set its own channels keys (the development default is
derived from SECRET_KEY, so whoever knows one knows both), and real ones."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from prongsai.channels import conf


@register(deploy=True)
def channels_key_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if not getattr(settings, "PRONGSAI_PRODUCTION", False):
        return []
    found: list[CheckMessage] = []
    keys = conf.raw_keys()
    if not keys:
        found.append(
            Warning(
                "PRONGSAI_CHANNELS_KEY is not set: reporters' identities are encrypted with a "
                "key derived from PRONGSAI_SECRET_KEY (the development default). Set it "
                "(`prongsai channels new-key` prints one) and keep it apart from the backups.",
                id="channels.W001",
            )
        )
    for key in keys:
        if conf.PLACEHOLDER in key.lower() or not _is_fernet_key(key):
            found.append(
                Error(
                    "PRONGSAI_CHANNELS_KEY holds a placeholder or a value that is not a Fernet "
                    "key: `prongsai channels new-key` prints one.",
                    id="channels.E001",
                )
            )
            break
    code_key = conf.raw_code_key()
    if not code_key:
        found.append(
            Warning(
                "PRONGSAI_CHANNELS_CODE_KEY is not set: case codes are hashed with a key "
                "derived from PRONGSAI_SECRET_KEY. Set 32+ random characters (never change it: "
                "the codes already given would stop working).",
                id="channels.W002",
            )
        )
    elif conf.PLACEHOLDER in code_key.lower() or len(code_key) < 32:
        found.append(
            Error(
                "PRONGSAI_CHANNELS_CODE_KEY is a placeholder or shorter than 32 characters.",
                id="channels.E002",
            )
        )
    return found


def _is_fernet_key(key: str) -> bool:
    from cryptography.fernet import Fernet

    try:
        Fernet(key.encode())
    except (ValueError, TypeError):
        return False
    return True
