from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prongsai.accounts"
    label = "accounts"
    verbose_name = "บัญชีผู้ใช้"
