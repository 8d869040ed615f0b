from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "prongsai.plans"
    label = "plans"
    verbose_name = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.core.demo import register_demo
        from prongsai.core.documents import register_cycle_year, register_document
        from prongsai.orgs.cycle import register_nav, register_step, register_year_hint
        from prongsai.plans.cycle import analysis_year_of_cycle, latest_plan_year, plan_step
        from prongsai.plans.demo import build_demo_plan

        register_step("plan", plan_step)
        register_year_hint(latest_plan_year)
        register_document(
            "plan",
            "prongsai.plans.documents.build_plan_document",
            _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส"),
        )
        register_cycle_year("analysis", analysis_year_of_cycle)
        register_nav(_("มาตรการ"), "plans:list")  # type: ignore[arg-type]
        register_demo("plans", build_demo_plan)
