from tests.authz.matrix import PUBLIC, SIGNED_IN, Case

CASES = [
    Case("core:home", PUBLIC),
    Case("core:healthz", PUBLIC),
    Case("core:readyz", PUBLIC),
    Case("set_language", PUBLIC, method="post", data=lambda w: {"language": "en", "next": "/"}),
    Case("accounts:login", PUBLIC),
    Case("accounts:logout", PUBLIC, method="post"),
    Case("accounts:password_change", SIGNED_IN),
    Case("accounts:password_change_done", SIGNED_IN),
    Case("admin_password_change", PUBLIC),  # a redirect to accounts:password_change
    Case("accounts:password_reset", PUBLIC),
    Case("accounts:password_reset_done", PUBLIC),
    Case(
        "accounts:password_reset_confirm",
        PUBLIC,
        kwargs=lambda w: {"uidb64": "MQ", "token": "invalid-token"},
    ),
    Case("accounts:password_reset_complete", PUBLIC),
]
