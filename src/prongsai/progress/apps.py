from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "prongsai.progress"
    label = "progress"
    verbose_name = "ผลการดำเนินการตามมาตรการ"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.core.demo import register_demo
        from prongsai.core.documents import register_later
        from prongsai.orgs.cycle import register_nav, register_step
        from prongsai.progress.cycle import progress_step, reports_step
        from prongsai.progress.demo import build_demo_progress

        register_step("progress", progress_step)
        register_step("reports", reports_step)
        register_nav(_("ผลการดำเนินการ"), "progress:index")  # type: ignore[arg-type]
        register_nav(_("กำหนดส่งงาน"), "progress:deadlines")  # type: ignore[arg-type]
        register_later("prongsai.progress.documents.register")
        register_demo("progress", build_demo_progress)
