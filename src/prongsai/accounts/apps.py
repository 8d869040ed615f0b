from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prongsai.accounts"
    label = "accounts"
    verbose_name = "บัญชีผู้ใช้"

    def ready(self) -> None:
        from django.contrib import admin

        from prongsai.accounts import throttle  # noqa: F401 - connects the failed-login receiver
        from prongsai.accounts.forms import ThrottledAdminAuthenticationForm

        admin.site.login_form = ThrottledAdminAuthenticationForm  # says "wait", like our page
