from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "prongsai.jobs"
    label = "jobs"
    verbose_name = "งานเบื้องหลัง"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.orgs.cycle import register_nav

        register_nav(_("เอกสารทั้งชุด"), "jobs:list")  # type: ignore[arg-type]
