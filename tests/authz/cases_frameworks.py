from typing import Any

from tests.authz.matrix import SIGNED_IN, Case

# Site staff only: nobody in the cast is staff, so every signed-in actor gets 403.
STAFF = {
    "admin": "403",
    "editor": "403",
    "viewer": "403",
    "other": "403",
    "overseer_above": "403",
    "overseer_elsewhere": "403",
    "anon": "login",
}


def year(w: Any) -> dict[str, Any]:
    return {"year": 2566}


CASES = [
    Case("frameworks:list", SIGNED_IN),
    Case("frameworks:detail", SIGNED_IN, kwargs=year),
    Case("frameworks:download", SIGNED_IN, kwargs=lambda w: {"year": 2566, "file_year": 2566}),
    Case("frameworks:upload", STAFF),
    Case("frameworks:upload", STAFF, method="post"),
]
