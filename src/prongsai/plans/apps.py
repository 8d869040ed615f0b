from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "prongsai.plans"
    label = "plans"
    verbose_name = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.core.demo import register_demo
        from prongsai.core.documents import register_document
        from prongsai.orgs.cycle import register_nav, register_step, register_year_hint
        from prongsai.plans.cycle import latest_plan_year, plan_step
        from prongsai.plans.demo import build_demo_plan
        from prongsai.plans.documents import build_plan_document

        register_step("plan", plan_step)
        register_year_hint(latest_plan_year)
        register_document("plan", build_plan_document, _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส"))
        register_nav(_("มาตรการ"), "plans:list")  # type: ignore[arg-type]
        register_demo("plans", build_demo_plan)
