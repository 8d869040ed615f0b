from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "prongsai.audit"
    label = "audit"
    verbose_name = "บันทึกการเปลี่ยนแปลง"

    def ready(self) -> None:
        from prongsai.audit import signals

        signals.connect()
