from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "prongsai.audit"
    label = "audit"
    verbose_name = "บันทึกการเปลี่ยนแปลง"

    def ready(self) -> None:
        from prongsai.audit import signals

        signals.connect()

        from django.utils.translation import gettext_lazy as _

        from prongsai.audit.views import may_read_audit
        from prongsai.orgs.cycle import register_nav

        register_nav(_("บันทึกการเปลี่ยนแปลง"), "audit:log", group=1, allowed=may_read_audit)  # type: ignore[arg-type]
