from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prongsai.accounts"
    label = "accounts"
    verbose_name = "บัญชีผู้ใช้"

    def ready(self) -> None:
        from prongsai.accounts import throttle  # noqa: F401 - connects the failed-login receiver
