from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "prongsai.core"
    label = "core"
    verbose_name = "Prongsai"
