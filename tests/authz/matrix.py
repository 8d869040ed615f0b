"""What each actor may do with a URL. Outcomes:
ok    – the page answers (2xx, or a redirect that is not to the login page)
login – anonymous is sent to the login page
403   – seen but not allowed
404   – the object does not exist for this actor (another agency's, out of scope)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

READ = {
    "admin": "ok", "editor": "ok", "viewer": "ok", "other": "404",
    "overseer_above": "ok", "overseer_elsewhere": "404", "anon": "login",
}  # fmt: skip
WRITE = {
    "admin": "ok", "editor": "ok", "viewer": "403", "other": "404",
    "overseer_above": "403", "overseer_elsewhere": "404", "anon": "login",
}  # fmt: skip
MANAGE = {
    "admin": "ok", "editor": "403", "viewer": "403", "other": "404",
    "overseer_above": "403", "overseer_elsewhere": "404", "anon": "login",
}  # fmt: skip
SIGNED_IN = {actor: "ok" for actor in READ} | {"anon": "login"}
PUBLIC = {actor: "ok" for actor in READ}


@dataclass
class Case:
    url_name: str
    expect: dict[str, str]
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda w: {})
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] = field(default=lambda w: {})
    query: str = ""

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}{'?' + self.query if self.query else ''}"


def agency(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug}


def agency_obj(key: str) -> Callable[[Any], dict[str, Any]]:
    return lambda w: {"slug": w.agency.slug, "pk": w.objects[key].pk}
