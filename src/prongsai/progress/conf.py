"""Settings this app reads (environment variables in prongsai/settings.py), with defaults."""

from __future__ import annotations

from django.conf import settings


def max_upload_bytes() -> int:
    return int(getattr(settings, "PRONGSAI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def link_check_timeout() -> float:
    """Seconds for each network step of a link check (connect, send, each read)."""
    return float(getattr(settings, "PRONGSAI_LINK_CHECK_TIMEOUT", 10.0))


def link_check_concurrency() -> int:
    return max(1, int(getattr(settings, "PRONGSAI_LINK_CHECK_CONCURRENCY", 4)))


def link_check_allow_private() -> bool:
    """Check links to private and loopback addresses too (tests; an intranet deployment)."""
    return bool(getattr(settings, "PRONGSAI_LINK_CHECK_ALLOW_PRIVATE", False))


def reminder_days() -> int:
    """How far ahead "due soon" looks, in days."""
    return int(getattr(settings, "PRONGSAI_REMINDER_DAYS", 14))
