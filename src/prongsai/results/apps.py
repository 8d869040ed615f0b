from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "prongsai.results"
    label = "results"
    verbose_name = "ผลการประเมิน ITA"

    def ready(self) -> None:
        from prongsai.core.demo import register_demo
        from prongsai.orgs.cycle import register_nav, register_step
        from prongsai.results.cycle import results_step
        from prongsai.results.demo import build_results

        register_step("results", results_step)
        register_nav(_("ผลการประเมิน"), "results:index")  # type: ignore[arg-type]
        register_demo("results", build_results)
