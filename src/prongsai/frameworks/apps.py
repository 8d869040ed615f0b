from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "prongsai.frameworks"
    label = "frameworks"
    verbose_name = "เกณฑ์การประเมิน ITA"
