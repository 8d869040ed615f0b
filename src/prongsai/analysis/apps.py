from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "prongsai.analysis"
    label = "analysis"
    verbose_name = "วิเคราะห์ผลการประเมิน ITA"

    def ready(self) -> None:
        from prongsai.analysis.cycle import analysis_step
        from prongsai.analysis.demo import build_analysis
        from prongsai.core.demo import register_demo
        from prongsai.core.documents import register_document
        from prongsai.orgs.cycle import register_nav, register_step

        register_step("analysis", analysis_step)
        register_nav(_("วิเคราะห์ผล"), "analysis:index")  # type: ignore[arg-type]
        register_document(
            "analysis",
            "prongsai.analysis.documents.build_analysis_document",
            _("การวิเคราะห์ผลการประเมิน"),
        )
        register_demo("analysis", build_analysis)
