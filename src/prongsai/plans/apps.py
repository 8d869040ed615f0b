from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "prongsai.plans"
    label = "plans"
    verbose_name = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.core.demo import register_demo
        from prongsai.orgs.cycle import register_nav, register_step
        from prongsai.plans.cycle import plan_step
        from prongsai.plans.demo import build_demo_plan

        from prongsai.core.documents import register_document
        from prongsai.plans.documents import build_plan_document

        register_step("plan", plan_step)
        register_document("plan", build_plan_document)
        register_nav(_("มาตรการ"), "plans:list")  # type: ignore[arg-type]
        if _demo_ready():
            register_demo("plans", build_demo_plan)


def _demo_ready() -> bool:
    """The demo plan needs the knowledge base and the analysis (being integrated)."""
    import importlib.util

    return all(
        importlib.util.find_spec(m) is not None
        for m in ("prongsai.plans.suggestions", "prongsai.plans.knowledge", "prongsai.analysis")
    )
