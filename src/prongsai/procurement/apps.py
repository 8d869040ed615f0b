from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "prongsai.procurement"
    label = "procurement"
    verbose_name = "สรุปผลการจัดซื้อจัดจ้าง (สขร. ๑)"

    def ready(self) -> None:
        from prongsai.core.demo import register_demo
        from prongsai.core.publications import register_document_kind, register_document_source
        from prongsai.core.thai import local_digits_lazy
        from prongsai.orgs.cycle import register_nav
        from prongsai.procurement import publications
        from prongsai.procurement.demo import build_procurement

        register_nav(
            local_digits_lazy(_("จัดซื้อจัดจ้าง (สขร. ๑)")),
            "procurement:index",
        )
        register_demo("procurement", build_procurement)
        register_document_kind(publications.kind())
        register_document_source(publications.SOURCE)
