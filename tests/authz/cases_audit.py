from tests.authz.matrix import Case

AUDIT = {
    "admin": "ok", "editor": "403", "viewer": "403", "other": "404",
    "overseer_above": "ok", "overseer_elsewhere": "404", "anon": "login",
}  # fmt: skip

CASES = [Case("audit:log", AUDIT, kwargs=lambda w: {"slug": w.agency.slug})]
