"""Page parts cached per agency data state: the costly middle of a page (a plan's measures, an
analysis, the yearly cycle) is rendered once per agency stamp (prongsai.orgs.stamps), UI
language, access level and day, and served from the cache (each process's, or the Redis every
process shares: PRONGSAI_CACHE_URL) until one of the agency's records changes.

Always called after the view's access check: the key holds the agency, so a part can only be
served to someone who may read that agency. CSRF tokens are per session, so a part is rendered
with a placeholder that is replaced by the viewer's own token on the way out.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from prongsai import __version__
from prongsai.core import thai
from prongsai.orgs.access import AgencyAccess

CACHE_ALIAS = "fragments"
# Unknown outside this process, so text typed by a user can never turn into a token.
_CSRF_PLACEHOLDER = secrets.token_hex(16)


def fragment_key(name: str, access: AgencyAccess, *parts: object) -> str:
    agency = access.agency
    return ":".join(
        str(p)
        for p in (
            "frag",
            __version__,
            name,
            agency.pk,
            agency.stamp,
            get_language(),
            thai.page_digits(),
            access.level,
            timezone.localdate().isoformat(),
            # the view's parts as a digest: a menu's list of links would make the key longer
            # than memcached allows (250 characters), and nothing reads the key back
            hashlib.sha256(repr(parts).encode()).hexdigest()[:24],
        )
    )


def cached_value(
    access: AgencyAccess, name: str, parts: tuple[object, ...], compute: Callable[[], Any]
) -> Any:
    """`compute()` from the fragment cache, under the same key as a cached part (the agency's
    stamp, language, digits, access level, day and `parts`): for small values every page of the
    agency needs, such as its menu's links."""
    key = fragment_key(name, access, *parts)
    cache = caches[CACHE_ALIAS]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value)
    return value


def cached_fragment(
    request: HttpRequest,
    access: AgencyAccess,
    name: str,
    parts: tuple[object, ...],
    template: str,
    context: Callable[[], Mapping[str, Any]],
) -> SafeString:
    """`template` rendered with `context()`, from the cache when the agency's data, the language,
    the access level, the day and `parts` are the same as when it was last rendered."""
    key = fragment_key(name, access, *parts)
    cache = caches[CACHE_ALIAS]
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            template, {**context(), "csrf_token": _CSRF_PLACEHOLDER}, request=request
        )
        cache.set(key, html)
    if _CSRF_PLACEHOLDER in html:
        html = html.replace(_CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # noqa: S308 - rendered by our autoescaping templates
