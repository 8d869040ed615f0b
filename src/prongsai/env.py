"""Reading settings from the environment, failing loudly on values we cannot understand."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = env_str(name, default).lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value


def admins_list(name: str, raw: str) -> list[tuple[str, str]]:
    """ADMINS from `Name <mail@x>, other@y`: (name, address) pairs."""
    out = []
    for item in (i.strip() for i in raw.split(",")):
        if not item:
            continue
        if "<" in item and item.endswith(">"):
            who, _, address = item[:-1].partition("<")
            who, address = who.strip(), address.strip()
        else:
            who, address = "", item
        local, at, domain = address.partition("@")
        if not (local and at and "." in domain) or any(c in address for c in " <>,"):
            raise ImproperlyConfigured(f"{name}: not an e-mail address: {item!r}")
        out.append((who or address, address))
    return out
