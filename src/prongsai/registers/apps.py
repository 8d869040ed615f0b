from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "prongsai.registers"
    label = "registers"
    verbose_name = "ทะเบียนหลักฐาน OIT"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.core.demo import register_demo
        from prongsai.core.documents import register_later
        from prongsai.orgs.cycle import register_nav, register_step
        from prongsai.registers.cycle import registers_step
        from prongsai.registers.demo import build_demo_registers

        register_later("prongsai.registers.documents.register")
        register_nav(_("ทะเบียนหลักฐาน"), "registers:index")  # type: ignore[arg-type]
        register_step("registers", registers_step)
        register_demo("registers", build_demo_registers)
        from prongsai.registers.publications import register as register_publications

        register_publications()
        from prongsai.progress.deadlines import register_deadline_source
        from prongsai.registers.deadlines import registers_deadlines

        register_deadline_source(registers_deadlines)
