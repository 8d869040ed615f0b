from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "prongsai.oversight"
    label = "oversight"
    verbose_name = "การกำกับดูแลหลายหน่วยงาน"

    def ready(self) -> None:
        from prongsai.oversight import versioning

        versioning.connect()
