from django.apps import AppConfig


class OitConfig(AppConfig):
    name = "prongsai.oit"
    label = "oit"
    verbose_name = "ทะเบียนการเปิดเผยข้อมูลสาธารณะ (OIT)"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.core.demo import register_demo
        from prongsai.oit.cycle import oit_step
        from prongsai.oit.demo import build_demo_oit
        from prongsai.orgs.cycle import register_nav, register_step

        register_step("oit", oit_step)
        register_nav(_("ทะเบียน OIT"), "oit:index")  # type: ignore[arg-type]
        register_demo("oit", build_demo_oit)
        from prongsai.oit.deadlines import oit_deadlines
        from prongsai.progress.deadlines import register_deadline_source

        register_deadline_source(oit_deadlines)
        from prongsai.oit.documents import register_builtin_documents

        register_builtin_documents()
