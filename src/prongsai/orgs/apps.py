from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "prongsai.orgs"
    label = "orgs"
    verbose_name = "หน่วยงานและบุคลากร"

    def ready(self) -> None:
        from prongsai.core.demo import register_demo
        from prongsai.orgs.demo import build_orgs

        register_demo("orgs", build_orgs)

        from prongsai.orgs import stamps

        stamps.connect()
