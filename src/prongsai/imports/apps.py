from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "prongsai.imports"
    label = "imports"
    verbose_name = "นำเข้าเอกสาร"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.orgs.access import Need
        from prongsai.orgs.cycle import register_nav

        register_nav(_("นำเข้าเอกสาร"), "imports:upload", Need.WRITE)  # type: ignore[arg-type]
