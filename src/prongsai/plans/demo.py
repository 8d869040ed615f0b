"""The demo agency's FY2567 plan: the seven standard issues with measures from the knowledge base,
chosen from the weak questions of its FY2566 results; its constraints come from the analysis."""

from __future__ import annotations

from prongsai.core.demo import DemoContext


def build_demo_plan(ctx: DemoContext) -> None:
    from prongsai.plans import services
    from prongsai.plans.suggestions import plan_suggestions

    agency = ctx.objects["agency"]
    plan = services.plan_create(
        agency=agency, fiscal_year=2567, based_on_year=2566, user=None, with_standard_issues=True
    )
    suggestions = plan_suggestions(plan)
    keys = [item["measure"].key for group in suggestions["groups"] for item in group["items"]]
    services.suggestions_accept(
        plan, keys=keys, user=None, codes_by_key=suggestions["codes_by_key"]
    )
    ctx.objects["plan"] = plan
